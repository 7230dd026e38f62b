import { createServer, connect, type Server, type Socket } from 'node:net';
import { openDatabase, type Db } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { KaowuError } from '@kaowu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { seedExam, type SeededExam } from '../testing/index.ts';
import { attemptState, authenticateCandidate, saveAnswer } from './attempts.ts';
import { startAttempt } from './attempt-start.ts';
import { candidateLogin } from './candidate-login.ts';
import { PgLiveHub, shareRuntimeState } from './live-hub-pg.ts';
import { pauseRoom } from './proctor.ts';
import { createExamRuntime, type ExamRuntime } from './runtime.ts';

/**
 * README "When something fails": the database becomes unreachable for one exam server (a TCP relay between it and
 * PostgreSQL is cut: every open connection reset, new ones refused) and comes back. Saves meanwhile are refused,
 * never acknowledged; afterwards the pool and the LISTEN connection reconnect by themselves, saves go through,
 * and a pause another server made during the outage holds here. Runs where a real PostgreSQL server is given.
 */
const url = process.env.KAOWU_TEST_PG_URL;

/** A TCP relay to PostgreSQL that can be cut and restored. */
async function relay(target: URL): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let up = true;
  const server: Server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const proxied = new URL(target);
  proxied.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: proxied.toString(),
    cut() {
      up = false;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof KaowuError ? e.code : 'database_error'),
  );

async function eventually(check: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

describe.skipIf(!url)('the database unreachable for one server, then back', () => {
  const now = () => new Date(Date.parse('2026-11-02T01:00:00Z'));
  let exam: SeededExam;
  let cutOff: Awaited<ReturnType<typeof relay>>;
  let a: ExamRuntime;
  let b: ExamRuntime;
  const dbs: Db[] = [];
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const target = testDbTarget(':memory:', { ...process.env, KAOWU_TEST_DIALECT: 'postgres' });
    const seedDb = await openDatabase(target);
    exam = await seedExam(createContext(seedDb, { now }), { rooms: [2] });
    await seedDb.destroy();
    cutOff = await relay(new URL(target));
    const open = async (at: string) => {
      const db = await openDatabase(at);
      dbs.push(db);
      const rt = await createExamRuntime(createContext(db, { now }), { hub: new PgLiveHub(db) });
      const listener = await shareRuntimeState(rt, at);
      closers.push(() => listener.close());
      return rt;
    };
    // The relay keeps the URL's query (the test schema's search_path).
    a = await open(cutOff.url);
    b = await open(target);
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    for (const db of dbs) await db.destroy();
    await cutOff?.close();
  });

  it('saves are refused while it is cut off, go through after it is back, and a pause made meanwhile holds', async () => {
    const c = exam.candidates[0]!;
    const { token, attemptId } = await candidateLogin(a, { ticket: c.ticket, idNumber: c.idNumber, deviceId: 'd0' });
    const auth = await authenticateCandidate(a, token);
    await startAttempt(a, auth, attemptId);
    const save = (seq: number) => saveAnswer(a, auth, attemptId, { item: 'Q001', response: seq % 2 === 0, seq });
    expect(await codeOf(save(1))).toBe('ok');

    cutOff.cut();
    // Not acknowledged: the commit cannot happen (the error is the driver's, answered 500 by the server).
    expect(await codeOf(save(2))).toBe('database_error');
    expect(await codeOf(save(3))).toBe('database_error');
    // Another server, still connected, pauses the room; this one cannot hear it yet.
    await pauseRoom(b, 'proctor_a', exam.rooms[0]!.id);
    const storedSeq = async () =>
      (
        await b.ctx.db
          .selectFrom('answers')
          .select(['seq'])
          .where('attempt_id', '=', attemptId)
          .executeTakeFirstOrThrow()
      ).seq;
    expect(await storedSeq()).toBe(1);

    cutOff.restore();
    // The pool reconnects by itself (the LISTEN connection retries every 250 ms, dropping the cache meanwhile),
    // so the pause made during the outage holds here, and saves wait for the resume as on any server.
    const took = await eventually(
      async () => (await codeOf(attemptState(a, await authenticateCandidate(a, token), attemptId))) === 'ok',
      10_000,
    );
    await eventually(
      async () => (await attemptState(a, await authenticateCandidate(a, token), attemptId)).status === 'paused',
      2_000,
    );
    // (A pause still takes saves for its grace seconds, as on one server.)
    expect(await codeOf(save(4))).toBe('ok');
    expect(await storedSeq()).toBe(4);
    console.log(`database outage: server answered again ${took} ms after the database was back`);
  });
});
