import { createMemo, createSignal, Show } from 'solid-js';
import { ApiError, client } from '../../api.ts';
import { may } from '../../permissions.ts';
import type { Act } from './SeatTile.tsx';

/**
 * 提前开考: while the candidate list is published (公示期) the room does not open and the refusal names the date
 * it ends; an administrator may still open it with a written reason, which goes into the room's audit record.
 */
export function EarlyOpen(props: { roomId: string; refusal: unknown; act: Act }) {
  const [reason, setReason] = createSignal('');
  // Stays once refused, so a cancelled confirmation or a refused reason does not take the form away.
  const listOpen = createMemo<boolean>(
    (seen) => seen || (props.refusal instanceof ApiError && props.refusal.code === 'candidate_list_open'),
    false,
  );
  return (
    <Show when={listOpen() && may('batch.manage')}>
      <form
        class="row"
        aria-label="提前开考"
        onSubmit={(e) => {
          e.preventDefault();
          const why = reason().trim();
          props.act(
            `确定在考生名单公示期内提前开放考场？\n书面理由：${why}\n理由将记入审计记录。`,
            () =>
              client.rooms[':roomId']['open-early'].$post({ param: { roomId: props.roomId }, json: { reason: why } }),
            '考场已提前开放（理由已记入审计记录）',
          );
        }}
      >
        <label class="wide">
          提前开考的书面理由
          <input value={reason()} maxLength={2000} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={reason().trim() === ''}>
          提前开考
        </button>
      </form>
    </Show>
  );
}
