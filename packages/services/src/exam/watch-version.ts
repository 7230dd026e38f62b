import type { AttemptClock } from './clock.ts';
import type { AttemptStatus } from './runtime.ts';

/**
 * Everything a proctor can change about a candidate's screen (started, paused by the room or on its own, extended,
 * submitted), as one word: the state carries it, and a watch answers the moment the database holds another one.
 * Built from the clock's numbers, not from a cache, so every server process computes the same word.
 */
export function controlVersion(status: AttemptStatus, clock: AttemptClock | null, roomPaused: boolean): string {
  const c =
    clock === null ? [] : [clock.startedAt, clock.durationMs, clock.extensionMs, clock.pausedMs, clock.pausedSince];
  return [status, roomPaused ? 'p' : 'r', ...c.map((n) => n ?? '-')].join('.');
}
