import { describe, expect, it } from 'vitest';
import {
  acceptsSaves,
  deadlineOf,
  extendClock,
  isExpired,
  pauseClock,
  remainingMs,
  resumeClock,
  SAVE_GRACE_MS,
  startClock,
} from './clock.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-02T01:00:00Z');

describe('the attempt clock', () => {
  it('gives the paper duration, cut short by the end of the window', () => {
    expect(deadlineOf(startClock(T0, 90, T0 + 600 * MIN, false))).toBe(T0 + 90 * MIN);
    expect(deadlineOf(startClock(T0, 90, T0 + 30 * MIN, false))).toBe(T0 + 30 * MIN);
  });

  it('deadline = start + duration + extensions + paused time; the clock stops while paused', () => {
    let c = startClock(T0, 90, T0 + 600 * MIN, false);
    c = pauseClock(c, T0 + 10 * MIN);
    expect(deadlineOf(c)).toBeNull();
    expect(remainingMs(c, T0 + 10 * MIN)).toBe(80 * MIN);
    expect(remainingMs(c, T0 + 25 * MIN)).toBe(80 * MIN); // frozen while paused
    c = resumeClock(c, T0 + 25 * MIN);
    expect(deadlineOf(c)).toBe(T0 + 105 * MIN);
    c = extendClock(c, 5 * MIN);
    expect(deadlineOf(c)).toBe(T0 + 110 * MIN);
    c = resumeClock(pauseClock(c, T0 + 30 * MIN), T0 + 33 * MIN);
    expect(deadlineOf(c)).toBe(T0 + 113 * MIN);
    expect(remainingMs(c, T0 + 103 * MIN)).toBe(10 * MIN);
  });

  it('pausing twice or resuming a running clock changes nothing', () => {
    const c = pauseClock(startClock(T0, 60, T0 + 600 * MIN, false), T0 + MIN);
    expect(pauseClock(c, T0 + 5 * MIN)).toBe(c);
    const running = startClock(T0, 60, T0 + 600 * MIN, false);
    expect(resumeClock(running, T0 + 5 * MIN)).toBe(running);
  });

  it('a clock that ran out cannot be paused back into life', () => {
    const c = pauseClock(startClock(T0, 60, T0 + 600 * MIN, false), T0 + 70 * MIN);
    expect(remainingMs(resumeClock(c, T0 + 80 * MIN), T0 + 80 * MIN)).toBe(0);
  });

  it('accepts saves up to the deadline plus the grace, then expires', () => {
    const c = startClock(T0, 60, T0 + 600 * MIN, false);
    expect(acceptsSaves(c, T0 + 60 * MIN + SAVE_GRACE_MS)).toBe(true);
    expect(acceptsSaves(c, T0 + 60 * MIN + SAVE_GRACE_MS + 1)).toBe(false);
    expect(isExpired(c, T0 + 60 * MIN + SAVE_GRACE_MS + 1)).toBe(true);
    const paused = pauseClock(c, T0 + 10 * MIN);
    expect(isExpired(paused, T0 + 600 * MIN)).toBe(false);
  });

  it('a paused clock accepts no save, not even one sent a moment before the pause', () => {
    const c = startClock(T0, 60, T0 + 600 * MIN, false);
    const paused = pauseClock(c, T0 + 10 * MIN);
    expect(acceptsSaves(paused, T0 + 10 * MIN)).toBe(false);
    expect(acceptsSaves(paused, T0 + 10 * MIN + 1)).toBe(false);
    expect(acceptsSaves(resumeClock(paused, T0 + 12 * MIN), T0 + 12 * MIN)).toBe(true);
    expect(isExpired(paused, T0 + 600 * MIN)).toBe(false);
  });

  it('a clock started while the room is paused waits for the resume', () => {
    const c = resumeClock(startClock(T0, 60, T0 + 600 * MIN, true), T0 + 7 * MIN);
    expect(deadlineOf(c)).toBe(T0 + 67 * MIN);
  });

  it('an accommodation multiplies the paper time, adds its minutes, and moves the window end by the same', () => {
    const window = T0 + 90 * MIN;
    expect(deadlineOf(startClock(T0, 60, window, false, { extraMinutes: 20, timeFactor: 1, largeFont: false }))).toBe(
      T0 + 80 * MIN,
    );
    // 60 × 1.5 + 10 = 100 minutes, although the common window ends after 90: it ends 40 minutes later for them.
    expect(deadlineOf(startClock(T0, 60, window, false, { extraMinutes: 10, timeFactor: 1.5, largeFont: true }))).toBe(
      T0 + 100 * MIN,
    );
    // Starting late: cut by the window end moved by the 40 extra minutes (T0+130), not by the common one.
    const late = startClock(T0 + 60 * MIN, 60, window, false, { extraMinutes: 10, timeFactor: 1.5, largeFont: false });
    expect(deadlineOf(late)).toBe(T0 + 130 * MIN);
  });
});
