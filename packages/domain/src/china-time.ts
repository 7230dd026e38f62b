/**
 * China time (UTC+8, no daylight saving since 1991) as staff read it: the server stores UTC instants and every
 * screen, form, list and CLI line prints them through here. Plain arithmetic, no Intl: it runs the same in a
 * browser, in Node and under any TZ.
 */
const EIGHT_HOURS = 8 * 3_600_000;

/** China's wall clock at an instant, as `YYYY-MM-DDTHH:mm:ss`. */
const chinaClock = (instant: Date | string): string =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + EIGHT_HOURS)
    .toISOString()
    .slice(0, 19);

/** The calendar date in China at an instant: `2026-12-08` for 2026-12-07T16:30:00Z. */
export const chinaDate = (instant: Date | string): string => chinaClock(instant).slice(0, 10);

/** China time at an instant, as printed on forms and lists: `2026-11-02 09:00` (minutes) or `2026-11-02 09:00:00`. */
export const chinaTime = (instant: Date | string, precision: 'minute' | 'second' = 'minute'): string =>
  chinaClock(instant)
    .slice(0, precision === 'minute' ? 16 : 19)
    .replace('T', ' ');
