import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, staffTokens, startTestServer, type TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let stats: string;
let tokens: Record<string, string>;

/** The seeded exam's batch, before any plan or score: statistics refuse with their reason and status. */
beforeAll(async () => {
  server = await startTestServer();
  tokens = await staffTokens(api, ['admin', 'proctor_a']);
  stats = `/api/batches/${server.exam.batchId}/stats`;
});
afterAll(() => server.close());

describe('item analysis over HTTP', () => {
  it('says there is nothing computed yet (404), and why nothing can be (400)', async () => {
    const read = await api.get(stats, { token: tokens.admin });
    expect([read.status, read.body.error.message]).toEqual([404, expect.stringContaining('尚未计算统计分析')]);
    const compute = await api.post(stats, {}, { token: tokens.admin });
    expect([compute.status, compute.body.error.message]).toEqual([400, expect.stringContaining('尚未设置认定方案')]);
  });

  it('refuses a proctor, who has no business with the bank’s items (403)', async () => {
    const res = await api.get(stats, { token: tokens.proctor_a });
    expect([res.status, res.body.error.message]).toEqual([403, expect.stringContaining('无权查看试题统计分析')]);
    const calibrate = await api.post('/api/banks/6-31-01-03/5/calibration', {}, { token: tokens.proctor_a });
    expect(calibrate.status).toBe(403);
  });

  it('refuses to calibrate a bank without scored answers, and rejects a malformed bank address', async () => {
    const res = await api.post('/api/banks/6-31-01-03/5/calibration', {}, { token: tokens.admin });
    expect([res.status, res.body.error.message]).toEqual([400, expect.stringContaining('无法校准')]);
    expect((await api.get('/api/banks/6-31/5/difficulties', { token: tokens.admin })).status).toBe(400);
  });
});
