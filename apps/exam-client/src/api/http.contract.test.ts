// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { startServer, type RunningServer } from '@kaowu/server';
import { createContext } from '@kaowu/services';
import { seedExam, type SeededExam } from '@kaowu/services/testing';
import { CLIENT_ERROR_MESSAGES } from '@kaowu/domain/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type StoredSession, type TokenStore } from './http.ts';
import { ApiError, type ExamApi } from './types.ts';

/**
 * The client's HTTP layer against the real exam server (in this process, on loopback, a seeded database):
 * when a route or a response shape changes on the server, this fails in `pnpm test`, before any browser runs.
 */
let server: RunningServer;
let exam: SeededExam;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaowu-client-contract-'));
  const dbPath = join(dir, 'kaowu.db');
  const db = await openDatabase(dbPath);
  exam = await seedExam(createContext(db), { rooms: [3] });
  await db.destroy();
  server = await startServer({ dbPath, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(): { api: ExamApi; tokens: TokenStore } {
  let session: StoredSession | undefined;
  const tokens: TokenStore = { get: () => session, set: (v) => (session = v) };
  return { api: httpApi(tokens, (input, init) => fetch(`${server.url}${String(input)}`, init)), tokens };
}

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
};

const failure = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a failure');
};

describe('the candidate API as the client calls it', () => {
  it('logs in, loads a keyless paper and the state, saves idempotently, reports events, renews, submits', async () => {
    const { api, tokens } = client();
    const c = exam.candidates[0]!;
    expect(
      await refusal(api.login({ ticket: c.ticket, idNumber: '110105194912310021', deviceId: 'device-aaaa' })),
    ).toBe('unauthorized');
    const login = await api.login({ ticket: c.ticket, idNumber: c.idNumber, deviceId: 'device-aaaa' });
    expect(login.expiresAt).toBeGreaterThan(Date.now());
    expect(tokens.get()?.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    const info = await api.attempt();
    // Everything the confirmation screen shows comes from the server.
    expect(info).toMatchObject({
      ticket: c.ticket,
      name: c.name,
      seat: c.seat,
      room: expect.stringContaining('考场'),
      level: expect.stringContaining('五级'),
      durationMinutes: 60,
    });
    expect(info.occupation).toContain('6-31-01-03');
    expect(info.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(info.rules?.[0]).toContain('60 分钟');
    expect(info).toMatchObject({ paperTitle: '测试试卷', itemCount: 12, totalScore: 12 });

    // Logged in, not started: no clock, no paper.
    const waiting = await api.state();
    expect(waiting).toMatchObject({
      status: 'not_started',
      paused: false,
      deadline: null,
      remainingMs: 3600_000,
      answers: [],
    });
    expect(await refusal(api.paper())).toBe('attempt_not_started');
    const state = await api.start();
    expect(state).toMatchObject({ status: 'in_progress', paused: false, answers: [] });
    expect(Math.abs(state.serverTime - Date.now())).toBeLessThan(5000);
    // The full hour from the start (the state is read a moment after the clock's row is written).
    expect(state.deadline! - state.serverTime).toBeGreaterThan(3595_000);
    expect(state.deadline! - state.serverTime).toBeLessThanOrEqual(3600_000);
    expect(state.remainingMs).toBeGreaterThan(3590_000);
    expect((await api.start()).deadline).toBe(state.deadline); // idempotent
    expect((await api.state()).deadline).toBe(state.deadline);

    const paper = await api.paper();
    expect(JSON.stringify(paper)).not.toMatch(/"(key|explanation)"/);
    const single = paper.sections.find((s) => s.type === 'single')!.items[0]!;

    expect(await api.save({ item: single.code, response: 2, seq: 5 })).toMatchObject({
      item: single.code,
      seq: 5,
      storedSeq: 5,
    });
    // An older change arriving late never overwrites the newer one.
    expect(await api.save({ item: single.code, response: 1, seq: 4 })).toMatchObject({ seq: 4, storedSeq: 5 });
    expect((await api.state()).answers).toEqual([{ item: single.code, response: 2, seq: 5 }]);
    expect(await refusal(api.save({ item: 'NOPE', response: 1, seq: 6 }))).toBe('invalid');

    await api.report([
      { kind: 'fullscreen_exit', clientAt: Date.now() },
      { kind: 'print_blocked', clientAt: Date.now(), detail: { key: 'Ctrl+p' } },
      { kind: 'fullscreen_enter', clientAt: Date.now() },
    ]);
    const renewed = await api.renew();
    expect(renewed.expiresAt).toBeGreaterThanOrEqual(login.expiresAt);
    // The renewed token is the one used from now on.
    expect(tokens.get()).toMatchObject({ token: renewed.token, ticket: c.ticket });
    const submitted = await api.submit();
    expect(submitted.submittedAt).toMatch(/^\d{4}-/);
    expect(submitted).not.toHaveProperty('score'); // the seeded batch does not show scores
    expect((await api.state()).status).toBe('submitted');
    expect(await api.state()).not.toHaveProperty('score');
    expect(await refusal(api.save({ item: single.code, response: 0, seq: 9 }))).toBe('attempt_submitted');
  });

  it('refuses a second device until a proctor approves the transfer', async () => {
    const c = exam.candidates[1]!;
    const first = client();
    await first.api.login({ ticket: c.ticket, idNumber: c.idNumber, deviceId: 'device-first' });
    const second = client();
    expect(await refusal(second.api.login({ ticket: c.ticket, idNumber: c.idNumber, deviceId: 'device-second' }))).toBe(
      'device_conflict',
    );
  });

  it("shows the server's own words for a refusal, and the client's for a fault", async () => {
    const { api } = client();
    const c = exam.candidates[2]!;
    const wrong = await failure(
      api.login({ ticket: c.ticket, idNumber: '110105194912310021', deviceId: 'device-ccc' }),
    );
    expect(wrong).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(wrong.message).toMatch(/[\u4e00-\u9fff]/);
    expect(wrong.message).not.toBe(CLIENT_ERROR_MESSAGES.server.zh);

    // What a proxy or a failing server answers in front of or instead of Kaowu's error body.
    const answering = (res: () => Response) =>
      httpApi({ get: () => undefined, set: () => undefined }, async () => res());
    const login = (api: ExamApi) => failure(api.login({ ticket: '1', idNumber: '2', deviceId: 'd' }));
    const body = (status: number, error: unknown) =>
      new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } });
    // An internal fault: retried as `server`, in the client's words (the server's say nothing useful).
    expect(await login(answering(() => body(500, { code: 'internal', message: '服务器内部错误' })))).toMatchObject({
      code: 'server',
      message: CLIENT_ERROR_MESSAGES.server.zh,
      status: 500,
    });
    // A gateway's HTML page: as good as offline.
    expect(await login(answering(() => new Response('<html>Bad Gateway</html>', { status: 502 })))).toMatchObject({
      code: 'network',
      message: CLIENT_ERROR_MESSAGES.network.zh,
    });
    // A 404 page that is not Kaowu's, and a body with a code but no words: not a refusal the client can show.
    expect((await login(answering(() => new Response('Not Found', { status: 404 })))).code).toBe('server');
    expect((await login(answering(() => body(409, { code: 'conflict' })))).code).toBe('server');
    // A refusal with its code and words, as the server sends it.
    expect(await login(answering(() => body(429, { code: 'rate_limited', message: '稍后再试' })))).toMatchObject({
      code: 'rate_limited',
      message: '稍后再试',
      status: 429,
    });
  });

  it('treats an unreachable server as offline, not as a refusal', async () => {
    let session: StoredSession | undefined = {
      token: 't',
      expiresAt: 0,
      attemptId: 'a',
      ticket: '1',
      idNumberMasked: '',
    };
    const api = httpApi({ get: () => session, set: (v) => (session = v) }, (input, init) =>
      fetch(`http://127.0.0.1:1${String(input)}`, init),
    );
    expect(await refusal(api.state())).toBe('network');
  });
});
