import { describe, expect, it } from 'vitest';
import { chinaDate, chinaTime } from './index.ts';

describe('China time (UTC+8, no daylight saving)', () => {
  it('turns an instant into the date and wall-clock time a Chinese reader expects, across midnight UTC', () => {
    expect(chinaDate(new Date('2026-11-01T16:30:00Z'))).toBe('2026-11-02');
    expect(chinaTime('2026-11-01T16:30:05Z')).toBe('2026-11-02 00:30');
    expect(chinaTime(new Date('2026-07-01T01:00:59Z'), 'second')).toBe('2026-07-01 09:00:59');
  });
});
