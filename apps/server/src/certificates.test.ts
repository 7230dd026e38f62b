import { issuedBatchFixture } from '@kaowu/services/testing';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import { type RunningServer, startServer } from './server.ts';
import { client, staffToken, tempDb } from './testing/harness.ts';

/** Electronic certificates over HTTP: the zip, the public key, revocation, and the public query page /verify/. */
let server: RunningServer;
let api: ReturnType<typeof client>;
let cert: { number: string; name: string; idNumber: string };

beforeAll(async () => {
  const dbPath = tempDb();
  const f = await issuedBatchFixture(4, { path: dbPath });
  const row = await f.ctx.db
    .selectFrom('certificates as k')
    .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
    .select(['k.number', 'c.name', 'c.id_number'])
    .orderBy('k.number')
    .executeTakeFirstOrThrow();
  cert = { number: row.number, name: row.name, idNumber: row.id_number };
  await f.ctx.db.destroy();
  server = await startServer({
    dbPath,
    port: 0,
    now: () => new Date('2026-10-21T09:00:00+08:00'),
    limits: { ...DEFAULT_LIMITS, verifyPerAddress: { points: 6, seconds: 60 } },
  });
  api = client(server.url);
}, 60_000);
afterAll(async () => server?.close());

const query = (number: string, name: string) =>
  fetch(`${server.url}/verify/`, { method: 'POST', body: new URLSearchParams({ number, name }) });

describe('the public certificate query /verify/', () => {
  it('shows the form without sign-in', async () => {
    const res = await fetch(`${server.url}/verify/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('职业技能等级证书查询');
  });

  it('answers an exact number + name; an unknown number and a wrong name get the very same page', async () => {
    const ok = await query(cert.number, cert.name);
    const html = await ok.text();
    expect(ok.status).toBe(200);
    expect(html).toContain('有效');
    expect(html).toContain(cert.number);
    expect(html).not.toContain(cert.name);
    expect(html).not.toContain(cert.idNumber);
    const unknown = await query(`${cert.number.slice(0, 16)}999999`, cert.name);
    const wrongName = await query(cert.number, `${cert.name}乙`);
    expect(unknown.status).toBe(wrongName.status);
    const [a, b] = [await unknown.text(), await wrongName.text()];
    expect(a).toBe(b);
    expect(a).toContain('未查询到匹配的证书');
    expect([...unknown.headers.keys()].sort()).toEqual([...wrongName.headers.keys()].sort());
  });

  it('limits queries per address with 429 and Retry-After', async () => {
    // 3 queries above, 6 allowed per minute.
    for (let i = 0; i < 3; i++) expect((await query(cert.number, '某某')).status).toBe(200);
    const refused = await query(cert.number, cert.name);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('查询证书过于频繁');
  });
});

describe('certificate API', () => {
  it('publishes the public key without sign-in, and never the private part', async () => {
    const r = await api.get('/api/certificates/public-key');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(r.body).not.toHaveProperty('d');
  });

  it('downloads the batch zip for the administrator, refuses others, revokes with a reason', async () => {
    const admin = await staffToken(api, 'admin');
    const res = await fetch(`${server.url}/api/batches/RD2026-001/certificates/pdf`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
    expect(files).toContain(`${cert.number}-${cert.name}.pdf`);
    expect((await fetch(`${server.url}/api/batches/RD2026-001/certificates/pdf`)).status).toBe(401);
    const chen = await staffToken(api, 'proctor_a');
    const denied = await api.post(`/api/certificates/${cert.number}/revoke`, { reason: '弄虚作假' }, { token: chen });
    expect(denied.status).toBe(403);
    const empty = await api.post(`/api/certificates/${cert.number}/revoke`, { reason: ' ' }, { token: admin });
    expect(empty.status).toBe(400);
    const done = await api.post(`/api/certificates/${cert.number}/revoke`, { reason: '弄虚作假' }, { token: admin });
    expect(done.status).toBe(200);
  });
});
