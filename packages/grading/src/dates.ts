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

/** "2025-10-09" → "2025年10月9日", as the forms and notices write dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}

/** The same day `years` later; 29 February goes to 1 March (a retention period is never cut short). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  return t.toISOString().slice(0, 10);
}
