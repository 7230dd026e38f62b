import { Show, type JSX } from 'solid-js';
import { formatRemaining } from '../sync/server-clock.ts';

/** Remaining time on the server's clock; amber under 15 minutes, red under 5. */
export function Countdown(props: { remainingMs: number; paused: boolean }): JSX.Element {
  const level = () => (props.remainingMs <= 5 * 60_000 ? 'danger' : props.remainingMs <= 15 * 60_000 ? 'warn' : 'ok');
  return (
    <p class="kw-countdown" data-level={level()} role="timer" aria-label="剩余时间">
      <span class="kw-countdown-label">剩余时间</span>
      <span class="kw-countdown-value">{formatRemaining(props.remainingMs)}</span>
      <Show when={props.paused}>
        <span class="kw-countdown-paused">（已暂停）</span>
      </Show>
    </p>
  );
}
