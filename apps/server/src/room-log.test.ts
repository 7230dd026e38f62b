import type { RoomLogEntry, RoomView } from '@kaowu/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLogin, client, openLiveRoom, proctorServer, staffToken, type TestServer } from './testing/harness.ts';

/** The room's audit trail as the proctor's board receives it: in the room view and pushed over the live stream. */
let s: TestServer;
const api = client(() => s.url);
let proctor: string;
let room: string;
let otherRoom: string;

beforeAll(async () => {
  ({ server: s, proctor, room, otherRoom } = await proctorServer({ rooms: [5, 2] }));
});
afterAll(() => s.close());

const person = (i: number) => s.exam.candidates[i]!;
const logOf = async (roomId: string, token = proctor) =>
  (await api.get<RoomView>(`/api/rooms/${roomId}`, { token })).body.log;

/** A live stream of the room's views as proctor_a sees them, and the first view whose log shows something. */
async function liveStream(roomId: string) {
  const { next, close } = await openLiveRoom(s, roomId, proctor);
  /** The first view whose log satisfies `test` (a few refreshes at most). */
  const until = async (test: (log: readonly RoomLogEntry[]) => boolean): Promise<RoomView> => {
    for (let i = 0; i < 10; i++) {
      const view = await next();
      if (test(view.log)) return view;
    }
    throw new Error('the live view never showed it');
  };
  return { next, until, close };
}

describe('the room log', () => {
  // Each record says who, what, which seat, when, and the note.
  it('shows every proctor action on the room and its seats, newest first', async () => {
    const a = person(0);
    const b = person(1);
    const c = await candidateLogin(api, a);
    await candidateLogin(api, b);
    s.clock.advance(1);
    await api.post(`/api/rooms/${room}/pause`, {}, { token: proctor });
    await api.post(`/api/rooms/${room}/resume`, {}, { token: proctor });
    await api.post(`/api/candidates/${a.id}/extend`, { minutes: 10 }, { token: proctor });
    const note = await api.post(
      `/api/rooms/${room}/incidents`,
      { note: '1 号座位考生举手示意鼠标失灵，已更换', candidateId: a.id },
      { token: proctor },
    );
    expect(note.status).toBe(201);
    await api.post(`/api/rooms/${room}/incidents`, { note: '空调过冷，已调高温度' }, { token: proctor });
    await api.post(`/api/candidates/${b.id}/submit`, {}, { token: proctor });
    await api.put(`/api/candidates/${person(2).id}/absent`, { absent: true }, { token: proctor });
    await api.post(
      `/api/attempts/${c.attemptId}/answers`,
      { item: 'Q001', response: true, seq: 1 },
      { token: c.token },
    );

    const log = await logOf(room);
    expect(log.filter((e) => e.actor === 'proctor_a').map((e) => e.action)).toEqual([
      'candidate.absent',
      'attempt.submit',
      'room.incident',
      'room.incident',
      'attempt.extend',
      'room.resume',
      'room.pause',
    ]);
    expect(log.map((e) => e.seq)).toEqual([...log.map((e) => e.seq)].sort((x, y) => y - x));
    // The candidates' own records (logging in, starting) come before, each on its seat, said by the candidate.
    const own = log.slice(7);
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(
      own.every((e) => e.actor === `candidate:${e.candidateId === a.id ? a.ticket : b.ticket}` && e.actorName === null),
    ).toBe(true);
    const at = new Date(s.clock.now).toISOString();
    expect(log[0]).toMatchObject({
      actor: 'proctor_a',
      actorName: 'proctor_a',
      candidateId: person(2).id,
      seat: person(2).seat,
      name: person(2).name,
      at,
    });
    expect(log[1]).toMatchObject({
      actor: 'proctor_a',
      candidateId: b.id,
      seat: b.seat,
      name: b.name,
      detail: { reason: 'proctor' },
    });
    expect(log[2]).toMatchObject({ candidateId: null, seat: null, note: '空调过冷，已调高温度' });
    expect(log[3]).toMatchObject({
      candidateId: a.id,
      seat: a.seat,
      name: a.name,
      note: '1 号座位考生举手示意鼠标失灵，已更换',
    });
    expect(log[4]).toMatchObject({ action: 'attempt.extend', candidateId: a.id, detail: { minutes: 10 }, note: null });
    expect(log[5]).toMatchObject({ action: 'room.resume', candidateId: null, actor: 'proctor_a' });
    expect(own.find((e) => e.candidateId === a.id)).toMatchObject({
      action: expect.stringMatching(/^attempt\./),
      seat: a.seat,
      name: a.name,
    });
    // Answers are not audited one by one: the log is the record of decisions, not of keystrokes.
    expect(log.some((e) => e.action.startsWith('answer'))).toBe(false);
  });

  it('keeps each room to itself: another room shows none of these records', async () => {
    const other = await staffToken(api, 'proctor_c');
    await api.post(`/api/rooms/${otherRoom}/incidents`, { note: '第 2 考场网络短暂中断' }, { token: other });
    const mine = await logOf(room);
    const theirs = await logOf(otherRoom, other);
    expect(theirs.map((e) => e.note)).toEqual(['第 2 考场网络短暂中断']);
    expect(mine.some((e) => e.note === '第 2 考场网络短暂中断')).toBe(false);
  });

  // The approved transfer is pushed with it.
  it('pushes each new record to the live view, on top of the ones it already had', async () => {
    const live = await liveStream(room);
    try {
      const first = await live.next();
      const before = first.log.length;
      expect(before).toBeGreaterThan(0);
      const d = person(3);
      await candidateLogin(api, d, 'device-old-0003');
      const refused = await api.post('/api/attempts', {
        ticket: d.ticket,
        idNumber: d.idNumber,
        deviceId: 'device-new-0003',
      });
      const transferId = refused.body.error.details[0].transferId;
      await api.post(`/api/transfers/${transferId}/approve`, {}, { token: proctor });
      const view = await live.until((log) => log[0]?.action === 'attempt.transfer');
      expect(view.log[0]).toMatchObject({
        actor: 'proctor_a',
        candidateId: d.id,
        seat: d.seat,
        detail: { transfer: transferId, device: 'device-new-0003' },
      });
      // Between the first view and the transfer: only the candidate's own login records, then what the view had.
      const added = view.log.slice(1, view.log.length - before);
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((e) => e.candidateId === d.id && e.actor === `candidate:${d.ticket}`)).toBe(true);
      expect(added[0]).toMatchObject({
        action: 'attempt.transfer_request',
        detail: { transfer: transferId, from: 'device-old-0003', to: 'device-new-0003' },
      });
      expect(view.log.slice(view.log.length - before)).toEqual(first.log);
      // An incident note reaches the live view at once (it tells the hub), not at the next periodic refresh.
      const started = Date.now();
      await api.post(`/api/rooms/${room}/incidents`, { note: '换机完成', candidateId: d.id }, { token: proctor });
      const noted = await live.until((log) => log[0]?.note === '换机完成');
      expect(noted.log[0]).toMatchObject({ action: 'room.incident', seat: d.seat });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await live.close();
    }
  });

  // There is no clock to extend until they start.
  it('shows a candidate on the confirmation screen as logged in', async () => {
    const e = person(4);
    const c = await candidateLogin(api, e, undefined, { start: false });
    const seatOf = async () =>
      (await api.get(`/api/rooms/${room}`, { token: proctor })).body.seats.find(
        (x: { candidateId: string }) => x.candidateId === e.id,
      );
    expect(await seatOf()).toMatchObject({
      status: 'not_started',
      remainingSeconds: null,
      deadline: null,
      lastHeartbeat: expect.any(String),
    });
    const refused = await api.post(`/api/candidates/${e.id}/extend`, { minutes: 5 }, { token: proctor });
    expect([refused.status, refused.body.error.message]).toEqual([409, `考生 ${e.ticket} 已登录，尚未开始答题`]);
    expect((await api.post(`/api/attempts/${c.attemptId}/start`, {}, { token: c.token })).status).toBe(200);
    expect(await seatOf()).toMatchObject({ status: 'in_progress', remainingSeconds: expect.any(Number) });
    const own = (await logOf(room)).filter((x) => x.candidateId === e.id);
    expect(own.map((x) => x.action)).toEqual(['attempt.start', 'attempt.create']);
    expect(own.every((x) => x.actor === `candidate:${e.ticket}` && x.seat === e.seat)).toBe(true);
  });

  it('carries at most the latest 50 records', async () => {
    for (let i = 0; i < 55; i++) await api.post(`/api/rooms/${room}/extend`, { minutes: 1 }, { token: proctor });
    const log = await logOf(room);
    expect(log).toHaveLength(50);
    expect(log.every((e) => e.action === 'room.extend')).toBe(true);
  });
});
