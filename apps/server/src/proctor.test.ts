import { openDatabase } from '@kaowu/db';
import { verifyAuditTrail, type RoomView } from '@kaowu/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLogin, client, openLiveRoom, proctorServer, staffToken, type TestServer } from './testing/harness.ts';

let s: TestServer;
const api = client(() => s.url);
let proctor: string;
let room: string;

beforeAll(async () => {
  ({ server: s, proctor, room } = await proctorServer({ rooms: [8, 2] }));
});
afterAll(() => s.close());

const person = (i: number) => s.exam.candidates[i]!;
const state = async (who: { token: string; attemptId: string }) =>
  (await api.get(`/api/attempts/${who.attemptId}/state`, { token: who.token })).body;

describe('time: pauses and extensions', () => {
  // Resuming moves the deadline by the pause; extensions add time.
  it('pausing a candidate stops their clock', async () => {
    const c = await candidateLogin(api, person(0));
    const start = Date.parse((await state(c)).startedAt);
    s.clock.advance(10);
    expect((await api.post(`/api/candidates/${person(0).id}/pause`, {}, { token: proctor })).status).toBe(200);
    const paused = await state(c);
    expect(paused).toMatchObject({ status: 'paused', deadline: null, remainingSeconds: 50 * 60 });
    const refused = await api.post(
      `/api/attempts/${c.attemptId}/answers`,
      { item: 'Q001', response: true, seq: 1 },
      { token: c.token },
    );
    // Even a save in flight when the pause began: the client keeps it queued and sends it after the resume.
    expect([refused.status, refused.body.error.code]).toEqual([409, 'attempt_paused']);
    s.clock.advance(4);
    expect((await state(c)).remainingSeconds).toBe(50 * 60);
    const late = await api.post(
      `/api/attempts/${c.attemptId}/answers`,
      { item: 'Q001', response: false, seq: 2 },
      { token: c.token },
    );
    expect(late.body.error.code).toBe('attempt_paused');
    await api.post(`/api/candidates/${person(0).id}/resume`, {}, { token: proctor });
    await api.post(`/api/candidates/${person(0).id}/extend`, { minutes: 7 }, { token: proctor });
    const after = await state(c);
    expect(after.status).toBe('in_progress');
    expect(Date.parse(after.deadline) - start).toBe((60 + 4 + 7) * 60_000);
    expect(after.remainingSeconds).toBe((60 + 4 + 7 - 14) * 60);
    s.clock.advance(-14);
  });

  it('a room pause stops every clock; a candidate paused on their own stays paused when the room resumes', async () => {
    const a = await candidateLogin(api, person(1));
    const b = await candidateLogin(api, person(2));
    const startA = Date.parse((await state(a)).startedAt);
    await api.post(`/api/candidates/${person(2).id}/pause`, {}, { token: proctor });
    s.clock.advance(2);
    await api.post(`/api/rooms/${room}/pause`, {}, { token: proctor });
    s.clock.advance(3);
    expect((await state(a)).status).toBe('paused');
    await api.post(`/api/rooms/${room}/resume`, {}, { token: proctor });
    expect((await state(a)).status).toBe('in_progress');
    expect(Date.parse((await state(a)).deadline) - startA).toBe(63 * 60_000);
    expect((await state(b)).status).toBe('paused');
    await api.post(`/api/candidates/${person(2).id}/resume`, {}, { token: proctor });
    expect(Date.parse((await state(b)).deadline) - startA).toBe(65 * 60_000);
    await api.post(`/api/rooms/${room}/extend`, { minutes: 10 }, { token: proctor });
    expect(Date.parse((await state(a)).deadline) - startA).toBe(73 * 60_000);
    expect(
      (await api.post(`/api/rooms/${room}/extend`, { minutes: 0 }, { token: proctor })).body.error.message,
    ).toContain('至少 1 分钟');
    s.clock.advance(-5);
  });
});

describe('proctor actions', () => {
  it('force-submits, marks absent, records incidents — all in the audit trail', async () => {
    const c = await candidateLogin(api, person(3));
    await api.post(
      `/api/attempts/${c.attemptId}/answers`,
      { item: 'Q001', response: true, seq: 1 },
      { token: c.token },
    );
    const forced = await api.post(`/api/candidates/${person(3).id}/submit`, {}, { token: proctor });
    expect(forced.body).toMatchObject({ reason: 'proctor', score: expect.any(Number) });
    expect((await state(c)).status).toBe('submitted');
    expect((await api.put(`/api/candidates/${person(4).id}/absent`, { absent: true }, { token: proctor })).status).toBe(
      200,
    );
    const absent = await api.post('/api/attempts', {
      ticket: person(4).ticket,
      idNumber: person(4).idNumber,
      deviceId: 'device-absent-1',
    });
    expect(absent.body.error.code).toBe('candidate_absent');
    expect((await api.put(`/api/candidates/${person(3).id}/absent`, { absent: true }, { token: proctor })).status).toBe(
      409,
    );
    const note = await api.post(
      `/api/rooms/${room}/incidents`,
      { note: '3 号座位考生携带手机，已收缴', candidateId: person(3).id },
      { token: proctor },
    );
    expect(note.status).toBe(201);
    await s.rt.commit.drain();
    const db = await openDatabase(s.dbPath);
    const actions = (
      await db.selectFrom('audit_log').select(['action', 'actor']).where('actor', '=', 'proctor_a').execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'attempt.pause',
        'attempt.resume',
        'attempt.extend',
        'room.pause',
        'room.resume',
        'room.extend',
        'attempt.submit',
        'candidate.absent',
        'room.incident',
      ]),
    );
    expect((await verifyAuditTrail(db)).broken).toBeNull();
    await db.destroy();
  });

  it('a proctor of another room is refused every action and the view', async () => {
    const other = await staffToken(api, 'proctor_c');
    expect((await api.get(`/api/rooms/${room}`, { token: other })).status).toBe(403);
    expect((await api.post(`/api/rooms/${room}/pause`, {}, { token: other })).status).toBe(403);
    expect((await api.post(`/api/candidates/${person(5).id}/extend`, { minutes: 5 }, { token: other })).status).toBe(
      403,
    );
    expect((await api.get(`/api/rooms/${s.exam.rooms[1]!.id}`, { token: other })).status).toBe(200);
  });
});

describe('device transfer (换机)', () => {
  // Then the old token is revoked and the new device resumes.
  it('refuses a second device until a proctor approves', async () => {
    const first = await candidateLogin(api, person(5), 'device-old-0001');
    await api.post(
      `/api/attempts/${first.attemptId}/answers`,
      { item: 'Q002', response: false, seq: 4 },
      { token: first.token },
    );
    s.clock.advance(10);
    first.token = (await api.post(`/api/attempts/${first.attemptId}/token`, {}, { token: first.token })).body.token;
    const remaining = (await state(first)).remainingSeconds;
    const second = await api.post('/api/attempts', {
      ticket: person(5).ticket,
      idNumber: person(5).idNumber,
      deviceId: 'device-new-0002',
    });
    expect([second.status, second.body.error.code]).toEqual([409, 'device_conflict']);
    const transferId = second.body.error.details[0].transferId;
    const view = (await api.get(`/api/rooms/${room}`, { token: proctor })).body;
    expect(view.seats.find((x: { candidateId: string }) => x.candidateId === person(5).id).transferId).toBe(transferId);
    expect((await api.post(`/api/transfers/${transferId}/approve`, {}, { token: proctor })).status).toBe(200);
    const old = await api.get(`/api/attempts/${first.attemptId}/state`, { token: first.token });
    expect([old.status, old.body.error.code]).toEqual([401, 'token_revoked']);
    const moved = await candidateLogin(api, person(5), 'device-new-0002');
    expect(moved.attemptId).toBe(first.attemptId);
    const resumed = await state(moved);
    expect(resumed.answers).toEqual([{ item: 'Q002', response: false, seq: 4 }]);
    expect(resumed.remainingSeconds).toBe(remaining);
    expect(
      (
        await api.post('/api/attempts', {
          ticket: person(5).ticket,
          idNumber: person(5).idNumber,
          deviceId: 'device-old-0001',
        })
      ).body.error.code,
    ).toBe('device_conflict');
    s.clock.advance(-10);
  });
});

describe('live room view', () => {
  it('streams each seat over Server-Sent Events and pushes changes', async () => {
    const c = await candidateLogin(api, person(6));
    const { response, next: nextEvent, close } = await openLiveRoom(s, room, proctor);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const first = await nextEvent();
    const seat = (v: RoomView, who = person(6).id) => v.seats.find((x) => x.candidateId === who)!;
    expect(seat(first)).toMatchObject({
      status: 'in_progress',
      answered: 0,
      total: 12,
      events: 0,
      lastEvent: null,
      lastHeartbeat: expect.any(String),
    });
    expect(seat(first, person(7).id).status).toBe('not_logged_in');
    expect(seat(first, person(4).id).status).toBe('absent');
    await api.post(
      `/api/attempts/${c.attemptId}/answers`,
      { item: 'Q003', response: true, seq: 1 },
      { token: c.token },
    );
    await api.post(`/api/attempts/${c.attemptId}/events`, { events: [{ kind: 'focus_loss' }] }, { token: c.token });
    let view = await nextEvent();
    for (let i = 0; i < 5 && (seat(view).answered < 1 || seat(view).events < 1); i++) view = await nextEvent();
    expect(seat(view)).toMatchObject({
      answered: 1,
      events: 1,
      lastEvent: { kind: 'focus_loss', at: new Date(s.clock.now).toISOString() },
    });
    // The kinds the client reports by name; the latest one (by the client's time within one report) is shown.
    s.clock.advance(1);
    const t = (ms: number) => new Date(s.clock.now + ms).toISOString();
    const reported = await api.post(
      `/api/attempts/${c.attemptId}/events`,
      {
        events: [
          { kind: 'fullscreen_enter', at: t(2) },
          { kind: 'focus_back', at: t(1) },
          { kind: 'print_blocked', at: t(0) },
          { kind: 'shortcut_blocked', at: t(0) },
          { kind: 'drag_blocked', at: t(0) },
        ],
      },
      { token: c.token },
    );
    expect(reported.body).toEqual({ recorded: 5 });
    // Anomalies only: coming back to fullscreen and to the window ends one, it is not counted as one.
    for (let i = 0; i < 5 && seat(view).events < 4; i++) view = await nextEvent();
    expect(seat(view)).toMatchObject({
      events: 4,
      lastEvent: { kind: 'fullscreen_enter', at: new Date(s.clock.now).toISOString() },
    });
    const snapshot = await api.get<RoomView>(`/api/rooms/${room}`, { token: proctor });
    expect(seat(snapshot.body).lastEvent).toEqual({
      kind: 'fullscreen_enter',
      at: new Date(s.clock.now).toISOString(),
    });
    await close();
    const staffOfOther = await staffToken(api, 'proctor_c');
    expect(
      (await fetch(`${s.url}/api/rooms/${room}/live`, { headers: { authorization: `Bearer ${staffOfOther}` } })).status,
    ).toBe(403);
  });
});
