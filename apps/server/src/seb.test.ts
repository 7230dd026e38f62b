import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLogin, client, staffToken, startTestServer, type TestServer } from './testing/harness.ts';

let s: TestServer;
let other: TestServer;
const api = client(() => s.url);

const KEY = `${'a'.repeat(32)}0123456789abcdef0123456789abcdef`;
/** What Safe Exam Browser sends: hex SHA-256 of the absolute URL (no fragment) + the Config Key. */
const sebHash = (url: string, key = KEY) =>
  createHash('sha256')
    .update(url + key)
    .digest('hex');

beforeAll(async () => {
  s = await startTestServer({ rooms: [4] });
  const admin = await staffToken(api, 'admin');
  const set = await api.patch(
    `/api/batches/${s.exam.batchId}/settings`,
    { sebConfigKey: KEY.toUpperCase() },
    { token: admin },
  );
  expect(set.status).toBe(200);
  expect(set.body.sebConfigKey).toBe(KEY);
});
afterAll(async () => {
  await s.close();
  await other?.close();
});

const person = (i: number) => s.exam.candidates[i]!;
const loginBody = (i: number) => ({
  ticket: person(i).ticket,
  idNumber: person(i).idNumber,
  deviceId: `device-seb-${i}`,
});

describe('a batch with a Safe Exam Browser Config Key', () => {
  it('refuses a login without the SEB header, or with a wrong hash, as seb_required', async () => {
    const none = await api.post('/api/attempts', loginBody(0));
    expect([none.status, none.body.error.code]).toEqual([403, 'seb_required']);
    const wrong = await api.post('/api/attempts', loginBody(0), {
      headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}/api/attempts`, 'b'.repeat(64)) },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'seb_required']);
    // The hash of another URL (a replayed header) is no good either.
    const replayed = await api.post('/api/attempts', loginBody(0), {
      headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}/api/health`) },
    });
    expect(replayed.status).toBe(403);
  });

  it('admits SEB, and then needs the hash of each URL on every candidate request', async () => {
    const ok = await api.post('/api/attempts', loginBody(1), {
      headers: { 'x-safeexambrowser-configkeyhash': sebHash(`${s.url}/api/attempts`) },
    });
    expect(ok.status).toBe(200);
    const { token, attemptId } = ok.body as { token: string; attemptId: string };
    // 开始答题 too.
    const startUrl = `/api/attempts/${attemptId}/start`;
    expect((await api.post(startUrl, {}, { token })).status).toBe(403);
    expect(
      (
        await api.post(
          startUrl,
          {},
          { token, headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}${startUrl}`) } },
        )
      ).body.status,
    ).toBe('in_progress');
    const paperUrl = `/api/attempts/${attemptId}/paper`;
    const bare = await api.get(paperUrl, { token });
    expect([bare.status, bare.body.error.code]).toEqual([403, 'seb_required']);
    const otherUrl = await api.get(paperUrl, {
      token,
      headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}/api/attempts/${attemptId}/state`) },
    });
    expect(otherUrl.status).toBe(403);
    const paper = await api.get(paperUrl, {
      token,
      headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}${paperUrl}`).toUpperCase() },
    });
    expect(paper.status).toBe(200);
    const item = paper.body.sections[0].items[0].code as string;
    const answersUrl = `/api/attempts/${attemptId}/answers`;
    const save = (hash?: string) =>
      api.post(
        answersUrl,
        { item, response: null, seq: 1 },
        { token, ...(hash ? { headers: { 'X-SafeExamBrowser-ConfigKeyHash': hash } } : {}) },
      );
    expect((await save()).status).toBe(403);
    expect((await save(sebHash(`${s.url}${answersUrl}`))).status).toBe(200);
    const withQuery = `/api/attempts/${attemptId}/state?x=1`;
    expect(
      (
        await api.get(withQuery, {
          token,
          headers: { 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${s.url}${withQuery}`) },
        })
      ).status,
    ).toBe(200);
  });

  it('stops asking once an administrator removes the key', async () => {
    const admin = await staffToken(api, 'admin');
    const proctor = await staffToken(api, 'proctor_a');
    const refused = await api.patch(
      `/api/batches/${s.exam.batchId}/settings`,
      { sebConfigKey: null },
      { token: proctor },
    );
    expect(refused.status).toBe(403);
    const bad = await api.patch(
      `/api/batches/${s.exam.batchId}/settings`,
      { sebConfigKey: 'not-a-key' },
      { token: admin },
    );
    expect(bad.status).toBe(400);
    const off = await api.patch(`/api/batches/${s.exam.batchId}/settings`, { sebConfigKey: null }, { token: admin });
    expect(off.body).toMatchObject({ sebConfigKey: null });
    await candidateLogin(api, person(2));
  });
});

describe('a batch without a key', () => {
  it('is unaffected: no header needed, and a stray header is ignored', async () => {
    other = await startTestServer({ rooms: [2] });
    const o = client(other.url);
    const batch = await o.get(`/api/batches/${other.exam.batchId}`, { token: await staffToken(o, 'admin') });
    expect(batch.body).toMatchObject({ sebRequired: false, showScore: false });
    const who = other.exam.candidates[0]!;
    const { token, attemptId } = await candidateLogin(o, who);
    expect((await o.get(`/api/attempts/${attemptId}/paper`, { token })).status).toBe(200);
    expect(
      (
        await o.get(`/api/attempts/${attemptId}/state`, {
          token,
          headers: { 'X-SafeExamBrowser-ConfigKeyHash': 'f'.repeat(64) },
        })
      ).status,
    ).toBe(200);
  });
});
