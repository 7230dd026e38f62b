import { placeholderPortrait, rosterWorkbook, syntheticPerson, zipOf } from '@kaowu/services/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSupervisors,
  candidateLogin,
  client,
  staffToken,
  startTestServer,
  type TestServer,
} from './testing/harness.ts';

/** 实名制 and accommodations through HTTP: roster photos, the proctor's 实名核验, extra time on the board. */
let s: TestServer;
const api = client(() => s.url);
let admin: string;
let proctor: string;
let otherProctor: string;

beforeAll(async () => {
  // Rooms closed: a roster is imported only before the exam starts. Room 02 has one free seat.
  s = await startTestServer({ rooms: [3, 0], open: false });
  admin = await staffToken(api, 'admin');
  proctor = await staffToken(api, 'proctor_a');
  otherProctor = await staffToken(api, 'proctor_c');
});
afterAll(() => s.close());

const form = (files: Record<string, Uint8Array>) => {
  const body = new FormData();
  for (const [field, data] of Object.entries(files)) body.append(field, new Blob([data as Uint8Array<ArrayBuffer>]));
  return body;
};
const seatPlan = async () => (await api.get(`/api/batches/${s.exam.batchId}/seat-plan`, { token: admin })).body;

describe('roster photos over HTTP', () => {
  it('imports the workbook and a zip of photos together, all or nothing, naming the bad file', async () => {
    const p = syntheticPerson(300);
    const roster = await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]);
    const bad = await zipOf({ [`${p.idNumber}.png`]: await placeholderPortrait(p.name, 1) }); // a JPEG named .png
    const refused = await api.call('POST', `/api/batches/${s.exam.batchId}/roster`, {
      token: admin,
      raw: form({ roster, photos: bad }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        sheet: '照片压缩包',
        field: `${p.idNumber}.png`,
        message: expect.stringContaining('JPG'),
      }),
    ]);
    expect((await seatPlan())[1].candidates).toEqual([]);
    const good = await zipOf({ [`${p.idNumber}.jpg`]: await placeholderPortrait(p.name, 1) });
    const ok = await api.call('POST', `/api/batches/${s.exam.batchId}/roster`, {
      token: admin,
      raw: form({ roster, photos: good }),
    });
    expect(ok.body).toEqual({ imported: 1, photos: 1 });
    const [seated] = (await seatPlan())[1].candidates;
    expect(seated).toMatchObject({ name: p.name, photo: true });
    const photo = await fetch(`${s.url}/api/candidates/${seated.candidateId}/photo`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    // The 准考证 shows it; a candidate without one gets the place to paste it.
    const tickets = await fetch(`${s.url}/api/batches/${s.exam.batchId}/tickets`, {
      headers: { authorization: `Bearer ${admin}` },
    }).then((r) => r.text());
    expect(tickets).toContain(`<img src="/api/candidates/${seated.candidateId}/photo"`);
    expect(tickets).toContain('贴照片处');
  });

  it('uploads one candidate photo from the console; a file that is not an image is refused by its bytes', async () => {
    const target = s.exam.candidates[0]!;
    const refused = await api.call('PUT', `/api/candidates/${target.id}/photo?file=zhang.jpg`, {
      token: admin,
      raw: new TextEncoder().encode('not a picture'),
    });
    expect([refused.status, refused.body.error.details[0].field]).toEqual([400, 'zhang.jpg']);
    const ok = await api.call('PUT', `/api/candidates/${target.id}/photo?file=zhang.jpg`, {
      token: admin,
      raw: await placeholderPortrait(target.name, 2),
    });
    expect(ok.status).toBe(200);
    const byProctor = await api.call('PUT', `/api/candidates/${target.id}/photo?file=zhang.jpg`, {
      token: proctor,
      raw: await placeholderPortrait(target.name, 2),
    });
    expect(byProctor.status).toBe(403);
  });
});

describe('the proctor’s 实名核验 and accommodations on the board', () => {
  // The roster is in: proctor_a opens room 01 (with the two internal supervisors opening needs).
  beforeAll(async () => {
    await addSupervisors(s, ['sup_qian', 'sup_he']);
    const opened = await api.post(`/api/rooms/${s.exam.rooms[0]!.id}/open`, {}, { token: proctor });
    expect(opened.status).toBe(200);
  });

  it('shows unchecked seats, records a check and a mismatch (an incident), audited', async () => {
    const room = s.exam.rooms[0]!.id;
    const [first, second] = s.exam.candidates;
    const before = (await api.get(`/api/rooms/${room}`, { token: proctor })).body;
    expect(before.seats.map((x: { realname: { identity: null } }) => x.realname.identity)).toEqual([null, null, null]);
    const put = (id: string, body: unknown, token = proctor) =>
      api.call('PUT', `/api/candidates/${id}/identity`, { token, body });
    expect((await put(first!.id, { status: 'checked' })).status).toBe(200);
    const noNote = await put(second!.id, { status: 'mismatch' });
    expect([noNote.status, noNote.body.error.message]).toEqual([400, expect.stringContaining('不符之处')]);
    expect((await put(second!.id, { status: 'mismatch', note: '照片与本人不符' }, otherProctor)).status).toBe(403);
    const mismatch = await put(second!.id, { status: 'mismatch', note: '照片与本人不符' });
    expect(mismatch.body.incidentId).toEqual(expect.any(String));
    const after = (await api.get(`/api/rooms/${room}`, { token: proctor })).body;
    expect(after.seats.slice(0, 2).map((x: { realname: { identity: string } }) => x.realname.identity)).toEqual([
      'checked',
      'mismatch',
    ]);
    expect(after.log).toContainEqual(
      expect.objectContaining({ action: 'room.incident', note: expect.stringContaining('照片与本人不符') }),
    );
    const audit = (await api.get(`/api/audit?batch=${s.exam.batchId}&action=candidate.identity`, { token: admin }))
      .body;
    expect(JSON.stringify(audit)).toContain('mismatch');
  });

  it('sets an accommodation the board shows beside the seat', async () => {
    const room = s.exam.rooms[0]!.id;
    const target = s.exam.candidates[2]!;
    const bad = await api.call('PUT', `/api/candidates/${target.id}/accommodation`, {
      token: admin,
      body: { extraMinutes: -1, timeFactor: 1, largeFont: false },
    });
    expect(bad.status).toBe(400);
    const ok = await api.call('PUT', `/api/candidates/${target.id}/accommodation`, {
      token: admin,
      body: { extraMinutes: 30, timeFactor: 1, largeFont: true },
    });
    expect(ok.status).toBe(200);
    const view = (await api.get(`/api/rooms/${room}`, { token: proctor })).body;
    expect(view.seats[2].realname.accommodationText).toBe('延时 30 分钟，大字号');
  });
});

describe('开考拍照 (a batch setting, off by default)', () => {
  it('takes one frame the proctor sees beside the photo; a refusal is reported, never blocking the start', async () => {
    const room = s.exam.rooms[0]!.id;
    const [first, second] = s.exam.candidates;
    const a = await candidateLogin(api, first!, undefined, { start: false });
    const jpeg = await placeholderPortrait('考生', 4);
    const off = await api.call('POST', `/api/attempts/${a.attemptId}/frame`, {
      token: a.token,
      raw: jpeg,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect([off.status, off.body.error.code]).toEqual([409, 'conflict']);
    expect((await api.get(`/api/attempts/${a.attemptId}`, { token: a.token })).body.webcamFrame).toBe(false);
    const set = await api.call('PATCH', `/api/batches/${s.exam.batchId}/settings`, {
      token: admin,
      body: { webcamFrame: true },
    });
    expect(set.body).toMatchObject({ webcamFrame: true });
    expect((await api.get(`/api/attempts/${a.attemptId}`, { token: a.token })).body.webcamFrame).toBe(true);
    const sent = await api.call('POST', `/api/attempts/${a.attemptId}/frame`, {
      token: a.token,
      raw: jpeg,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(sent.body).toEqual({ outcome: 'captured' });
    const b = await candidateLogin(api, second!, undefined, { start: false });
    const refused = await api.post(
      `/api/attempts/${b.attemptId}/no-frame`,
      { outcome: 'refused', reason: 'NotAllowedError' },
      { token: b.token },
    );
    expect(refused.body).toEqual({ outcome: 'refused' });
    // The start is not blocked by a missing frame.
    expect((await api.post(`/api/attempts/${b.attemptId}/start`, {}, { token: b.token })).status).toBe(200);
    const view = (await api.get(`/api/rooms/${room}`, { token: proctor })).body;
    expect(view.seats[0].realname).toMatchObject({ frame: 'captured' });
    expect(view.seats[1].realname).toMatchObject({ frame: 'refused', frameReason: 'NotAllowedError' });
    expect(view.log.filter((e: { action: string }) => e.action === 'attempt.frame')).toHaveLength(2);
    const frame = await fetch(`${s.url}/api/candidates/${first!.id}/frame`, {
      headers: { authorization: `Bearer ${proctor}` },
    });
    expect([frame.status, frame.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const elsewhere = await fetch(`${s.url}/api/candidates/${first!.id}/frame`, {
      headers: { authorization: `Bearer ${otherProctor}` },
    });
    expect(elsewhere.status).toBe(403);
  });
});
