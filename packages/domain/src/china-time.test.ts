import { describe, expect, it } from 'vitest';
import { chinaDate, chinaTime } from './browser.ts';

describe('China time (UTC+8, no daylight saving)', () => {
  it('turns an instant into the date and wall-clock time a Chinese reader expects, across midnight UTC', () => {
    // 16:30 UTC on 7 December is half past midnight of 8 December in Beijing.
    expect(chinaTime('2026-12-07T16:30:00Z')).toBe('2026-12-08 00:30');
    expect(chinaDate('2026-12-07T16:30:00Z')).toBe('2026-12-08');
    expect(chinaDate(new Date('2026-11-01T16:30:00Z'))).toBe('2026-11-02');
    // One second before midnight in Beijing is still the same day.
    expect(chinaTime(new Date('2026-12-07T15:59:59Z'), 'second')).toBe('2026-12-07 23:59:59');
    expect(chinaDate(new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
  });

  it('reads instants written with an offset and drops, not rounds, the seconds', () => {
    expect(chinaTime('2026-07-01T09:00:59+08:00')).toBe('2026-07-01 09:00');
    expect(chinaTime('2026-07-01T01:00:59.999Z', 'second')).toBe('2026-07-01 09:00:59');
  });

  it('crosses a year end and a leap day', () => {
    expect(chinaTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
    expect(chinaDate('2028-02-28T17:00:00Z')).toBe('2028-02-29');
  });
});
