import type { JSX } from 'solid-js';

/** The marks a screen reader hears, in minutes left. */
export const ANNOUNCED_MINUTES = [15, 5, 1] as const;

/** What is announced at `remainingMs`: the smallest mark reached, or nothing above 15 minutes. */
export function announcement(remainingMs: number): string {
  const mark = [...ANNOUNCED_MINUTES].reverse().find((m) => remainingMs <= m * 60_000);
  return mark === undefined || remainingMs <= 0 ? '' : `剩余时间不足 ${mark} 分钟`;
}

/**
 * Remaining time for screen readers: a polite live region whose text changes only when 15, 5 and 1 minutes are
 * reached, so it is announced three times, never every second (the visible countdown is role=timer, silent).
 * Derived from the time left, no effect: a candidate who starts late hears the mark already reached once.
 */
export function TimeAnnouncer(props: { remainingMs: number }): JSX.Element {
  return (
    <p class="kw-sr-only" aria-live="polite" aria-atomic="true" data-testid="time-announcer">
      {announcement(props.remainingMs)}
    </p>
  );
}
