import { existsSync } from 'node:fs';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { verifyAuditTrail } from '@kaowu/services';
import { describe, expect, it } from 'vitest';
import { HAPROXY, startCluster } from './testing/cluster.ts';
import { TEST_PASSWORD } from '@kaowu/services/testing';
import { seedFile } from './testing/harness.ts';

/**
 * Three `kaowu serve` processes on one PostgreSQL database behind HAProxy (deploy/haproxy.cfg), started here:
 * 200 candidates log in, start, save with out-of-order and repeated seqs, and submit, all through the balancer,
 * while one server is SIGKILLed at a random moment and restarted (twice), a proctor pauses a room and extends
 * another through whichever server the balancer picks, and a device transfer is approved on one server while
 * the old device talks to another. Runs where a real PostgreSQL server is given (`pnpm test:pg`) and HAProxy
 * is installed (scripts/setup.sh --test).
 */
const url = process.env.KAOWU_TEST_PG_URL;
const ENV = { KAOWU_LOGIN_LIMIT_PER_ADDRESS: '100000' };
const CANDIDATES = 200;
const SAVES = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON, as in the harness's client
type Reply = { status: number; body: any };

/** One request, once: a network error is status 0. Nothing is retried here; callers say what they repeat. */
async function send(
  base: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Reply> {
  try {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  } catch (e) {
    return { status: 0, body: String(e) };
  }
}

/** A staff login as the console does it. */
async function staffLogin(base: string, username: string): Promise<string> {
  const r = await send(base, 'POST', '/api/staff/login', undefined, { username, password: TEST_PASSWORD });
  if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

describe.skipIf(!url || !existsSync(HAPROXY))('three exam servers behind HAProxy on one PostgreSQL database', () => {
  it('200 candidates, a server killed and restarted, pause, extension and transfer: nothing acked is lost', {
    timeout: 600_000,
  }, async () => {
    const db = testDbTarget('', { ...process.env, KAOWU_TEST_DIALECT: 'postgres' });
    const exam = await seedFile(db, null, { rooms: [CANDIDATES / 2, CANDIDATES / 2], perType: 4 });
    const cluster = await startCluster(db, 3, ENV);
    const lb = cluster.url;
    try {
      // Log in and start, 40 at a time.
      const sessions: { i: number; token: string; attemptId: string; room: number; items: string[] }[] = [];
      for (let from = 0; from < CANDIDATES; from += 40)
        sessions.push(
          ...(await Promise.all(
            exam.candidates.slice(from, from + 40).map(async (c, k) => {
              const login = await send(lb, 'POST', '/api/attempts', undefined, {
                ticket: c.ticket,
                idNumber: c.idNumber,
                deviceId: `device-${c.ticket}`,
              });
              expect(login.status, JSON.stringify(login.body)).toBe(200);
              const { token, attemptId } = login.body;
              expect((await send(lb, 'POST', `/api/attempts/${attemptId}/start`, token, {})).status).toBe(200);
              const paper = (await send(lb, 'GET', `/api/attempts/${attemptId}/paper`, token)).body;
              const items = paper.sections
                .filter((s: { type: string }) => s.type === 'true_false')
                .flatMap((s: { items: { code: string }[] }) => s.items.map((i) => i.code));
              return { i: from + k, token, attemptId, room: c.roomCode === exam.rooms[0]!.code ? 0 : 1, items };
            }),
          )),
        );
      const deadlineOf = async (s: (typeof sessions)[number]) =>
        (await send(lb, 'GET', `/api/attempts/${s.attemptId}/state`, s.token)).body.deadline as string;
      const before = new Map<string, string>();
      for (const s of sessions) before.set(s.attemptId, await deadlineOf(s));

      // Every request that fails while the servers are killed and restarted is recorded (when, what): a client
      // repeats it (saves are idempotent by seq; a proctor first looks whether the action took effect). After the
      // run each failure must be a 502/503/network error inside a window from a SIGKILL to the balancer seeing all
      // three servers up again: anywhere else the cluster would be failing candidates, not a server dying.
      const failures: { at: number; status: number; what: string }[] = [];
      const windows: { from: number; to: number }[] = [];
      const failed = (r: Reply, what: string) => failures.push({ at: Date.now(), status: r.status, what });
      /** A read, repeated after a failure until it answers 200. */
      const read = async (path: string, token: string): Promise<Reply> => {
        for (let i = 0; i < 50; i++) {
          const r = await send(lb, 'GET', path, token);
          if (r.status === 200) return r;
          failed(r, `GET ${path}`);
          await sleep(100);
        }
        throw new Error(`GET ${path}: no answer`);
      };
      const [roomA, roomB] = exam.rooms.map((r) => r.id);
      const pa = await staffLogin(lb, 'proctor_a');
      const pc = await staffLogin(lb, 'proctor_c');

      // Saves: seqs in pairs swapped (2, 1, 4, 3, …), every fourth one sent twice; an answer counts once acked; a
      // save not acknowledged is sent again from the outbox, as the exam client does.
      const acked = new Map<string, Map<string, { seq: number; response: boolean }>>();
      let ackedCount = 0;
      const saving = sessions.map(async (s) => {
        const mine = new Map<string, { seq: number; response: boolean }>();
        acked.set(s.attemptId, mine);
        const order = Array.from({ length: SAVES }, (_, k) => (k % 2 === 0 ? k + 2 : k));
        for (const [k, seq] of order.entries()) {
          const item = s.items[seq % s.items.length]!;
          const response = seq % 3 === 0;
          for (let copy = 0; copy < (k % 4 === 3 ? 2 : 1); copy++)
            for (let tries = 0; ; tries++) {
              const r = await send(lb, 'POST', `/api/attempts/${s.attemptId}/answers`, s.token, {
                item,
                response,
                seq,
              });
              if (r.status === 200) break;
              // While room 01 is paused its saves are refused (the client keeps them until it resumes).
              if (r.body?.error?.code !== 'attempt_paused') failed(r, `save ${s.attemptId} ${seq}`);
              if (tries >= 100) throw new Error(`save never acknowledged: ${r.status}`);
              await sleep(100);
            }
          ackedCount++;
          const held = mine.get(item);
          if (!held || held.seq < seq) mine.set(item, { seq, response });
          await sleep(Math.random() * 40);
        }
      });

      // Chaos: a random server SIGKILLed at a random moment and restarted, twice.
      const chaos = (async () => {
        for (let round = 0; round < 2; round++) {
          await sleep(200 + Math.random() * 800);
          const victim = Math.floor(Math.random() * 3);
          const from = Date.now();
          await cluster.kill(victim);
          await sleep(300);
          await cluster.restart(victim);
          await cluster.waitUp(3);
          windows.push({ from, to: Date.now() });
        }
      })();

      // The proctors, through the balancer: room 01 paused and resumed, room 02 extended by 5 minutes. After a
      // failed request the proctor looks (the room's state, a candidate's deadline) and repeats only what did not
      // take effect: an extension is not idempotent.
      const act = async (path: string, token: string, body: unknown, tookEffect: () => Promise<boolean>) => {
        for (let i = 0; i < 20; i++) {
          const r = await send(lb, 'POST', path, token, body);
          if (r.status === 200) return;
          failed(r, `POST ${path}`);
          if (await tookEffect()) return;
          await sleep(100);
        }
        throw new Error(`POST ${path}: no effect`);
      };
      const paused = async () => (await read(`/api/rooms/${roomA}`, pa)).body.paused as boolean;
      const inB = sessions.find((s) => s.room === 1)!;
      const extended = async () =>
        Date.parse((await read(`/api/attempts/${inB.attemptId}/state`, inB.token)).body.deadline) -
          Date.parse(before.get(inB.attemptId)!) ===
        5 * 60_000;
      const proctoring = (async () => {
        await sleep(300);
        await act(`/api/rooms/${roomA}/pause`, pa, {}, paused);
        await sleep(400);
        await act(`/api/rooms/${roomA}/resume`, pa, {}, async () => !(await paused()));
        await act(`/api/rooms/${roomB}/extend`, pc, { minutes: 5 }, extended);
      })();
      await Promise.all([...saving, chaos, proctoring]);
      expect(ackedCount).toBe(sessions.length * SAVES);
      const outside = failures.filter((f) => !windows.some((w) => f.at >= w.from && f.at <= w.to + 1000));
      expect(outside, 'requests failed while no server was being killed').toEqual([]);
      expect(failures.filter((f) => ![0, 502, 503].includes(f.status))).toEqual([]);
      console.log(`several servers: ${failures.length} requests failed during the two kills, all repeated`);

      // A device transfer: requested on server 1, approved on server 2, the new device in on server 3; the old
      // device's token is refused by every server within 1 s.
      const moved = sessions[0]!;
      const who = exam.candidates[moved.i]!;
      const [s1, s2, s3] = cluster.servers.map((s) => s.url);
      const asked = await send(s1!, 'POST', '/api/attempts', undefined, {
        ticket: who.ticket,
        idNumber: who.idNumber,
        deviceId: 'device-new',
      });
      expect(asked.body.error.code).toBe('device_conflict');
      const proctor = await staffLogin(s2!, 'proctor_a');
      const transferId = asked.body.error.details[0].transferId as string;
      expect((await send(s2!, 'POST', `/api/transfers/${transferId}/approve`, proctor, {})).status).toBe(200);
      const fresh = await send(s3!, 'POST', '/api/attempts', undefined, {
        ticket: who.ticket,
        idNumber: who.idNumber,
        deviceId: 'device-new',
      });
      expect(fresh.status).toBe(200);
      const t0 = Date.now();
      for (const server of [s1!, s2!, s3!])
        for (;;) {
          const r = await send(server, 'GET', `/api/attempts/${moved.attemptId}/state`, moved.token);
          if (r.status === 401 && r.body.error.code === 'token_revoked') break;
          expect(Date.now() - t0).toBeLessThan(1000);
          await sleep(10);
        }
      moved.token = fresh.body.token;

      // Deadlines as the server computed them: room 02 exactly 5 minutes later, room 01 later by its pause.
      const after = new Map<string, string>();
      for (const s of sessions) after.set(s.attemptId, await deadlineOf(s));
      // Everyone submits, through the balancer, each once (a repeated submit answers the first one's result).
      await Promise.all(
        sessions.map(async (s) => {
          const r = await send(lb, 'POST', `/api/attempts/${s.attemptId}/submit`, s.token, {});
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          expect((await send(lb, 'POST', `/api/attempts/${s.attemptId}/submit`, s.token, {})).status).toBe(200);
        }),
      );
      await cluster.stop();

      const check = await openDatabase(db);
      try {
        const rows = await check
          .selectFrom('attempts')
          .select(['id', 'status', 'extension_ms', 'paused_ms', 'deadline_at'])
          .execute();
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const s of sessions) {
          const row = byId.get(s.attemptId)!;
          expect(row.status).toBe('submitted');
          const moved = Date.parse(after.get(s.attemptId)!) - Date.parse(before.get(s.attemptId)!);
          if (s.room === 1) expect([moved, row.extension_ms, row.paused_ms]).toEqual([5 * 60_000, 5 * 60_000, 0]);
          else expect([moved > 0, moved, row.extension_ms]).toEqual([true, row.paused_ms, 0]);
        }
        const answers = await check
          .selectFrom('answers')
          .select(['attempt_id', 'item_code', 'seq', 'response_json'])
          .execute();
        const stored = new Map(answers.map((a) => [`${a.attempt_id}/${a.item_code}`, a]));
        let checked = 0;
        for (const [attemptId, mine] of acked)
          for (const [item, ack] of mine) {
            const held = stored.get(`${attemptId}/${item}`);
            expect(held, `${attemptId} ${item}`).toBeDefined();
            expect(held!.seq).toBeGreaterThanOrEqual(ack.seq);
            if (held!.seq === ack.seq) expect(held!.response_json).toBe(String(ack.response));
            checked++;
          }
        expect(checked).toBeGreaterThan(0.9 * sessions.reduce((n, s) => n + s.items.length, 0));
        const submits = await check
          .selectFrom('audit_log')
          .select(['entity_id'])
          .where('action', '=', 'attempt.submit')
          .execute();
        expect(submits.map((r) => r.entity_id).sort()).toEqual(sessions.map((s) => s.attemptId).sort());
        const trail = await verifyAuditTrail(check);
        expect([trail.broken, trail.records > CANDIDATES]).toEqual([null, true]);
      } finally {
        await check.destroy();
      }
    } finally {
      await cluster.stop().catch(() => undefined);
    }
  });
});
