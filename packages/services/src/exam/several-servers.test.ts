import { openDatabase, type Db } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { KaowuError } from '@kaowu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { seedExam, type SeededExam } from '../testing/index.ts';
import { sql } from 'kysely';
import { authenticateCandidate, attemptState, saveAnswer } from './attempts.ts';
import { requireSafeExamBrowser, sebConfigKeyHash, updateBatchSettings } from './batch-settings.ts';
import { roomView } from './live.ts';
import { startAttempt } from './attempt-start.ts';
import { candidateLogin } from './candidate-login.ts';
import { PgLiveHub, shareRuntimeState } from './live-hub-pg.ts';
import { approveTransfer, extendRoom, pauseRoom, resumeRoom } from './proctor.ts';
import { createExamRuntime, type ExamRuntime } from './runtime.ts';
import { submitAttempt, submitExpired } from './submit.ts';

/**
 * Two exam runtimes on one PostgreSQL database, each with its own pool and LISTEN connection, as two `kaowu
 * serve` processes would have: what one commits, the other follows within the stated bound (1 s). Runs where a
 * real PostgreSQL server is given (KAOWU_TEST_PG_URL; `pnpm test:pg` starts one).
 */
const url = process.env.KAOWU_TEST_PG_URL;
const BOUND_MS = 1000;

/** Polls `check` until it holds; how long that took (fails after the bound). */
async function within(check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > BOUND_MS) throw new Error(`not seen within ${BOUND_MS} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - t0;
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof KaowuError ? e.code : String(e)),
  );

describe.skipIf(!url)('several exam servers on one PostgreSQL database', () => {
  let clock = Date.parse('2026-11-02T01:00:00Z');
  const now = () => new Date(clock);
  const dbs: Db[] = [];
  const closers: (() => Promise<void>)[] = [];
  let exam: SeededExam;
  let a: ExamRuntime;
  let b: ExamRuntime;

  const server = async (target: string): Promise<ExamRuntime> => {
    const db = await openDatabase(target);
    dbs.push(db);
    const rt = await createExamRuntime(createContext(db, { now }), { hub: new PgLiveHub(db) });
    const listener = await shareRuntimeState(rt, target);
    closers.push(() => listener.close());
    return rt;
  };

  beforeAll(async () => {
    const target = testDbTarget(':memory:', { ...process.env, KAOWU_TEST_DIALECT: 'postgres' });
    const seedDb = await openDatabase(target);
    exam = await seedExam(createContext(seedDb, { now }), { rooms: [4] });
    await seedDb.destroy();
    a = await server(target);
    b = await server(target);
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    for (const db of dbs) await db.destroy();
  });

  const login = async (rt: ExamRuntime, i: number, deviceId = `device-${i}`) => {
    const c = exam.candidates[i]!;
    const { token, attemptId } = await candidateLogin(rt, { ticket: c.ticket, idNumber: c.idNumber, deviceId });
    return { token, attemptId };
  };
  const save = async (rt: ExamRuntime, s: { token: string; attemptId: string }, seq: number, response = true) =>
    saveAnswer(rt, await authenticateCandidate(rt, s.token), s.attemptId, { item: 'Q001', response, seq });

  it('a pause, resume and extension on one server take effect on the other; its live board wakes', async () => {
    const room = exam.rooms[0]!.id;
    const s = await login(a, 0);
    await startAttempt(a, await authenticateCandidate(a, s.token), s.attemptId);
    expect((await save(a, s, 1)).storedSeq).toBe(1);
    let woken = 0;
    const unsubscribe = a.hub.subscribe(room, () => woken++);
    await pauseRoom(b, 'proctor_a', room);
    const stateOn = async (rt: ExamRuntime) => attemptState(rt, await authenticateCandidate(rt, s.token), s.attemptId);
    // (A paused clock still takes saves for the grace seconds: the state says paused.)
    await within(async () => (await stateOn(a)).status === 'paused');
    await within(async () => woken > 0);
    unsubscribe();
    await resumeRoom(b, 'proctor_a', room);
    await within(async () => (await stateOn(a)).status === 'in_progress');
    expect(await codeOf(save(a, s, 3))).toBe('ok');
    const before = (await stateOn(b)).deadline!;
    await extendRoom(b, 'proctor_a', room, 10);
    const onB = (await stateOn(b)).deadline!;
    expect(Date.parse(onB) - Date.parse(before)).toBe(10 * 60_000);
    await within(async () => (await stateOn(a)).deadline === onB);
  });

  it('a device transfer approved on one server revokes the old device on the other within 1 s', async () => {
    const old = await login(a, 1);
    await startAttempt(a, await authenticateCandidate(a, old.token), old.attemptId);
    expect(await codeOf(save(a, old, 1))).toBe('ok');
    const refused = await codeOf(login(b, 1, 'device-new'));
    expect(refused).toBe('device_conflict');
    const transfer = await b.ctx.db
      .selectFrom('device_transfers')
      .select('id')
      .where('attempt_id', '=', old.attemptId)
      .executeTakeFirstOrThrow();
    await approveTransfer(b, 'proctor_a', transfer.id);
    const moved = await login(b, 1, 'device-new');
    const took = await within(async () => (await codeOf(save(a, old, 2))) === 'token_revoked');
    expect(took).toBeLessThanOrEqual(BOUND_MS);
    expect(await codeOf(save(a, moved, 3))).toBe('ok');
    expect(await codeOf(save(b, moved, 4))).toBe('ok');
  });

  it('saves through both servers at once: the highest seq wins whichever server took it', async () => {
    const s = await login(a, 2);
    await startAttempt(a, await authenticateCandidate(a, s.token), s.attemptId);
    const seqs = [5, 3, 9, 1, 9, 7, 2, 8, 4, 6];
    const acks = await Promise.all(seqs.map((seq, i) => save(i % 2 ? a : b, s, seq, seq === 9)));
    expect(Math.max(...acks.map((x) => x.storedSeq))).toBe(9);
    const row = await a.ctx.db
      .selectFrom('answers')
      .select(['seq', 'response_json'])
      .where('attempt_id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    expect([row.seq, row.response_json]).toEqual([9, 'true']);
  });

  it('both servers sweep the expired attempts at once: each is submitted exactly once', async () => {
    const s = await login(b, 3);
    await startAttempt(b, await authenticateCandidate(b, s.token), s.attemptId);
    clock += 3 * 3600_000;
    await Promise.all([submitExpired(a), submitExpired(b), submitExpired(a), submitExpired(b)]);
    const submits = await a.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'attempt.submit')
      .execute();
    const started = await a.ctx.db.selectFrom('attempts').select('id').execute();
    expect(started).toHaveLength(4);
    expect(submits.map((r) => r.entity_id).sort()).toEqual(started.map((r) => r.id).sort());
    expect(await codeOf(save(a, s, 99))).not.toBe('ok');
  });
});

describe.skipIf(!url)('several exam servers: heartbeats and batch settings are shared', () => {
  let clock = Date.parse('2026-11-02T01:00:00Z');
  const now = () => new Date(clock);
  const dbs: Db[] = [];
  const closers: (() => Promise<void>)[] = [];
  let exam: SeededExam;
  let target: string;
  let a: ExamRuntime;
  let b: ExamRuntime;

  const server = async (): Promise<ExamRuntime> => {
    const db = await openDatabase(target);
    dbs.push(db);
    const rt = await createExamRuntime(createContext(db, { now }), { hub: new PgLiveHub(db) });
    const listener = await shareRuntimeState(rt, target);
    closers.push(() => listener.close());
    return rt;
  };

  beforeAll(async () => {
    target = testDbTarget(':memory:', { ...process.env, KAOWU_TEST_DIALECT: 'postgres' });
    const seedDb = await openDatabase(target);
    exam = await seedExam(createContext(seedDb, { now }), { rooms: [4] });
    await seedDb.destroy();
    a = await server();
    b = await server();
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    for (const db of dbs) await db.destroy();
  });

  const heartbeatOn = async (rt: ExamRuntime, ticket: string): Promise<string | null> =>
    (await roomView(rt, 'proctor_a', exam.rooms[0]!.id)).seats.find((s) => s.ticket === ticket)!.lastHeartbeat;

  it("a candidate's requests to one server show as their last heartbeat on the other server's board", async () => {
    const c = exam.candidates[0]!;
    const { token, attemptId } = await candidateLogin(a, { ticket: c.ticket, idNumber: c.idNumber, deviceId: 'd0' });
    const loggedIn = new Date(clock).toISOString();
    expect(await heartbeatOn(a, c.ticket)).toBe(loggedIn);
    await within(async () => (await heartbeatOn(b, c.ticket)) === loggedIn);
    // Later requests, only ever to server A: B's board follows; a late heartbeat never moves it backwards.
    clock += 30_000;
    await startAttempt(a, await authenticateCandidate(a, token), attemptId);
    const started = new Date(clock).toISOString();
    await within(async () => (await heartbeatOn(b, c.ticket)) === started);
    b.presence.merge(attemptId, clock - 60_000);
    expect(await heartbeatOn(b, c.ticket)).toBe(started);
    // And the other way round: a request to B shows on A.
    clock += 5_000;
    await authenticateCandidate(b, token);
    await within(async () => (await heartbeatOn(a, c.ticket)) === new Date(clock).toISOString());
  });

  it('a save another server accepts from its cache before the submission reaches it is refused, not stored', async () => {
    const c = exam.candidates[2]!;
    const { token, attemptId } = await candidateLogin(a, { ticket: c.ticket, idNumber: c.idNumber, deviceId: 'd2' });
    await startAttempt(a, await authenticateCandidate(a, token), attemptId);
    // A server whose notification of the submission has not arrived yet: one that does not listen at all.
    const db = await openDatabase(target);
    dbs.push(db);
    const late = await createExamRuntime(createContext(db, { now }), { hub: new PgLiveHub(db) });
    const onLate = await authenticateCandidate(late, token);
    expect((await saveAnswer(late, onLate, attemptId, { item: 'Q001', response: true, seq: 1 })).storedSeq).toBe(1);
    await submitAttempt(a, attemptId, 'candidate', 'candidate');
    // Its cache still says in progress, so it takes the save; the group commit finds the submission in SQL.
    expect((await authenticateCandidate(late, token)).attempt.status).toBe('in_progress');
    expect(await codeOf(saveAnswer(late, onLate, attemptId, { item: 'Q001', response: false, seq: 2 }))).toBe(
      'attempt_submitted',
    );
    const row = await db
      .selectFrom('answers')
      .select(['seq', 'response_json'])
      .where('attempt_id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect([row.seq, row.response_json]).toEqual([1, 'true']);
  });

  it('a Safe Exam Browser key set on one server is enforced by the other within 1 s, and cleared the same way', async () => {
    const c = exam.candidates[1]!;
    const { token } = await candidateLogin(a, { ticket: c.ticket, idNumber: c.idNumber, deviceId: 'd1' });
    const { attempt } = await authenticateCandidate(a, token);
    const request = { url: 'https://exam.example/api/attempts/x/paper', configKeyHash: undefined };
    // Both servers have read (and cached) the batch's settings: no key.
    expect(await codeOf(requireSafeExamBrowser(a, attempt.batchId, request))).toBe('ok');
    expect(await codeOf(requireSafeExamBrowser(b, attempt.batchId, request))).toBe('ok');
    await updateBatchSettings(b, 'admin', exam.batchId, { sebConfigKey: 'ab'.repeat(32) });
    const took = await within(
      async () => (await codeOf(requireSafeExamBrowser(a, attempt.batchId, request))) === 'seb_required',
    );
    expect(took).toBeLessThanOrEqual(BOUND_MS);
    const signed = { ...request, configKeyHash: sebConfigKeyHash(request.url, 'ab'.repeat(32)) };
    expect(await codeOf(requireSafeExamBrowser(a, attempt.batchId, signed))).toBe('ok');
    // Cleared by another process altogether (the command line, a third connection): both servers follow.
    const cli = await openDatabase(target);
    try {
      await sql`update batches set seb_config_key = null where id = ${exam.batchId}`.execute(cli);
    } finally {
      await cli.destroy();
    }
    for (const rt of [a, b])
      await within(async () => (await codeOf(requireSafeExamBrowser(rt, attempt.batchId, request))) === 'ok');
  });
  it("a start keeps the starting server's cached attempt through its own notification; the other drops its copy", async () => {
    const c = exam.candidates[3]!;
    const { token, attemptId } = await candidateLogin(a, { ticket: c.ticket, idNumber: c.idNumber, deviceId: 'd3' });
    // Both servers hold a copy, not started (A's from the candidate's first request after the login).
    await authenticateCandidate(b, token);
    await authenticateCandidate(a, token);
    const held = a.attempts.get(attemptId);
    expect(held?.status).toBe('not_started');
    await startAttempt(a, await authenticateCandidate(a, token), attemptId);
    // The start's UPDATE notifies both servers: B reads the attempt again, A keeps its copy, started already.
    await within(async () => !b.attempts.has(attemptId) && a.ownStarts.size === 0);
    expect(a.attempts.get(attemptId)).toBe(held);
    expect(held?.status).toBe('in_progress');
    expect((await authenticateCandidate(b, token)).attempt.status).toBe('in_progress');
    // Any other change to it, by either server, still drops A's copy.
    await pauseRoom(b, 'proctor_a', exam.rooms[0]!.id);
    await within(async () => !a.attempts.has(attemptId));
    expect((await attemptState(a, await authenticateCandidate(a, token), attemptId)).status).toBe('paused');
  });
});
