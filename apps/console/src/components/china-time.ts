/**
 * Beijing time as staff read it (the server stores UTC instants): `2026-09-22 09:03`, or with seconds
 * `2026-09-22 09:03:05` where the order of events within a minute matters (the audit page).
 */
const part = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;
const TO_MINUTE = new Intl.DateTimeFormat('sv-SE', part);
const TO_SECOND = new Intl.DateTimeFormat('sv-SE', { ...part, second: '2-digit' });

export const chinaTime = (iso: string, precision: 'minute' | 'second' = 'minute'): string =>
  (precision === 'second' ? TO_SECOND : TO_MINUTE).format(new Date(iso));
