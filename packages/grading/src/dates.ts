/** Calendar arithmetic on YYYY-MM-DD strings, free of time zones. */

const parts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/** Completed months from `from` to `to` (a birthday-style count: 2020-03-31 → 2020-04-30 is 0). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

export const yearsBetween = (from: string, to: string): number => Math.floor(monthsBetween(from, to) / 12);

/** 27 → "2 年 3 个月", 24 → "2 年", 5 → "5 个月". */
export function formatMonths(months: number): string {
  const m = Math.max(0, months);
  const y = Math.floor(m / 12);
  const rest = m % 12;
  if (y === 0) return `${rest} 个月`;
  return rest === 0 ? `${y} 年` : `${y} 年 ${rest} 个月`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** China's wall clock (UTC+8, no daylight saving) at an instant, as `YYYY-MM-DDTHH:mm:ss`. */
const chinaClock = (instant: Date | string): string =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + 8 * 3_600_000)
    .toISOString()
    .slice(0, 19);

/** The calendar date in China at an instant. */
export const chinaDate = (now: Date): string => chinaClock(now).slice(0, 10);

/** China time at an instant, as printed on forms and lists: `2026-11-02 09:00` (minutes) or `2026-11-02 09:00:00`. */
export const chinaTime = (instant: Date | string, precision: 'minute' | 'second' = 'minute'): string =>
  chinaClock(instant)
    .slice(0, precision === 'minute' ? 16 : 19)
    .replace('T', ' ');

/** "2025-10-09" → "2025年10月9日", as the forms and notices write dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}
