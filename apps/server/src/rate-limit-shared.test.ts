import { testDialect } from '@kaowu/db/test-target';
import { issuedBatchFixture } from '@kaowu/services/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import { type RunningServer, startServer } from './server.ts';
import { client, staffToken, tempDb } from './testing/harness.ts';

/**
 * Two exam servers on one PostgreSQL database (`KAOWU_TEST_DIALECT=postgres bash scripts/with-postgres.sh …`):
 * an address or an account has ONE budget whichever server it talks to (the `rate_limits` table, migration 0024),
 * and a revocation made through one server is what the other answers at once. SQLite has one server per database
 * and keeps the in-memory limits (middleware/rate-limit/index.test.ts, certificates.test.ts).
 */
const VERIFY_BUDGET = 6;
const LOGIN_BUDGET = 3;
let a: RunningServer;
let b: RunningServer;
let cert: { number: string; name: string };

const query = (server: RunningServer, number: string, name: string) =>
  fetch(`${server.url}/verify/`, { method: 'POST', body: new URLSearchParams({ number, name }) });

describe.skipIf(testDialect() !== 'postgres')('two servers on one PostgreSQL database', () => {
  beforeAll(async () => {
    const dbPath = tempDb();
    const f = await issuedBatchFixture(4, { path: dbPath });
    const row = await f.ctx.db
      .selectFrom('certificates as k')
      .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
      .select(['k.number', 'c.name'])
      .orderBy('k.number')
      .executeTakeFirstOrThrow();
    cert = { number: row.number, name: row.name };
    await f.ctx.db.destroy();
    const options = {
      dbPath,
      port: 0,
      now: () => new Date('2026-10-21T09:00:00+08:00'),
      limits: {
        ...DEFAULT_LIMITS,
        verifyPerAddress: { points: VERIFY_BUDGET, seconds: 60 },
        staffPerUser: { points: LOGIN_BUDGET, seconds: 60 },
      },
    };
    a = await startServer(options);
    b = await startServer(options);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a certificate revoked through one server is 已注销 on the other at once', async () => {
    const before = await (await query(b, cert.number, cert.name)).text();
    expect(before).toContain('有效');
    const admin = await staffToken(client(a.url), 'admin');
    const done = await client(a.url).post(
      `/api/certificates/${cert.number}/revoke`,
      { reason: '弄虚作假' },
      { token: admin },
    );
    expect(done.status).toBe(200);
    // No wait: B reads the revocation with every query (only batch-wide facts are cached there).
    for (const server of [b, a]) {
      const after = await (await query(server, cert.number, cert.name)).text();
      expect(after).toContain('已注销');
      expect(after).not.toContain('status valid');
    }
  });

  it('alternating public queries across the servers spend one budget; the next is 429 on either', async () => {
    // The address spent 3 queries above (B, B, A).
    const servers = [a, b];
    for (let i = 3; i < VERIFY_BUDGET; i++)
      expect((await query(servers[i % 2]!, cert.number, '某某')).status).toBe(200);
    for (const server of [a, b]) {
      const refused = await query(server, cert.number, cert.name);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await refused.text()).toContain('查询证书过于频繁');
    }
  });

  it('alternating wrong passwords for one user across the servers spend one budget; the next is 429 on either', async () => {
    const servers = [a, b];
    for (let i = 0; i < LOGIN_BUDGET; i++) {
      const r = await client(servers[i % 2]!.url).post('/api/staff/login', {
        username: 'chen',
        password: 'wrong-password',
      });
      expect(r.status).toBe(401);
    }
    for (const server of [b, a]) {
      // Even the right password: the budget for this user name is spent everywhere.
      const r = await client(server.url).post('/api/staff/login', { username: 'chen', password: 'kaowu-test' });
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('rate_limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another user is not affected.
    expect((await client(b.url).post('/api/staff/login', { username: 'admin', password: 'kaowu-test' })).status).toBe(
      200,
    );
  });
  it('requests at once to both servers (counted per key and turn, one consume each) grant exactly one budget', async () => {
    const at = (server: RunningServer) =>
      client(server.url).post('/api/staff/login', { username: 'nobody-at-once', password: 'wrong-password' });
    const statuses = (await Promise.all([a, b, a, b, a, b, a, b, a, b, a, b].map(at))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(LOGIN_BUDGET);
    expect(statuses.filter((s) => s === 429).length).toBe(12 - LOGIN_BUDGET);
  });
});
