import { openDatabase } from '@kaowu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLogin, client, staffToken, startTestServer } from './testing/harness.ts';
import type { Client, TestServer } from './testing/harness.ts';

let s: TestServer;
const api = client(() => s.url);

beforeAll(async () => {
  s = await startTestServer({ rooms: [10, 3] });
});
afterAll(() => s.close());

const person = (i: number) => s.exam.candidates[i]!;

describe('candidate login', () => {
  it('needs the right 准考证号 + 身份证号 (a lower-case x is fine)', async () => {
    const c = person(0);
    const wrong = await api.post('/api/attempts', {
      ticket: c.ticket,
      idNumber: '110105194912310021',
      deviceId: 'device-xyz-1',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('准考证号或身份证号不正确');
    const ok = await api.post('/api/attempts', {
      ticket: c.ticket,
      idNumber: c.idNumber.toLowerCase(),
      deviceId: `device-${c.ticket}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ attemptId: expect.any(String), token: expect.any(String) });
  });

  it('is refused before a proctor opens the room, and outside the window', async () => {
    const proctor = await staffToken(api, 'proctor_c');
    const room2 = s.exam.rooms[1]!.id;
    await api.post(`/api/rooms/${room2}/close`, {}, { token: proctor });
    const closed = await api.post('/api/attempts', {
      ticket: person(10).ticket,
      idNumber: person(10).idNumber,
      deviceId: 'device-closed-1',
    });
    expect([closed.status, closed.body.error.code]).toEqual([403, 'room_not_open']);
    await api.post(`/api/rooms/${room2}/open`, {}, { token: proctor });
    s.clock.advance(400); // the seeded window ends 300 minutes after the start
    const late = await api.post('/api/attempts', {
      ticket: person(10).ticket,
      idNumber: person(10).idNumber,
      deviceId: 'device-closed-1',
    });
    expect([late.status, late.body.error.code]).toEqual([403, 'outside_window']);
    s.clock.advance(-400);
  });

  it('answers malformed bodies with a clear 400 naming each field, never a stack trace', async () => {
    const r = await api.post('/api/attempts', { ticket: '', deviceId: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid');
    expect(r.body.error.message).toContain('ticket');
    expect(r.body.error.message).toContain('请输入准考证号');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['ticket', 'idNumber', 'deviceId']),
    );
    const bad = await api.call('POST', '/api/attempts', {
      raw: '{"ticket":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts|node_modules|stack/i);
  });

  it('is rate-limited per 准考证号', async () => {
    const c = person(11);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await api.post('/api/attempts', {
            ticket: c.ticket,
            idNumber: '11010519491231002X',
            deviceId: 'device-brute-1',
          })
        ).status,
      );
    expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('an attempt', () => {
  it('serves the candidate their variant without any key, and the same variant on every request', async () => {
    const { token, attemptId } = await candidateLogin(api, person(1));
    const paper = await api.get(`/api/attempts/${attemptId}/paper`, { token });
    expect(paper.status).toBe(200);
    const text = JSON.stringify(paper.body);
    expect(text).not.toMatch(/"key"|"explanation"|"contentHash"/);
    expect(paper.body.sections.flatMap((sec: { items: unknown[] }) => sec.items)).toHaveLength(12);
    expect((await api.get(`/api/attempts/${attemptId}/paper`, { token })).body).toEqual(paper.body);
  });

  // The state then returns every saved answer.
  it('saves idempotently: a lower or equal seq never overwrites a higher one', async () => {
    const { token, attemptId } = await candidateLogin(api, person(2));
    const paper = (await api.get(`/api/attempts/${attemptId}/paper`, { token })).body;
    const single = paper.sections.find((x: { type: string }) => x.type === 'single').items[0].code;
    const tf = paper.sections.find((x: { type: string }) => x.type === 'true_false').items[0].code;
    const save = (item: string, response: unknown, seq: number) =>
      api.post(`/api/attempts/${attemptId}/answers`, { item, response, seq }, { token });
    expect((await save(single, 2, 3)).body).toMatchObject({ item: single, seq: 3, storedSeq: 3, superseded: false });
    expect((await save(single, 1, 2)).body).toMatchObject({ seq: 2, storedSeq: 3, superseded: true });
    expect((await save(single, 1, 3)).body).toMatchObject({ storedSeq: 3 });
    expect((await save(tf, true, 1)).status).toBe(200);
    const state = await api.get(`/api/attempts/${attemptId}/state`, { token });
    expect(state.body.answers).toEqual(
      expect.arrayContaining([
        { item: single, response: 2, seq: 3 },
        { item: tf, response: true, seq: 1 },
      ]),
    );
    expect(state.body).toMatchObject({ status: 'in_progress', graceSeconds: 15, remainingSeconds: 3600 });
    expect(Date.parse(state.body.deadline) - Date.parse(state.body.startedAt)).toBe(3600_000);
    // Shapes that do not fit the item are refused with a reason.
    expect((await save(tf, 3, 9)).status).toBe(400);
    expect((await save(single, [0, 1], 9)).body.error.message).toContain('单选题');
    expect((await save('NOPE', true, 9)).status).toBe(400);
  });

  it('records client events and submits once (idempotent); saves after submission are refused', async () => {
    const { token, attemptId } = await candidateLogin(api, person(3));
    const ev = await api.post(
      `/api/attempts/${attemptId}/events`,
      { events: [{ kind: 'fullscreen_exit' }, { kind: 'paste_blocked', detail: { length: 120 } }] },
      { token },
    );
    expect(ev.body).toEqual({ recorded: 2 });
    expect(
      (await api.post(`/api/attempts/${attemptId}/events`, { events: [{ kind: 'hack' }] }, { token })).status,
    ).toBe(400);
    const first = await api.post(`/api/attempts/${attemptId}/submit`, {}, { token });
    expect(first.status).toBe(200);
    expect(first.body).not.toHaveProperty('score');
    const again = await api.post(`/api/attempts/${attemptId}/submit`, {}, { token });
    expect(again.body.submittedAt).toBe(first.body.submittedAt);
    const late = await api.post(
      `/api/attempts/${attemptId}/answers`,
      { item: 'Q001', response: true, seq: 50 },
      { token },
    );
    expect([late.status, late.body.error.code]).toEqual([409, 'attempt_submitted']);
    expect((await api.get(`/api/attempts/${attemptId}/state`, { token })).body.status).toBe('submitted');
    const relogin = await api.post('/api/attempts', {
      ticket: person(3).ticket,
      idNumber: person(3).idNumber,
      deviceId: `device-${person(3).ticket}`,
    });
    expect(relogin.body.error.code).toBe('attempt_submitted');
  });

  it('refuses saves after the deadline plus the stated grace', async () => {
    let { token, attemptId } = await candidateLogin(api, person(4));
    for (let i = 0; i < 4; i++) {
      s.clock.advance(14); // the client renews its short-lived token while the candidate works
      token = (await api.post(`/api/attempts/${attemptId}/token`, {}, { token })).body.token;
    }
    s.clock.advance(4);
    s.clock.now += 10_000; // inside the 15-second grace
    expect(
      (await api.post(`/api/attempts/${attemptId}/answers`, { item: 'Q001', response: true, seq: 1 }, { token }))
        .status,
    ).toBe(200);
    s.clock.now += 6_000;
    const late = await api.post(
      `/api/attempts/${attemptId}/answers`,
      { item: 'Q001', response: false, seq: 2 },
      { token },
    );
    expect([late.status, late.body.error.code]).toEqual([409, 'deadline_passed']);
    expect(late.body.error.message).toContain('15 秒宽限');
    // The server submits the expired attempt by itself, dated at the deadline, with a score.
    await new Promise((r) => setTimeout(r, 400));
    const state = await api.get(`/api/attempts/${attemptId}/state`, { token });
    expect(state.body.status).toBe('submitted');
    expect(state.body.submittedAt).toBe(state.body.deadline);
    s.clock.now -= 16_000;
    s.clock.advance(-60);
  });
});

describe('开始答题: the clock starts when the candidate starts', () => {
  // A server of its own, its window ending 70 minutes after its clock's start: these tests go past that end.
  let t: TestServer;
  let local: Client;
  beforeAll(async () => {
    t = await startTestServer({ rooms: [4], window: { from: -60, to: 70 } });
    local = client(t.url);
  });
  afterAll(() => t.close());
  const own = (i: number) => t.exam.candidates[i]!;

  // The start gives the full time, once.
  it('runs no clock while the candidate reads the confirmation screen', async () => {
    const c = own(0);
    const { token, attemptId } = await candidateLogin(local, c, undefined, { start: false });
    t.clock.advance(3); // three minutes checking name, seat and rules
    const waiting = await local.get(`/api/attempts/${attemptId}/state`, { token });
    expect(waiting.body).toMatchObject({
      status: 'not_started',
      startedAt: null,
      deadline: null,
      remainingSeconds: 3600,
      roomPaused: false,
    });
    for (const [method, path, body] of [
      ['GET', `/api/attempts/${attemptId}/paper`, undefined],
      ['POST', `/api/attempts/${attemptId}/answers`, { item: 'Q001', response: true, seq: 1 }],
      ['POST', `/api/attempts/${attemptId}/submit`, {}],
    ] as const) {
      const r = await local.call(method, path, { token, ...(body ? { body } : {}) });
      expect([path, r.status, r.body.error.code]).toEqual([path, 409, 'attempt_not_started']);
      expect(r.body.error.message).toContain('开始答题');
    }

    const started = await local.post(`/api/attempts/${attemptId}/start`, {}, { token });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      startedAt: new Date(t.clock.now).toISOString(),
      remainingSeconds: 3600,
      answers: [],
    });
    expect(Date.parse(started.body.deadline) - t.clock.now).toBe(3600_000);
    // A second click, a retry after a lost answer: the same clock.
    t.clock.advance(2);
    const again = await local.post(`/api/attempts/${attemptId}/start`, {}, { token });
    expect(again.body).toMatchObject({
      startedAt: started.body.startedAt,
      deadline: started.body.deadline,
      remainingSeconds: 3480,
    });
    expect((await local.get(`/api/attempts/${attemptId}/paper`, { token })).status).toBe(200);
    expect(
      (await local.post(`/api/attempts/${attemptId}/answers`, { item: 'Q001', response: true, seq: 1 }, { token }))
        .status,
    ).toBe(200);
    // A new login (a reload that lost its token) resumes the running clock.
    const back = await candidateLogin(local, c, undefined, { start: false });
    expect((await local.get(`/api/attempts/${back.attemptId}/state`, { token: back.token })).body).toMatchObject({
      status: 'in_progress',
      deadline: started.body.deadline,
    });

    await t.rt.commit.drain();
    const db = await openDatabase(t.dbPath);
    const records = await db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'at'])
      .where('entity_id', '=', attemptId)
      .where('action', 'in', ['attempt.create', 'attempt.start'])
      .orderBy('seq')
      .execute();
    expect(records).toEqual([
      {
        action: 'attempt.create',
        actor: `candidate:${c.ticket}`,
        at: new Date(Date.parse(started.body.startedAt) - 3 * 60_000).toISOString(),
      },
      { action: 'attempt.start', actor: `candidate:${c.ticket}`, at: started.body.startedAt },
    ]);
    await db.destroy();
    t.clock.advance(-5);
  });

  // The unstarted attempt is then submitted as of the window's end.
  it('is refused once the exam window has ended', async () => {
    const c = own(1);
    let { token, attemptId } = await candidateLogin(local, c, undefined, { start: false });
    for (let i = 0; i < 7; i++) {
      t.clock.advance(10); // the client renews its short-lived token while the candidate waits
      token = (await local.post(`/api/attempts/${attemptId}/token`, {}, { token })).body.token;
    }
    const late = await local.post(`/api/attempts/${attemptId}/start`, {}, { token });
    expect([late.status, late.body.error.code]).toEqual([403, 'outside_window']);
    expect(late.body.error.message).toContain('考试时间已结束');
    t.clock.now += 16_000;
    await expect
      .poll(async () => (await local.get(`/api/attempts/${attemptId}/state`, { token })).body.status, { timeout: 3000 })
      .toBe('submitted');
    expect((await local.post(`/api/attempts/${attemptId}/start`, {}, { token })).body).toMatchObject({
      status: 'submitted',
      startedAt: null,
    });
    t.clock.now -= 16_000;
    t.clock.advance(-70);
  });

  it("needs the candidate's own token", async () => {
    const c = await candidateLogin(local, own(2), undefined, { start: false });
    expect((await local.post(`/api/attempts/${c.attemptId}/start`, {})).status).toBe(401);
  });
});

describe('security', () => {
  it('a candidate reaches only their own attempt (IDOR)', async () => {
    const a = await candidateLogin(api, person(5));
    const b = await candidateLogin(api, person(12));
    for (const [method, path, body] of [
      ['GET', `/api/attempts/${b.attemptId}/paper`, undefined],
      ['GET', `/api/attempts/${b.attemptId}/state`, undefined],
      ['POST', `/api/attempts/${b.attemptId}/answers`, { item: 'Q001', response: true, seq: 1 }],
      ['POST', `/api/attempts/${b.attemptId}/events`, { events: [{ kind: 'focus_loss' }] }],
      ['POST', `/api/attempts/${b.attemptId}/submit`, {}],
      ['POST', `/api/attempts/${b.attemptId}/start`, {}],
      ['POST', `/api/attempts/${b.attemptId}/token`, {}],
    ] as const) {
      const r = await api.call(method, path, { token: a.token, ...(body ? { body } : {}) });
      expect([path, r.status]).toEqual([path, 403]);
      expect(JSON.stringify(r.body)).not.toContain('Q0');
    }
    expect((await api.get(`/api/attempts/${b.attemptId}/state`, { token: b.token })).body.status).toBe('in_progress');
    // A candidate token opens no staff route, a staff token no candidate route.
    expect((await api.get(`/api/rooms/${s.exam.rooms[0]!.id}`, { token: a.token })).status).toBe(401);
    expect((await api.get('/api/batches', { token: a.token })).status).toBe(401);
    const staff = await staffToken(api, 'admin');
    expect((await api.get(`/api/attempts/${a.attemptId}/state`, { token: staff })).status).toBe(401);
  });

  it('tampered, expired and revoked tokens get 401', async () => {
    const c = person(8);
    const { token, attemptId } = await candidateLogin(api, c, 'device-tamper-1');
    const [h, p, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const otherAttempt = Buffer.from(JSON.stringify({ ...payload, aid: 'someone-else' })).toString('base64url');
    const forged = `${h}.${otherAttempt}.${sig}`;
    expect((await api.get(`/api/attempts/${attemptId}/state`, { token: forged })).status).toBe(401);
    // Change one whole signature character (the last one carries padding bits a decoder may ignore).
    const flipped = `${h}.${p}.${sig!.slice(0, 10)}${sig![10] === 'A' ? 'B' : 'A'}${sig!.slice(11)}`;
    expect((await api.get(`/api/attempts/${attemptId}/state`, { token: flipped })).status).toBe(401);
    expect((await api.get(`/api/attempts/${attemptId}/state`, { token: 'not-a-jwt' })).status).toBe(401);
    // A newer login on the same device revokes the older token.
    const newer = await candidateLogin(api, c, 'device-tamper-1');
    const revoked = await api.get(`/api/attempts/${attemptId}/state`, { token });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'token_revoked']);
    // Renewal keeps the session alive; past the expiry without renewal the token is refused.
    const renewed = await api.post(`/api/attempts/${attemptId}/token`, {}, { token: newer.token });
    expect(renewed.status).toBe(200);
    s.clock.advance(16);
    const expired = await api.get(`/api/attempts/${attemptId}/state`, { token: newer.token });
    expect([expired.status, expired.body.error.code]).toEqual([401, 'token_expired']);
    s.clock.advance(-16);
  });

  it('sends security headers, no-store on the API and a strict CSP on the exam pages', async () => {
    const r = await fetch(`${s.url}/api/health`);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await fetch(`${s.url}/exam/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${s.url}/console/`)).headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers unknown routes and internal failures without internals', async () => {
    const r = await api.get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});

describe('the confirmation screen and images', () => {
  it("tells the candidate who and where they are (ID masked), and serves only their paper's images", async () => {
    const pictured = await startTestServer({ rooms: [2], image: 'fig1.png' });
    const local = client(pictured.url);
    const c = pictured.exam.candidates[0]!;
    const { token, attemptId } = await candidateLogin(local, c);
    const info = await local.get(`/api/attempts/${attemptId}`, { token });
    expect(info.body).toMatchObject({
      attemptId,
      name: c.name,
      ticket: c.ticket,
      seat: 1,
      level: '五级/初级工',
      durationMinutes: 60,
      room: '01 第 1 考场',
      paperTitle: '测试试卷',
      itemCount: 12,
      totalScore: 12,
    });
    expect(info.body.idNumberMasked).toBe(`${c.idNumber.slice(0, 6)}********${c.idNumber.slice(14)}`);
    expect(info.body.occupation).toBe('电工（6-31-01-03）');
    expect(info.body.rules).toEqual(
      expect.arrayContaining([expect.stringContaining('考试时长 60 分钟，从点击“开始答题”起计时')]),
    );
    const image = await fetch(`${pictured.url}/api/attempts/${attemptId}/assets/fig1.png`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(20);
    expect((await local.get(`/api/attempts/${attemptId}/assets/other.png`, { token })).status).toBe(404);
    const other = await candidateLogin(local, pictured.exam.candidates[1]!, undefined, { start: false });
    expect((await local.get(`/api/attempts/${attemptId}/assets/fig1.png`, { token: other.token })).status).toBe(403);
    // Not even their own figure before they start.
    const early = await local.get(`/api/attempts/${other.attemptId}/assets/fig1.png`, { token: other.token });
    expect([early.status, early.body.error.code]).toEqual([409, 'attempt_not_started']);
    await pictured.close();
  });
});

describe('the score on the finished screen', () => {
  it('is returned by submit and state only when the batch shows scores', async () => {
    const admin = await staffToken(api, 'admin');
    const c = await candidateLogin(api, person(7));
    const hidden = await api.post(`/api/attempts/${c.attemptId}/submit`, {}, { token: c.token });
    expect(hidden.body).not.toHaveProperty('score');
    expect((await api.get(`/api/attempts/${c.attemptId}/state`, { token: c.token })).body).not.toHaveProperty('score');
    const set = await api.patch(`/api/batches/${s.exam.batchId}/settings`, { showScore: true }, { token: admin });
    expect(set.body).toMatchObject({ showScore: true, sebConfigKey: null });
    const d = await candidateLogin(api, person(9));
    await api.post(
      `/api/attempts/${d.attemptId}/answers`,
      { item: 'Q001', response: true, seq: 1 },
      { token: d.token },
    );
    // No score before submitting.
    expect((await api.get(`/api/attempts/${d.attemptId}/state`, { token: d.token })).body).not.toHaveProperty('score');
    const shown = await api.post(`/api/attempts/${d.attemptId}/submit`, {}, { token: d.token });
    expect(shown.body.score).toEqual(expect.any(Number));
    expect((await api.get(`/api/attempts/${d.attemptId}/state`, { token: d.token })).body.score).toBe(shown.body.score);
    expect((await api.get(`/api/batches/${s.exam.batchId}`, { token: admin })).body).toMatchObject({
      showScore: true,
      sebRequired: false,
    });
    await api.patch(`/api/batches/${s.exam.batchId}/settings`, { showScore: false }, { token: admin });
    expect((await api.get(`/api/attempts/${d.attemptId}/state`, { token: d.token })).body).not.toHaveProperty('score');
  });
});

describe('login budget per address', () => {
  it('refuses further logins from one address once its budget is spent, whatever the tickets', async () => {
    const tight = await startTestServer({ rooms: [5], limits: { candidatePerAddress: { points: 3, seconds: 60 } } });
    const local = client(tight.url);
    const statuses: number[] = [];
    for (const c of tight.exam.candidates.slice(0, 4))
      statuses.push(
        (await local.post('/api/attempts', { ticket: c.ticket, idNumber: c.idNumber, deviceId: `device-${c.ticket}` }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    await tight.close();
  });
});
