import { createSignal, For, onCleanup, Show } from 'solid-js';
import { api } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { RoomView, SeatView } from '../../types.ts';

const SEAT_STATUS: Record<SeatView['status'], string> = { not_logged_in: '未登录', in_progress: '答题中', paused: '已暂停', submitted: '已交卷', absent: '缺考' };
const clock = (s: number | null): string => (s === null ? '—' : `${Math.floor(s / 60)}:${String(Math.max(0, s % 60)).padStart(2, '0')}`);

/** The live room board: one tile per seat over Server-Sent Events, and every proctor action behind a confirmation. */
export function RoomBoard(props: { roomId: string }) {
  const [view, setView] = createSignal<RoomView>();
  const [live, setLive] = createSignal(false);
  const [minutes, setMinutes] = createSignal('10');
  const [note, setNote] = createSignal('');
  const action = createAction();
  // EventSource reconnects by itself; the board says when it is not live.
  const source = new EventSource(`/api/rooms/${encodeURIComponent(props.roomId)}/live`);
  source.addEventListener('room', (e) => {
    setView(JSON.parse((e as MessageEvent<string>).data) as RoomView);
    setLive(true);
  });
  source.onerror = () => setLive(false);
  onCleanup(() => source.close());
  const act = (question: string, path: string, body: unknown = {}, done = '已执行') =>
    void action.run(async () => {
      if (!window.confirm(question)) return undefined;
      await api.post(path, body);
      return done;
    }, (d) => d);
  const room = `/rooms/${encodeURIComponent(props.roomId)}`;
  const mins = () => Number(minutes());
  return (
    <section class="room" aria-label="考场看板">
      <Show when={view()} fallback={<p>正在连接考场…</p>}>
        {(v) => (
          <>
            <header class="row">
              <h2>{v().code} {v().name}</h2>
              <span classList={{ live: true, ok: live() }}>{live() ? '实时' : '连接中断，正在重连…'}</span>
              <span data-testid="room-status">{v().status === 'open' ? '已开考' : v().status === 'closed' ? '已结束' : '未开考'}{v().paused ? '（暂停中）' : ''}</span>
              <span class="right">在考 {v().seats.filter((s) => s.status === 'in_progress').length} · 交卷 {v().seats.filter((s) => s.status === 'submitted').length} / {v().seats.length}</span>
            </header>
            <div class="row actions">
              <Show when={v().status !== 'open'}><button type="button" class="primary" onClick={() => act(`确定开放考场 ${v().code}？考生即可登录开考。`, `${room}/open`, {}, '考场已开放')}>开放考场</button></Show>
              <Show when={v().status === 'open' && !v().paused}><button type="button" onClick={() => act('确定暂停全场？所有考生计时停止。', `${room}/pause`, {}, '全场已暂停')}>全场暂停</button></Show>
              <Show when={v().paused}><button type="button" onClick={() => act('确定恢复全场？', `${room}/resume`, {}, '全场已恢复')}>全场恢复</button></Show>
              <label>延时（分钟）<input class="short" type="number" min="1" max="120" value={minutes()} onInput={(e) => setMinutes(e.currentTarget.value)} /></label>
              <button type="button" onClick={() => act(`确定为全场延时 ${mins()} 分钟？`, `${room}/extend`, { minutes: mins() }, `全场已延时 ${mins()} 分钟`)}>全场延时</button>
              <input aria-label="情况记录" placeholder="考场情况记录" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
              <button type="button" disabled={note().trim() === ''} onClick={() => act('确定记录这条考场情况？', `${room}/incidents`, { note: note().trim() }, '已记录')}>记录情况</button>
              <Show when={v().status === 'open'}><button type="button" onClick={() => act(`确定结束考场 ${v().code}？`, `${room}/close`, {}, '考场已结束')}>结束考场</button></Show>
            </div>
            <Notice ok={action.ok()} error={action.error()} />
            <div class="tiles">
              <For each={v().seats}>
                {(s) => {
                  const c = `/candidates/${encodeURIComponent(s.candidateId)}`;
                  return (
                    <article class={`tile ${s.status}`} data-ticket={s.ticket} aria-label={`座位 ${s.seat} ${s.name}`}>
                      <header><strong>{s.seat}</strong> {s.name}</header>
                      <div class="seat-status">{SEAT_STATUS[s.status]}</div>
                      <div>已答 {s.answered}/{s.total} · 剩余 <span class="time-left">{clock(s.remainingSeconds)}</span></div>
                      <div classList={{ events: true, warn: s.events > 0 }}>异常 {s.events}</div>
                      <Show when={s.transferId}><button type="button" class="primary" onClick={() => act(`确认 ${s.name} 换机？旧设备将立即失效。`, `/transfers/${s.transferId}/approve`, {}, '已批准换机')}>批准换机</button></Show>
                      <Show when={s.status === 'in_progress' || s.status === 'paused'}>
                        <div class="tile-actions">
                          <button type="button" onClick={() => act(`确定为 ${s.name} 延时 ${mins()} 分钟？`, `${c}/extend`, { minutes: mins() }, `${s.name} 已延时 ${mins()} 分钟`)}>延时</button>
                          <Show when={s.status === 'in_progress'} fallback={<button type="button" onClick={() => act(`确定恢复 ${s.name}？`, `${c}/resume`, {}, '已恢复')}>恢复</button>}>
                            <button type="button" onClick={() => act(`确定暂停 ${s.name}？`, `${c}/pause`, {}, '已暂停')}>暂停</button>
                          </Show>
                          <button type="button" onClick={() => act(`确定强制 ${s.name} 交卷？此操作不可撤销。`, `${c}/submit`, {}, '已强制交卷')}>收卷</button>
                        </div>
                      </Show>
                    </article>
                  );
                }}
              </For>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
