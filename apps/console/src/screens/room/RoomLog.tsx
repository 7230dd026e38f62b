import { For, Show } from 'solid-js';
import type { RoomLogEntry } from '../../contract.ts';
import { actionText, actorText, seatText, timeOfDay } from './room-text.ts';

/**
 * The room's audit trail as it happens: every proctor action (and each start and submission) with who, which
 * seat and when, newest first. It reads the same hash-chained records the audit log verifies.
 */
export function RoomLog(props: { entries: readonly RoomLogEntry[] }) {
  return (
    <aside class="room-log" aria-label="考场记录">
      <h3>考场记录（审计）</h3>
      <Show when={props.entries.length > 0} fallback={<p class="empty">暂无记录</p>}>
        <ol role="log">
          <For each={props.entries}>
            {(e) => (
              <li data-action={e.action} data-seq={e.seq}>
                <time dateTime={e.at}>{timeOfDay(e.at)}</time>
                <div>
                  <span class="who">{actorText(e)}</span>
                  <span class="seat">{seatText(e)}</span>
                </div>
                <div class="what">{actionText(e)}</div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </aside>
  );
}
