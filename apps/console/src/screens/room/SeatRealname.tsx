import { IDENTITY_CHECK_NAMES, IDENTITY_UNCHECKED, START_FRAME_NAMES } from '@kaowu/domain/browser';
import { createSignal, Show } from 'solid-js';
import { client } from '../../api.ts';
import type { SeatView } from '../../contract.ts';
import type { Act } from './SeatTile.tsx';
import './realname.css';

/**
 * 实名核验 on a seat tile: the roster photo beside the webcam frame taken at 开始答题 (or why there is none), the
 * proctor's check (unchecked seats stand out), a mismatch with its note (recorded as an incident), and the
 * accommodation that explains a later deadline. The proctor compares; the server compares nothing.
 */
export function SeatRealname(props: { seat: SeatView; act: Act }) {
  const s = () => props.seat;
  const [noting, setNoting] = createSignal(false);
  const [note, setNote] = createSignal('');
  const identity = (status: 'checked' | 'mismatch', text?: string) =>
    client.candidates[':candidateId'].identity.$put({
      param: { candidateId: s().candidateId },
      json: text === undefined ? { status } : { status, note: text },
    });
  return (
    <Show when={s().realname}>
      {(r) => (
        <div class={`realname ${r().identity ?? 'unchecked'}`}>
          <div class="faces">
            <Show when={r().photo} fallback={<span class="no-photo">无名单照片</span>}>
              <img src={`/api/candidates/${s().candidateId}/photo`} alt={`${s().name} 的名单照片`} />
            </Show>
            <Show when={r().frame}>
              {(f) => (
                <Show
                  when={f() === 'captured'}
                  fallback={
                    <span class="frame-missing" role="status">
                      {START_FRAME_NAMES[f()]}
                      {r().frameReason ? `（${r().frameReason}）` : ''}
                    </span>
                  }
                >
                  <img src={`/api/candidates/${s().candidateId}/frame`} alt={`${s().name} 开考时的摄像头照片`} />
                </Show>
              )}
            </Show>
          </div>
          <div class="identity-state">
            实名核验：<strong>{r().identity ? IDENTITY_CHECK_NAMES[r().identity!] : IDENTITY_UNCHECKED}</strong>
            <Show when={r().identityNote}>{(n) => <span class="identity-note">（{n()}）</span>}</Show>
          </div>
          <Show when={r().accommodationText}>
            <div class="accommodation">便利安排：{r().accommodationText}</div>
          </Show>
          <div class="identity-actions">
            <Show when={r().identity !== 'checked'}>
              <button
                type="button"
                onClick={() =>
                  props.act(
                    `确认 ${s().name} 本人、身份证与照片一致？`,
                    () => identity('checked'),
                    `${s().name} 已核验`,
                  )
                }
              >
                核验通过
              </button>
            </Show>
            <button type="button" class="danger" onClick={() => setNoting(!noting())}>
              人证不符
            </button>
          </div>
          <Show when={noting()}>
            <form
              class="mismatch"
              onSubmit={(e) => {
                e.preventDefault();
                const text = note().trim();
                props.act(
                  `确认记录 ${s().name} 人证不符？将记入考场情况。`,
                  async () => {
                    await identity('mismatch', text);
                    setNoting(false);
                    setNote('');
                  },
                  `已记录 ${s().name} 人证不符`,
                );
              }}
            >
              <input
                aria-label={`${s().name} 不符之处`}
                placeholder="不符之处"
                maxLength={500}
                value={note()}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <button type="submit" disabled={note().trim() === ''}>
                记录
              </button>
            </form>
          </Show>
        </div>
      )}
    </Show>
  );
}
