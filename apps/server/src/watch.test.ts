import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLogin, client, proctorServer, type TestServer } from './testing/harness.ts';

let s: TestServer;
const api = client(() => s.url);
let proctor: string;
let room: string;

beforeAll(async () => {
  ({ server: s, proctor, room } = await proctorServer({ rooms: [6, 2] }));
});
afterAll(() => s.close());

type Who = { token: string; attemptId: string };
const person = (i: number) => s.exam.candidates[i]!;
const state = async (who: Who) => (await api.get(`/api/attempts/${who.attemptId}/state`, { token: who.token })).body;
const save = (who: Who, seq: number) =>
  api.post(`/api/attempts/${who.attemptId}/answers`, { item: 'Q001', response: true, seq }, { token: who.token });

/** A long poll that records when it was answered, so a test can say it was still waiting, and how long it took. */
function watch(who: Who, seen: string) {
  const sentAt = performance.now();
  const w = { answeredAfterMs: undefined as number | undefined, reply: undefined as unknown };
  const reply = api
    .get(`/api/attempts/${who.attemptId}/watch?seen=${encodeURIComponent(seen)}`, { token: who.token })
    .then((r) => {
      w.answeredAfterMs = performance.now() - sentAt;
      return r;
    });
  return Object.assign(w, { reply });
}
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('the candidate learns of a proctor action at once (long poll)', () => {
  it('answers at once when the version seen is out of date, and waits while it is current', async () => {
    const c = await candidateLogin(api, person(0));
    const { version } = await state(c);
    const stale = await api.get(`/api/attempts/${c.attemptId}/watch?seen=old`, { token: c.token });
    expect(stale.body).toEqual({ version });
    const w = watch(c, version);
    await settle();
    // A save is no proctor action: the watch goes on waiting.
    expect((await save(c, 1)).status).toBe(200);
    await settle();
    expect(w.answeredAfterMs).toBeUndefined();
    await api.post(`/api/candidates/${person(0).id}/extend`, { minutes: 5 }, { token: proctor });
    const answered = await w.reply;
    expect(w.answeredAfterMs).toBeLessThan(1000);
    expect(answered.body.version).toBe((await state(c)).version);
    expect(answered.body.version).not.toBe(version);
  });

  it('a pause reaches the watch; every save during it is refused; after the resume it is accepted', async () => {
    const c = await candidateLogin(api, person(1));
    const before = await state(c);
    const w = watch(c, before.version);
    await settle();
    await api.post(`/api/candidates/${person(1).id}/pause`, {}, { token: proctor });
    const paused = (await w.reply).body.version;
    expect(w.answeredAfterMs).toBeLessThan(1000);
    expect(await state(c)).toMatchObject({ status: 'paused', version: paused });
    const refused = await save(c, 1);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'attempt_paused']);
    expect((await state(c)).answers).toEqual([]);

    const back = watch(c, paused);
    await settle();
    await api.post(`/api/candidates/${person(1).id}/resume`, {}, { token: proctor });
    await back.reply;
    expect(back.answeredAfterMs).toBeLessThan(1000);
    expect((await save(c, 1)).status).toBe(200);
    expect((await state(c)).answers).toEqual([{ item: 'Q001', response: true, seq: 1 }]);
  });

  it("a room pause reaches every candidate's watch, and refuses every save until the room resumes", async () => {
    const a = await candidateLogin(api, person(2));
    const b = await candidateLogin(api, person(3));
    const watches = [watch(a, (await state(a)).version), watch(b, (await state(b)).version)];
    await settle();
    await api.post(`/api/rooms/${room}/pause`, {}, { token: proctor });
    await Promise.all(watches.map((w) => w.reply));
    for (const w of watches) expect(w.answeredAfterMs).toBeLessThan(1000);
    for (const who of [a, b]) {
      expect((await state(who)).status).toBe('paused');
      expect((await save(who, 1)).body.error.code).toBe('attempt_paused');
    }
    await api.post(`/api/rooms/${room}/resume`, {}, { token: proctor });
    for (const who of [a, b]) expect((await save(who, 1)).status).toBe(200);
  });

  it('a forced submission reaches the watch, and the state says the proctor submitted', async () => {
    const c = await candidateLogin(api, person(4));
    const w = watch(c, (await state(c)).version);
    await settle();
    await api.post(`/api/candidates/${person(4).id}/submit`, {}, { token: proctor });
    await w.reply;
    expect(w.answeredAfterMs).toBeLessThan(1000);
    expect(await state(c)).toMatchObject({ status: 'submitted', submitReason: 'proctor' });
  });

  it('an approved transfer tells the old device at once that its login is revoked', async () => {
    const first = await candidateLogin(api, person(5), 'device-old-0005');
    const w = watch(first, (await state(first)).version);
    await settle();
    const second = await api.post('/api/attempts', {
      ticket: person(5).ticket,
      idNumber: person(5).idNumber,
      deviceId: 'device-new-0005',
    });
    // A request from another device is not yet a change for the first one.
    await settle();
    expect(w.answeredAfterMs).toBeUndefined();
    const transferId = second.body.error.details[0].transferId;
    // The new device waits for the decision too.
    const sentAt = performance.now();
    let decidedAfterMs: number | undefined;
    const decision = api.get(`/api/device-transfers/${transferId}`).then((r) => {
      decidedAfterMs = performance.now() - sentAt;
      return r;
    });
    await settle();
    expect(decidedAfterMs).toBeUndefined();
    await api.post(`/api/transfers/${transferId}/approve`, {}, { token: proctor });
    const revoked = await w.reply;
    expect(w.answeredAfterMs).toBeLessThan(1000);
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'token_revoked']);
    expect((await decision).body).toEqual({ status: 'approved' });
    expect(decidedAfterMs! - 150).toBeLessThan(1000);
    expect((await api.get('/api/device-transfers/no-such-request')).status).toBe(404);
  });

  it("refuses another candidate's attempt and an unknown query field", async () => {
    const c = await candidateLogin(api, person(6));
    const other = await candidateLogin(api, person(7), undefined, { start: false });
    const theirs = await api.get(`/api/attempts/${other.attemptId}/watch`, { token: c.token });
    expect(theirs.status).toBe(403);
    const odd = await api.get(`/api/attempts/${c.attemptId}/watch?since=1`, { token: c.token });
    expect(odd.status).toBe(400);
  });
});
