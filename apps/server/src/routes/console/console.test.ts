import { importOutline, registerAssessor } from '@kaowu/services';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, TEST_OUTLINE, staffTokens, startTestServer } from '../../testing/harness.ts';
import type { TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let tokens: Record<string, string>;
const BANK = '/api/banks/6-31-01-03/5';

/** The seeded exam (admin, proctors) plus a small bank outline, two authors and a registered assessor. */
beforeAll(async () => {
  server = await startTestServer({
    sweepMs: 60_000,
    prepare: async (ctx) => {
      await importOutline(ctx, 'admin', TEST_OUTLINE);
      await createStaff(ctx, ['author'], ['wang', 'li']);
      await createStaff(ctx, ['assessor'], ['chen']);
      await registerAssessor(ctx, 'admin', 'chen', '6-31-01-03');
    },
  });
  tokens = await staffTokens(api, ['wang', 'li', 'chen', 'admin', 'proctor_a']);
});
afterAll(() => server.close());

const item = {
  type: 'true_false',
  point: 'A001',
  difficulty: 2,
  stem: '安全电压不高于 36 V。',
  explanation: '',
  key: true,
};

describe('authoring routes', () => {
  // Self-review is refused; another author approves it.
  it('saves a draft, finds it by filter and submits it for review', async () => {
    const saved = await api.post(`${BANK}/items`, { content: item }, { token: tokens.wang });
    expect(saved.status).toBe(200);
    const code = saved.body.code as string;
    expect(saved.body.outcome).toBe('created');
    const found = await api.get(`${BANK}/items?status=draft&point=A001&text=${encodeURIComponent('安全电压')}`, {
      token: tokens.wang,
    });
    expect(found.body.map((i: { code: string }) => i.code)).toEqual([code]);
    expect(
      (await api.post(`${BANK}/item-status`, { codes: [code], action: 'submit' }, { token: tokens.wang })).status,
    ).toBe(200);
    const self = await api.post(`${BANK}/item-status`, { codes: [code], action: 'approve' }, { token: tokens.wang });
    expect([self.status, self.body.error.message]).toEqual([403, expect.stringContaining('不能审核自己编写的试题')]);
    expect(
      (await api.post(`${BANK}/item-status`, { codes: [code], action: 'approve' }, { token: tokens.li })).status,
    ).toBe(200);
    const history = await api.get(`${BANK}/items/${code}/history`, { token: tokens.li });
    expect(history.body.map((v: { status: string; reviewer: string }) => [v.status, v.reviewer])).toEqual([
      ['approved', 'li'],
    ]);
    const status = await api.get(`${BANK}/status`, { token: tokens.chen });
    expect(status.body.coverage.approved).toBe(1);
  });

  it('refuses an invalid item with a 400 naming the problem', async () => {
    const bad = await api.post(`${BANK}/items`, { content: { ...item, point: 'ZZ999' } }, { token: tokens.wang });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ZZ999');
  });

  it('answers a workbook with problems by a 400 listing sheet, row and column, and imports nothing', async () => {
    const template = await fetch(`${server.url}${BANK}/template`, {
      headers: { authorization: `Bearer ${tokens.wang}` },
    });
    expect(template.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await template.arrayBuffer());
    // Row 2, filled in under the template's own headers: a true/false item on a point the outline does not have.
    const sheet = wb.getWorksheet('试题')!;
    const row: Record<string, string | number> = {
      题型: '判断题',
      鉴定点代码: 'ZZ999',
      难度: 3,
      题干: '题干',
      答案: '√',
    };
    sheet.getRow(1).eachCell((header, column) => {
      sheet.getRow(2).getCell(column).value = row[header.text] ?? null;
    });
    const before = (await api.get(`${BANK}/items`, { token: tokens.wang })).body.length;
    const res = await api.call('POST', `${BANK}/import`, {
      token: tokens.wang,
      raw: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ sheet: '试题', row: 2, column: 'C' }));
    expect((await api.get(`${BANK}/items`, { token: tokens.wang })).body.length).toBe(before);
  });

  it('certifies only the snapshot the assessor looked at', async () => {
    const stale = await api.post(
      `${BANK}/certify`,
      { comment: '符合', expectedHash: '0'.repeat(64) },
      { token: tokens.chen },
    );
    expect(stale.status).toBe(409);
    const { snapshotHash } = (await api.get(`${BANK}/status`, { token: tokens.chen })).body;
    expect((await api.get(`${BANK}/sample?size=5`, { token: tokens.chen })).body).toHaveLength(1);
    const ok = await api.post(
      `${BANK}/certify`,
      { comment: '符合', expectedHash: snapshotHash },
      { token: tokens.chen },
    );
    expect([ok.status, ok.body.snapshotHash]).toEqual([201, snapshotHash]);
    const state = await api.get(`${BANK}/certification`, { token: tokens.wang });
    expect(state.body.counting).toBe(1);
  });
});

describe('access and validation', () => {
  it('needs a sign-in, the right role, and a well-formed bank', async () => {
    expect((await api.get('/api/banks')).status).toBe(401);
    expect((await api.get('/api/banks', { token: tokens.proctor_a })).status).toBe(403);
    expect((await api.get('/api/banks', { token: tokens.wang })).body).toEqual([
      expect.objectContaining({ occupationCode: '6-31-01-03', level: 5 }),
    ]);
    expect((await api.get('/api/banks/6-31-01-03/9/status', { token: tokens.wang })).status).toBe(400);
    expect((await api.post(`${BANK}/feasibility`, { blueprint: 'x', seed: 's' }, { token: tokens.wang })).status).toBe(
      403,
    );
    expect((await api.post(`${BANK}/item-status`, { codes: [], action: 'approve' }, { token: tokens.li })).status).toBe(
      400,
    );
  });

  it('explains an unfeasible blueprint instead of failing', async () => {
    const res = await api.post(
      `${BANK}/feasibility`,
      { blueprint: 'not: [a blueprint', seed: 's' },
      { token: tokens.admin },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('组卷方案');
  });

  it('refuses results of a batch without a plan, and an unknown form', async () => {
    const batches = (await api.get('/api/batches', { token: tokens.admin })).body as { id: string }[];
    const id = batches[0]!.id;
    const sheet = await api.get(`/api/batches/${id}/results/sheet`, { token: tokens.admin });
    expect(sheet.status).toBe(400);
    expect((await api.get(`/api/batches/${id}/results/reports/nonsense`, { token: tokens.admin })).status).toBe(400);
    expect((await api.get(`/api/batches/${id}/results/scores`, { token: tokens.wang })).status).toBe(403);
  });
});
