import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, staffTokens, startTestServer, type TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let results: string;
let tokens: Record<string, string>;

/** The seeded exam's batch, before any plan or decision: each publicity step must refuse with its reason. */
beforeAll(async () => {
  server = await startTestServer();
  tokens = await staffTokens(api, ['admin', 'proctor_a']);
  const batches = (await api.get('/api/batches', { token: tokens.admin })).body as { id: string }[];
  results = `/api/batches/${batches[0]!.id}/results`;
});
afterAll(() => server.close());

describe('publicity, objections, finalising and certificates over HTTP', () => {
  it('refuses to publish before the decisions are computed, naming why', async () => {
    const res = await api.post(`${results}/publicity`, { workingDays: 5 }, { token: tokens.admin });
    expect([res.status, res.body.error.message]).toEqual([400, expect.stringContaining('尚未计算全部考生的认定结果')]);
    const view = await api.get(`${results}/publicity`, { token: tokens.admin });
    expect([view.status, view.body.error.message]).toEqual([400, expect.stringContaining('尚未公示')]);
  });

  it('refuses objections, resolutions and finalising while nothing is published', async () => {
    const objection = await api.post(`${results}/objections`, { text: '对成绩有异议' }, { token: tokens.admin });
    expect([objection.status, objection.body.error.message]).toEqual([400, expect.stringContaining('尚未公示')]);
    const resolve = await api.post(
      `${results}/objections/x/resolve`,
      { outcome: 'dismissed', note: '复核无误' },
      { token: tokens.admin },
    );
    expect(resolve.status).toBe(400);
    expect((await api.post(`${results}/finalise`, {}, { token: tokens.admin })).status).toBe(400);
  });

  it('issues no certificate before the results are final, and lists none', async () => {
    const res = await api.post(`${results}/certificates`, {}, { token: tokens.admin });
    expect([res.status, res.body.error.message]).toEqual([409, expect.stringContaining('不能发证')]);
    const list = await api.get(`${results}/certificates`, { token: tokens.admin });
    expect([list.status, list.body]).toEqual([200, { certificates: [], awaiting: 0 }]);
  });

  it('validates bodies and keeps the routes to results staff', async () => {
    expect((await api.post(`${results}/objections`, { text: '  ' }, { token: tokens.admin })).status).toBe(400);
    expect(
      (await api.post(`${results}/objections/x/resolve`, { outcome: 'maybe', note: 'x' }, { token: tokens.admin }))
        .status,
    ).toBe(400);
    expect(
      (await api.post(`${results}/publicity`, { publishedOn: '28/09/2026' }, { token: tokens.admin })).status,
    ).toBe(400);
    const spread = await api.post(
      `${results}/spreads`,
      { ticket: 'T1', component: 'skill', reason: '' },
      { token: tokens.admin },
    );
    expect([spread.status, spread.body.error.message]).toEqual([400, expect.stringContaining('裁定理由')]);
    expect((await api.post(`${results}/publicity`, {}, { token: tokens.proctor_a })).status).toBe(403);
    expect((await api.post(`${results}/certificates`, {})).status).toBe(401);
    expect((await api.get(`${results}/certificates`)).status).toBe(401);
    expect((await api.get(`${results}/certificates`, { token: tokens.proctor_a })).status).toBe(403);
    expect((await api.get('/api/batches/NO-SUCH/results/certificates', { token: tokens.admin })).status).toBe(404);
  });
});
