import { describe, expect, it } from 'vitest';
import { crossedWarning, formatRemaining, ServerClock } from './server-clock.ts';

describe('ServerClock', () => {
  it('runs on the server time measured at the middle of the round trip, whatever the computer clock says', () => {
    let mono = 1000;
    const clock = new ServerClock(() => mono);
    clock.sync(5_000_000, 1000, 1100); // 100 ms round trip: the server said 5,000,000 at mono 1050
    mono = 2050;
    expect(clock.now()).toBe(5_001_000);
    // A slower round trip does not replace a faster recent one.
    clock.sync(9_999_999, 2050, 2550);
    expect(clock.now()).toBe(5_001_000);
  });
});

describe('countdown text and warnings', () => {
  it('formats the time left for the candidate', () => {
    expect(formatRemaining(90 * 60_000)).toBe('1:30:00');
    expect(formatRemaining(5 * 60_000 + 9_000)).toBe('05:09');
    expect(formatRemaining(400)).toBe('00:01');
    expect(formatRemaining(-5)).toBe('00:00');
  });

  it('warns once when crossing 15 and 5 minutes', () => {
    expect(crossedWarning(15 * 60_000 + 200, 15 * 60_000 - 50)).toBe(15 * 60_000);
    expect(crossedWarning(15 * 60_000 - 50, 15 * 60_000 - 300)).toBeUndefined();
    expect(crossedWarning(5 * 60_000 + 1, 5 * 60_000)).toBe(5 * 60_000);
  });
});
