import { clientEventKindName, SEAT_STATUS_NAMES } from '@kaowu/domain/browser';
import { createSignal, Show } from 'solid-js';
import { client } from '../../api.ts';
import type { RoomLogEntry, SeatView } from '../../contract.ts';
import { actionText, clockText, timeOfDay } from './room-text.ts';
import { SeatRealname } from './SeatRealname.tsx';

/** A confirmed proctor action: the question, the API path, its body and what to say once done. */
/** Asks `question`, then sends `request` (a typed client call) and says `done`. */
export type Act = (question: string, request: () => Promise<unknown>, done?: string) => void;

/**
 * One seat on the board: status, progress, time left (ticking), the latest client event and the latest record
 * about this seat, a pending device transfer, and the seat's own actions.
 */
export function SeatTile(props: {
  seat: SeatView;
  secondsLeft: number | null;
  lastRecord: RoomLogEntry | undefined;
  act: Act;
}) {
  const s = () => props.seat;
  const c = () => client.candidates[':candidateId'];
  const param = () => ({ candidateId: s().candidateId });
  const running = () => s().status === 'in_progress' || s().status === 'paused';
  // Not started (or marked absent already): the proctor records 缺考 here, the seat stays on the board.
  const mayBeAbsent = () => s().status === 'not_logged_in' || s().status === 'not_started';
  // The seat's own extension, never the room-level field: one candidate's lost minutes are not the room's.
  const [minutes, setMinutes] = createSignal('10');
  const mins = () => Number(minutes());
  const absent = (on: boolean) =>
    props.act(
      on ? `确定登记 ${s().name} 缺考？登记后该考生不能再开始答题。` : `确定取消 ${s().name} 的缺考登记？`,
      () => c().absent.$put({ param: param(), json: { absent: on } }),
      on ? `${s().name} 已登记缺考` : `${s().name} 已取消缺考`,
    );
  return (
    <article
      class={`tile ${s().status}${s().transferId !== null ? ' transfer' : ''}`}
      classList={{ anomalous: s().events > 0 }}
      data-ticket={s().ticket}
      aria-label={`座位 ${s().seat} ${s().name}`}
    >
      <header>
        <strong>{s().seat}</strong> {s().name} <span class="ticket">{s().ticket}</span>
        <Show when={s().events > 0}>
          <span class="anomaly-badge" title="退出全屏、切出窗口、被阻止的操作等（回到全屏不计）">
            异常 {s().events}
          </span>
        </Show>
      </header>
      <div class="seat-status">{SEAT_STATUS_NAMES[s().status]}</div>
      <SeatRealname seat={s()} act={props.act} />
      <Show when={s().total > 0}>
        <progress max={s().total} value={s().answered} aria-label={`答题进度 ${s().answered}/${s().total}`} />
      </Show>
      <div>
        已答{' '}
        <span class="answered">
          {s().answered}/{s().total}
        </span>{' '}
        · 剩余 <span class="time-left">{clockText(props.secondsLeft)}</span>
      </div>
      <div classList={{ events: true, warn: s().events > 0 }}>
        异常 {s().events}
        <Show when={s().lastEvent}>
          {(e) => (
            <span class="last-event">
              {' '}
              · {clientEventKindName(e().kind)} {timeOfDay(e().at)}
            </span>
          )}
        </Show>
      </div>
      <Show when={props.lastRecord}>
        {(r) => (
          <div class="last-record">
            {actionText(r())} · {timeOfDay(r().at)}
          </div>
        )}
      </Show>
      <Show when={s().transferId}>
        {(id) => (
          <div class="transfer-request">
            <span>申请换机</span>
            <button
              type="button"
              class="primary"
              onClick={() =>
                props.act(
                  `确认 ${s().name} 换机？旧设备将立即失效。`,
                  () => client.transfers[':transferId'].approve.$post({ param: { transferId: id() } }),
                  `已批准 ${s().name} 换机`,
                )
              }
            >
              批准换机
            </button>
          </div>
        )}
      </Show>
      <Show when={mayBeAbsent()}>
        <div class="tile-actions">
          <button type="button" onClick={() => absent(true)}>
            登记缺考
          </button>
        </div>
      </Show>
      <Show when={s().status === 'absent'}>
        <div class="tile-actions">
          <button type="button" onClick={() => absent(false)}>
            取消缺考
          </button>
        </div>
      </Show>
      <Show when={running()}>
        <div class="tile-actions">
          <input
            class="tile-minutes"
            type="number"
            min="1"
            max="240"
            aria-label={`${s().name} 延时分钟数`}
            value={minutes()}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
          <button
            type="button"
            onClick={() =>
              props.act(
                `确定为 ${s().name} 延时 ${mins()} 分钟？`,
                () => c().extend.$post({ param: param(), json: { minutes: mins() } }),
                `${s().name} 已延时 ${mins()} 分钟`,
              )
            }
          >
            延时（分钟）
          </button>
          <Show
            when={s().status === 'in_progress'}
            fallback={
              <button
                type="button"
                onClick={() =>
                  props.act(`确定恢复 ${s().name}？`, () => c().resume.$post({ param: param() }), `${s().name} 已恢复`)
                }
              >
                恢复
              </button>
            }
          >
            <button
              type="button"
              onClick={() =>
                props.act(`确定暂停 ${s().name}？`, () => c().pause.$post({ param: param() }), `${s().name} 已暂停`)
              }
            >
              暂停
            </button>
          </Show>
          <button
            type="button"
            onClick={() =>
              props.act(
                `确定强制 ${s().name} 交卷？此操作不可撤销。`,
                () => c().submit.$post({ param: param() }),
                `${s().name} 已强制交卷`,
              )
            }
          >
            收卷
          </button>
        </div>
      </Show>
    </article>
  );
}
