import { accommodatedMinutes, type Accommodation, NO_ACCOMMODATION } from '@kaowu/domain';

/**
 * The attempt clock, owned by the server. Time used = now − start − paused time, so
 *   deadline = start + duration + extensions + pauses,
 * i.e. a pause stops the clock and moves the deadline by its length. While paused there is no fixed deadline.
 * Pure: times are epoch milliseconds passed in.
 */
export interface AttemptClock {
  readonly startedAt: number;
  /** The time the candidate has: the paper's duration, cut short by the end of the exam window. */
  readonly durationMs: number;
  readonly extensionMs: number;
  /** Sum of closed pauses. */
  readonly pausedMs: number;
  /** Start of the pause in progress, if any. */
  readonly pausedSince: number | null;
}

/** Saves arriving this long after the deadline are still accepted: they were sent in time over a slow network. */
export const SAVE_GRACE_MS = 15_000;

/**
 * An accommodation's extra time moves the window's end for that candidate by the same amount: a candidate granted
 * 30 more minutes who starts on time finishes 30 minutes after the others, never cut short by the common end.
 */
export function startClock(
  startedAt: number,
  paperMinutes: number,
  windowEndsAt: number,
  paused: boolean,
  accommodation: Accommodation = NO_ACCOMMODATION,
): AttemptClock {
  const minutes = accommodatedMinutes(paperMinutes, accommodation);
  const extraMs = Math.max(0, (minutes - paperMinutes) * 60_000);
  const durationMs = Math.max(0, Math.min(minutes * 60_000, windowEndsAt + extraMs - startedAt));
  return { startedAt, durationMs, extensionMs: 0, pausedMs: 0, pausedSince: paused ? startedAt : null };
}

/** The deadline, or null while the clock is stopped. */
export function deadlineOf(clock: AttemptClock): number | null {
  if (clock.pausedSince !== null) return null;
  return clock.startedAt + clock.durationMs + clock.extensionMs + clock.pausedMs;
}

/** Time left at `now` (never negative); while paused, frozen at what was left when the pause began. */
export function remainingMs(clock: AttemptClock, now: number): number {
  const at = clock.pausedSince ?? now;
  return Math.max(0, clock.startedAt + clock.durationMs + clock.extensionMs + clock.pausedMs - at);
}

/**
 * Whether an answer sent at `now` is still in time (deadline plus the grace). A paused clock accepts nothing:
 * the candidate was told to stop, and a save that was in flight stays in the client's outbox until the resume.
 */
export function acceptsSaves(clock: AttemptClock, now: number): boolean {
  if (clock.pausedSince !== null) return false;
  return now <= (deadlineOf(clock) ?? 0) + SAVE_GRACE_MS;
}

export function pauseClock(clock: AttemptClock, now: number): AttemptClock {
  if (clock.pausedSince !== null) return clock;
  // A clock that already ran out cannot be paused back into life.
  const end = deadlineOf(clock) ?? now;
  return { ...clock, pausedSince: Math.min(now, end) };
}

export function resumeClock(clock: AttemptClock, now: number): AttemptClock {
  if (clock.pausedSince === null) return clock;
  return { ...clock, pausedMs: clock.pausedMs + Math.max(0, now - clock.pausedSince), pausedSince: null };
}

/** Extensions only add time (callers validate a positive amount). */
export function extendClock(clock: AttemptClock, ms: number): AttemptClock {
  return { ...clock, extensionMs: clock.extensionMs + Math.max(0, ms) };
}

/** Expired: the clock runs and the deadline plus the grace has passed. */
export const isExpired = (clock: AttemptClock, now: number): boolean => {
  const deadline = deadlineOf(clock);
  return deadline !== null && now > deadline + SAVE_GRACE_MS;
};
