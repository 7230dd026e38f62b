import { fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomLogEntry, RoomView, SeatView } from '../../contract.ts';
import { fakeServer, type Request } from '../../testing/fake-server.ts';
import { RoomBoard } from './RoomBoard.tsx';
import { actionText, actorText, clockText, seatText } from './room-text.ts';

/** The live stream, driven by the test: `push` delivers a room view as the server's SSE 'room' event would. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  readonly listeners: ((e: MessageEvent<string>) => void)[] = [];
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(_type: string, l: (e: MessageEvent<string>) => void) {
    this.listeners.push(l);
  }
  close() {
    this.closed = true;
  }
  push(view: RoomView) {
    for (const l of this.listeners) l(new MessageEvent('room', { data: JSON.stringify(view) }));
  }
}

const T0 = '2026-11-02T01:00:00.000Z';
const seat = (n: number, over: Partial<SeatView> = {}): SeatView => ({
  seat: n,
  candidateId: `c${n}`,
  ticket: `T00${n}`,
  name: `考生${n}`,
  status: 'in_progress',
  answered: 3,
  total: 12,
  lastHeartbeat: T0,
  events: 0,
  remainingSeconds: 3000,
  deadline: new Date(Date.parse(T0) + 3000_000).toISOString(),
  transferId: null,
  lastEvent: null,
  ...over,
});
const entry = (seq: number, over: Partial<RoomLogEntry>): RoomLogEntry => ({
  seq,
  at: T0,
  actor: 'proctor_sun',
  actorName: '孙监考',
  action: 'room.pause',
  candidateId: null,
  seat: null,
  name: null,
  detail: {},
  note: null,
  ...over,
});
const view = (over: Partial<RoomView> = {}): RoomView => ({
  roomId: 'r1',
  code: '01',
  name: '第 1 考场',
  status: 'open',
  paused: false,
  serverTime: T0,
  seats: [
    seat(1),
    seat(2, {
      status: 'not_logged_in',
      answered: 0,
      total: 0,
      remainingSeconds: null,
      deadline: null,
      lastHeartbeat: null,
    }),
  ],
  log: [
    entry(2, {
      action: 'attempt.start',
      actor: 'candidate:T001',
      actorName: null,
      candidateId: 'c1',
      seat: 1,
      name: '考生1',
    }),
    entry(1, { action: 'room.open' }),
  ],
  ...over,
});

let calls: Request[];
let questions: string[];
let answer: boolean;

beforeEach(() => {
  questions = [];
  answer = true;
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('confirm', (q: string) => (questions.push(q), answer));
  // The server accepts every command; the tests read what was sent.
  calls = fakeServer(() => [200, { ok: true }]);
});
afterEach(() => {
  vi.useRealTimers();
});

const tile = (n: number) => screen.getByRole('article', { name: new RegExp(`^座位 ${n} `) });

describe('the room board', () => {
  it('says why when the live stream never opens (a refusal), instead of 正在连接 forever', async () => {
    fakeServer({
      'GET /rooms/r1': () => [403, { error: { code: 'forbidden', message: '用户 supervisor_qian 无权监考考场 r1' } }],
    });
    render(() => <RoomBoard roomId="r1" />);
    expect(screen.getByText('正在连接考场…')).toBeTruthy();
    FakeEventSource.last!.onerror!();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('用户 supervisor_qian 无权监考考场 r1');
    expect(alert.querySelector('code')?.textContent).toBe('forbidden');
    expect(FakeEventSource.last!.closed).toBe(true);
    expect(screen.queryByText('正在连接考场…')).toBeNull();
  });

  it('shows each seat and the audit trail from the live stream, and updates tiles in place', async () => {
    render(() => <RoomBoard roomId="r1" />);
    expect(FakeEventSource.last!.url).toBe('/api/rooms/r1/live');
    FakeEventSource.last!.push(view());
    const first = tile(1);
    expect(first.querySelector('.seat-status')!.textContent).toBe('答题中');
    expect(first.querySelector('.answered')!.textContent).toBe('3/12');
    expect(tile(2).querySelector('.time-left')!.textContent).toBe('—');
    const log = screen.getByRole('log');
    expect([...log.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      expect.stringMatching(/考生本人1 号 考生1开始答题$/),
      expect.stringMatching(/孙监考（proctor_sun）全场开放考场$/),
    ]);
    expect(first.querySelector('.last-record')!.textContent).toMatch(/^开始答题/);

    FakeEventSource.last!.push(
      view({
        seats: [
          seat(1, { answered: 4, events: 1, lastEvent: { kind: 'fullscreen_exit', at: T0 }, transferId: 'x1' }),
          seat(2),
        ],
        log: [
          entry(3, { action: 'attempt.extend', candidateId: 'c1', seat: 1, name: '考生1', detail: { minutes: 10 } }),
          ...view().log,
        ],
      }),
    );
    // Same element, new content: the tile under the proctor's pointer is not rebuilt.
    expect(tile(1)).toBe(first);
    expect(first.querySelector('.answered')!.textContent).toBe('4/12');
    expect(first.querySelector('.events')!.textContent).toContain('退出全屏');
    expect(first.querySelector('.last-record')!.textContent).toMatch(/^考生延时 10 分钟/);
    expect(screen.getByRole('log').querySelectorAll('li')).toHaveLength(3);
  });

  it('says in the header how many seated candidates are not yet real-name checked, live', () => {
    const realname = (identity: 'checked' | 'mismatch' | null) => ({
      photo: true,
      identity,
      identityNote: null,
      frame: null,
      frameReason: null,
      accommodation: null,
      accommodationText: '',
    });
    render(() => <RoomBoard roomId="r1" />);
    const seats = (identities: ('checked' | 'mismatch' | null)[], absent = 0) =>
      identities.map((identity, i) =>
        seat(i + 1, { realname: realname(identity), ...(i < absent ? { status: 'absent' as const } : {}) }),
      );
    FakeEventSource.last!.push(view({ seats: seats([null, null, null]) }));
    const count = screen.getByTestId('unchecked-count');
    expect(count.textContent).toBe('未核验 3 人');
    // A check (or a recorded mismatch) takes the seat off the count; a candidate marked absent is not seated.
    FakeEventSource.last!.push(view({ seats: seats([null, 'checked', 'mismatch']) }));
    expect(screen.getByTestId('unchecked-count')).toBe(count);
    expect(count.textContent).toBe('未核验 1 人');
    FakeEventSource.last!.push(view({ seats: seats([null, 'checked', 'checked'], 1) }));
    expect(count.textContent).toBe('未核验 0 人');
  });

  it('asks before every action and does nothing when the proctor says no', async () => {
    render(() => <RoomBoard roomId="r1" />);
    FakeEventSource.last!.push(view({ seats: [seat(1, { transferId: 'x1' })] }));
    answer = false;
    fireEvent.click(screen.getByRole('button', { name: '收卷' }));
    await Promise.resolve();
    expect(questions).toEqual(['确定强制 考生1 交卷？此操作不可撤销。']);
    expect(calls).toEqual([]);

    answer = true;
    fireEvent.click(screen.getByRole('button', { name: '批准换机' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', '已批准 考生1 换机');
    fireEvent.click(screen.getByRole('button', { name: '全场暂停' }));
    await screen.findByText('全场已暂停');
    // The seat's own minutes, whatever the room-level field says.
    fireEvent.input(screen.getByLabelText('全场延时（分钟）'), { target: { value: '30' } });
    fireEvent.input(screen.getByLabelText('考生1 延时分钟数'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: '延时（分钟）' }));
    await screen.findByText('考生1 已延时 15 分钟');
    fireEvent.change(screen.getByLabelText('涉及考生'), { target: { value: 'c1' } });
    fireEvent.input(screen.getByLabelText('情况记录'), { target: { value: '考生举手报告鼠标失灵' } });
    fireEvent.click(screen.getByRole('button', { name: '记录情况' }));
    await screen.findByText('情况已记录');
    expect(questions.slice(1)).toEqual([
      '确认 考生1 换机？旧设备将立即失效。',
      '确定暂停全场？所有考生计时停止。',
      '确定为 考生1 延时 15 分钟？',
      '确定记录这条考场情况？（1 号 考生1）\n考生举手报告鼠标失灵',
    ]);
    expect(calls).toEqual([
      { method: 'POST', path: '/transfers/x1/approve', body: undefined },
      { method: 'POST', path: '/rooms/r1/pause', body: undefined },
      { method: 'POST', path: '/candidates/c1/extend', body: { minutes: 15 } },
      { method: 'POST', path: '/rooms/r1/incidents', body: { note: '考生举手报告鼠标失灵', candidateId: 'c1' } },
    ]);
    expect((screen.getByLabelText('情况记录') as HTMLInputElement).value).toBe('');
  });

  it('makes a seat with anomalies stand out, with their count', () => {
    render(() => <RoomBoard roomId="r1" />);
    FakeEventSource.last!.push(
      view({ seats: [seat(1, { events: 2, lastEvent: { kind: 'focus_loss', at: T0 } }), seat(2)] }),
    );
    expect(tile(1).classList.contains('anomalous')).toBe(true);
    expect(tile(1).querySelector('.anomaly-badge')!.textContent).toBe('异常 2');
    expect(tile(2).classList.contains('anomalous')).toBe(false);
    expect(tile(2).querySelector('.anomaly-badge')).toBeNull();
  });

  it('marks a candidate who has not started as absent (缺考), and takes it back', async () => {
    render(() => <RoomBoard roomId="r1" />);
    FakeEventSource.last!.push(view());
    // A seat in the exam has no 缺考 button.
    expect(tile(1).querySelector('.tile-actions')!.textContent).not.toContain('缺考');
    fireEvent.click(screen.getByRole('button', { name: '登记缺考' }));
    await screen.findByText('考生2 已登记缺考');
    FakeEventSource.last!.push(view({ seats: [seat(1), seat(2, { status: 'absent', remainingSeconds: null })] }));
    expect(tile(2).querySelector('.seat-status')!.textContent).toBe('缺考');
    fireEvent.click(screen.getByRole('button', { name: '取消缺考' }));
    await screen.findByText('考生2 已取消缺考');
    expect(questions).toEqual(['确定登记 考生2 缺考？登记后该考生不能再开始答题。', '确定取消 考生2 的缺考登记？']);
    expect(calls).toEqual([
      { method: 'PUT', path: '/candidates/c2/absent', body: { absent: true } },
      { method: 'PUT', path: '/candidates/c2/absent', body: { absent: false } },
    ]);
  });

  it('counts time left down between views on the server clock, and freezes it while paused', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    vi.setSystemTime(Date.parse(T0) + 60_000); // the browser's clock is a minute fast: the server's wins
    render(() => <RoomBoard roomId="r1" />);
    FakeEventSource.last!.push(
      view({ seats: [seat(1), seat(2, { status: 'paused', deadline: null, remainingSeconds: 1200 })] }),
    );
    expect(tile(1).querySelector('.time-left')!.textContent).toBe('50:00');
    vi.advanceTimersByTime(5000);
    expect(tile(1).querySelector('.time-left')!.textContent).toBe('49:55');
    expect(tile(2).querySelector('.time-left')!.textContent).toBe('20:00');
  });
});

describe('the words of the audit trail', () => {
  it('says what happened, who did it and to which seat', () => {
    expect(actionText(entry(1, { action: 'attempt.submit', detail: { reason: 'proctor' } }))).toBe('强制收卷');
    expect(actionText(entry(1, { action: 'attempt.submit', detail: { reason: 'expired' } }))).toBe('到时自动交卷');
    expect(actionText(entry(1, { action: 'room.extend', detail: { minutes: 5 } }))).toBe('全场延时 5 分钟');
    expect(actionText(entry(1, { action: 'room.incident', note: '空调过冷' }))).toBe('情况记录：空调过冷');
    expect(actionText(entry(1, { action: 'room.something_new' }))).toBe('room.something_new');
    expect(actorText(entry(1, { actor: 'system', actorName: null }))).toBe('系统');
    expect(actorText(entry(1, { actor: 'admin', actorName: 'admin' }))).toBe('admin');
    expect(seatText(entry(1, { seat: 7, name: '王五' }))).toBe('7 号 王五');
    // As the candidate's screen reads it: hours when there are any, never 89:54.
    expect(clockText(61)).toBe('01:01');
    expect(clockText(89 * 60 + 54)).toBe('1:29:54');
    expect(clockText(null)).toBe('—');
  });
});
