import { roomStatusName } from '@kaowu/domain/browser';
import { batch, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { RoomLogEntry, RoomView, SeatView } from '../../contract.ts';
import { EarlyOpen } from './EarlyOpen.tsx';
import { RoomLog } from './RoomLog.tsx';
import { SeatTile, type Act } from './SeatTile.tsx';
import './room.css';

type RoomHead = Omit<RoomView, 'seats' | 'log'>;

/**
 * The live room board: one tile per seat and the room's audit trail over Server-Sent Events, and every proctor
 * action behind a confirmation. Seats and records are reconciled by key, so a refresh every half second
 * updates the tiles in place instead of rebuilding them under the proctor's pointer.
 */
export function RoomBoard(props: { roomId: string }) {
  const [head, setHead] = createSignal<RoomHead>();
  const [seats, setSeats] = createStore<SeatView[]>([]);
  const [log, setLog] = createStore<RoomLogEntry[]>([]);
  const [live, setLive] = createSignal(false);
  // Server time minus browser time at the last view, so time left ticks down between views on the server's clock.
  const [skew, setSkew] = createSignal(0);
  const [now, setNow] = createSignal(Date.now());
  const [minutes, setMinutes] = createSignal('10');
  const [note, setNote] = createSignal('');
  const [noteSeat, setNoteSeat] = createSignal('');
  const action = createAction();

  // EventSource reconnects by itself; the board says when it is not live.
  const source = new EventSource(`/api/rooms/${encodeURIComponent(props.roomId)}/live`);
  source.addEventListener('room', (e) => {
    // The stream sends what GET /rooms/:roomId answers (routes/rooms.ts): the same roomView.
    const { seats: nextSeats, log: nextLog, ...rest } = JSON.parse((e as MessageEvent<string>).data) as RoomView;
    batch(() => {
      setHead(rest);
      setSeats(reconcile([...nextSeats], { key: 'candidateId' }));
      setLog(reconcile([...nextLog], { key: 'seq' }));
      setSkew(Date.parse(rest.serverTime) - Date.now());
      setNow(Date.now());
      setLive(true);
    });
  });
  // A stream that never opened (refused, no such room): ask once, so the board says why instead of 正在连接 forever.
  const [unreachable, setUnreachable] = createSignal<unknown>();
  source.onerror = () => {
    setLive(false);
    if (head() === undefined)
      void ok(client.rooms[':roomId'].$get({ param: { roomId: props.roomId } })).catch((e: unknown) => {
        source.close();
        setUnreachable(e);
      });
  };
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => {
    source.close();
    clearInterval(tick);
  });

  /** Asks first; a cancelled confirmation changes nothing and says nothing. */
  const confirmThen = (question: string, work: () => Promise<string>) =>
    void action.run(
      async () => (window.confirm(question) ? work() : undefined),
      (d) => d,
    );
  const act: Act = (question, request, done = '已执行') =>
    confirmThen(question, async () => {
      await request();
      return done;
    });
  const room = client.rooms[':roomId'];
  const param = () => ({ roomId: props.roomId });
  const mins = () => Number(minutes());
  /** A running clock counts down between views; a stopped or finished one shows what the server said. */
  const secondsLeft = (s: SeatView): number | null =>
    s.status === 'in_progress' && s.deadline !== null
      ? Math.max(0, Math.floor((Date.parse(s.deadline) - (now() + skew())) / 1000))
      : s.remainingSeconds;
  const lastRecordOf = createMemo(() => {
    const latest = new Map<string, RoomLogEntry>();
    for (const e of log) if (e.candidateId !== null && !latest.has(e.candidateId)) latest.set(e.candidateId, e);
    return latest;
  });
  /** Seated candidates (not marked absent) whose identity the proctor has not yet checked, live from the stream. */
  const unchecked = () => seats.filter((s) => s.status !== 'absent' && !s.realname?.identity).length;
  const recordNote = () => {
    const seat = seats.find((s) => s.candidateId === noteSeat());
    const text = note().trim();
    confirmThen(
      `确定记录这条考场情况？${seat ? `（${seat.seat} 号 ${seat.name}）` : '（全场）'}\n${text}`,
      async () => {
        await room.incidents.$post({
          param: param(),
          json: { note: text, ...(seat ? { candidateId: seat.candidateId } : {}) },
        });
        setNote('');
        return '情况已记录';
      },
    );
  };

  return (
    <section class="room" aria-label="考场看板">
      <Show
        when={head()}
        fallback={
          <Show when={unreachable()} fallback={<p>正在连接考场…</p>}>
            {(e) => <Notice error={e()} />}
          </Show>
        }
      >
        {(v) => (
          <>
            <header class="row">
              <h2>
                {v().code} {v().name}
              </h2>
              <span classList={{ live: true, ok: live() }}>{live() ? '实时' : '连接中断，正在重连…'}</span>
              <span data-testid="room-status">
                {roomStatusName(v().status)}
                {v().paused ? '（暂停中）' : ''}
              </span>
              <span
                data-testid="unchecked-count"
                classList={{ unchecked: unchecked() > 0 }}
                title="已排座、未缺考，但尚未实名核验的考生"
              >
                未核验 {unchecked()} 人
              </span>
              <span class="right">
                在考 {seats.filter((s) => s.status === 'in_progress').length} · 交卷{' '}
                {seats.filter((s) => s.status === 'submitted').length} / {seats.length}
              </span>
            </header>
            <div class="row actions">
              <Show when={v().status !== 'open'}>
                <button
                  type="button"
                  class="primary"
                  onClick={() =>
                    act(
                      `确定开放考场 ${v().code}？考生即可登录开考。`,
                      () => room.open.$post({ param: param() }),
                      '考场已开放',
                    )
                  }
                >
                  开放考场
                </button>
              </Show>
              <Show when={v().status === 'open' && !v().paused}>
                <button
                  type="button"
                  onClick={() =>
                    act('确定暂停全场？所有考生计时停止。', () => room.pause.$post({ param: param() }), '全场已暂停')
                  }
                >
                  全场暂停
                </button>
              </Show>
              <Show when={v().paused}>
                <button
                  type="button"
                  onClick={() => act('确定恢复全场？', () => room.resume.$post({ param: param() }), '全场已恢复')}
                >
                  全场恢复
                </button>
              </Show>
              <Field
                label="全场延时（分钟）"
                class="short"
                type="number"
                min="1"
                max="240"
                value={minutes()}
                onValue={setMinutes}
              />
              <button
                type="button"
                onClick={() =>
                  act(
                    `确定为全场延时 ${mins()} 分钟？`,
                    () => room.extend.$post({ param: param(), json: { minutes: mins() } }),
                    `全场已延时 ${mins()} 分钟`,
                  )
                }
              >
                全场延时
              </button>
              <Show when={v().status === 'open'}>
                <button
                  type="button"
                  onClick={() =>
                    act(
                      `确定结束考场 ${v().code}？结束后考生不能再登录。`,
                      () => room.close.$post({ param: param() }),
                      '考场已结束',
                    )
                  }
                >
                  结束考场
                </button>
              </Show>
            </div>
            <form
              class="row incident"
              onSubmit={(e) => {
                e.preventDefault();
                if (note().trim() !== '') recordNote();
              }}
            >
              <select aria-label="涉及考生" value={noteSeat()} onChange={(e) => setNoteSeat(e.currentTarget.value)}>
                <option value="">全场</option>
                <For each={seats}>
                  {(s) => (
                    <option value={s.candidateId}>
                      {s.seat} 号 {s.name}
                    </option>
                  )}
                </For>
              </select>
              <input
                aria-label="情况记录"
                placeholder="考场情况记录（如：考生举手报告设备故障）"
                maxLength={2000}
                value={note()}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <button type="submit" disabled={note().trim() === ''}>
                记录情况
              </button>
            </form>
            <Notice ok={action.ok()} error={action.error()} />
            <Show when={v().status !== 'open'}>
              <EarlyOpen roomId={props.roomId} refusal={action.error()} act={act} />
            </Show>
            <div class="room-body">
              <div class="tiles">
                <For each={seats}>
                  {(s) => (
                    <SeatTile
                      seat={s}
                      secondsLeft={secondsLeft(s)}
                      lastRecord={lastRecordOf().get(s.candidateId)}
                      act={act}
                    />
                  )}
                </For>
              </div>
              <RoomLog entries={log} />
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
