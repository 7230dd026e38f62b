import ExcelJS from 'exceljs';
import type { AuditPage } from '@kaowu/services';
import { seedExam, staffSeededBatch } from '@kaowu/services/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSupervisors, candidateLogin, client, staffTokens, startTestServer } from '../../testing/harness.ts';
import type { TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let tokens: Record<string, string>;
let planNumber: string;
let otherBatch: string;

/**
 * The seeded batch supervised by sup_qian (a candidate has logged in),
 * and a second batch OTHER-1 supervised by sup_he.
 */
beforeAll(async () => {
  server = await startTestServer();
  await addSupervisors(server, ['sup_qian']);
  const { ctx } = server.rt;
  otherBatch = (await seedExam(ctx, { planNumber: 'OTHER-1', rooms: [2] })).batchId;
  await staffSeededBatch(ctx, otherBatch, [{ username: 'sup_he', duty: 'supervisor' }]);
  planNumber = (
    await ctx.db
      .selectFrom('batches')
      .select('plan_number')
      .where('id', '=', server.exam.batchId)
      .executeTakeFirstOrThrow()
  ).plan_number;
  tokens = await staffTokens(api, ['admin', 'proctor_a', 'sup_qian', 'sup_he']);
  await candidateLogin(api, server.exam.candidates[0]!);
});
afterAll(() => server.close());

const get = (path: string, who: string) => api.get(path, { token: tokens[who]! });
/** One page of the trail as `who` reads it. */
const page = async (path: string, who: string) => (await api.get<AuditPage>(path, { token: tokens[who]! })).body;
const query = (params: Record<string, string | number>) =>
  `/api/audit?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;

describe('GET /api/audit', () => {
  it('refuses a proctor (even of the batch) and anyone not signed in', async () => {
    for (const path of ['/api/audit', query({ batch: planNumber }), '/api/audit/verify', '/api/audit/export']) {
      const r = await get(path, 'proctor_a');
      expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
    }
    expect((await get('/api/audit', 'proctor_a')).body.error.message).toBe(
      '用户 proctor_a 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放',
    );
    expect((await api.get('/api/audit')).status).toBe(401);
  });

  it('gives an administrator the whole trail, newest first, in words', async () => {
    const r = await get(query({ limit: 200 }), 'admin');
    expect(r.status).toBe(200);
    expect(r.body.limitedTo).toBeNull();
    const records: AuditPage['records'] = r.body.records;
    expect(records[0]!.seq).toBeGreaterThan(records.at(-1)!.seq);
    expect(records.find((x) => x.action === 'attempt.create')).toMatchObject({
      actionLabel: '考生登录',
      actor: { displayName: server.exam.candidates[0]!.name },
    });
    expect(records.find((x) => x.action === 'user.create' && x.entityId === 'sup_qian')).toMatchObject({
      actionLabel: '新建用户',
      subject: '用户 钱督导（sup_qian）',
      actor: { username: 'admin', displayName: '管理员' },
    });
  });

  it('filters by batch, action prefix, entity and id, actor, text and time', async () => {
    const batch = (await page(query({ batch: planNumber, limit: 200 }), 'admin')).records;
    expect(new Set(batch.map((x) => x.action))).toEqual(
      new Set(['batch.create', 'batch.papers', 'batch.roster', 'batch.staff', 'attempt.create', 'attempt.start']),
    );
    const staffing = (await page(query({ batch: planNumber, action: 'batch.st' }), 'admin')).records;
    expect(staffing.map((x) => x.action)).toEqual(['batch.staff']);
    expect(staffing[0]!.summary).toContain('sup_qian（内部督导员）');
    const user = (await page(query({ entity: 'user', entityId: 'sup_he' }), 'admin')).records;
    expect(user.map((x) => x.action)).toEqual(['staff.login', 'user.create']);
    const byQian = (await page(query({ actor: 'sup_qian' }), 'admin')).records;
    expect(byQian.map((x) => x.action)).toEqual(['staff.login']);
    expect((await get(query({ text: 'sup_qian:supervisor' }), 'admin')).body.records).toHaveLength(1);
    // Everything happened at the test clock's instant: a window ending there holds nothing, one around it everything.
    expect((await get(query({ to: '2026-11-02T09:00:00+08:00' }), 'admin')).body.records).toEqual([]);
    expect(
      (await get(query({ from: '2026-11-02T09:00:00+08:00', to: '2026-11-02T09:00:01+08:00', limit: 200 }), 'admin'))
        .body.records.length,
    ).toBeGreaterThan(10);
  });

  it('pages with before and limit, and refuses bad parameters with a clear 400', async () => {
    const all = (await page(query({ limit: 200 }), 'admin')).records.map((x) => x.seq);
    const first = await page(query({ limit: 5 }), 'admin');
    expect(first.records.map((x) => x.seq)).toEqual(all.slice(0, 5));
    const second = await page(query({ limit: 5, before: first.next! }), 'admin');
    expect(second.records.map((x) => x.seq)).toEqual(all.slice(5, 10));
    const last = await page(query({ limit: 5, before: all.at(-1)! + 1 }), 'admin');
    expect([last.records.length, last.next]).toEqual([1, null]);
    for (const bad of [{ limit: 201 }, { before: 'x' }, { from: 'yesterday' }, { color: 'red' }] as Record<
      string,
      string | number
    >[]) {
      const r = await get(query(bad), 'admin');
      expect([r.status, r.body.error.code]).toEqual([400, 'invalid']);
    }
    expect((await get(query({ limit: 201 }), 'admin')).body.error.message).toBe('请求内容有误：limit：每页最多 200 条');
    expect((await get(query({ entityId: 'x' }), 'admin')).body.error.message).toBe(
      '按对象编号筛选时须同时指定对象类型',
    );
    // A cleared field of the filter form is no filter.
    expect((await get(query({ actor: '', limit: 200 }), 'admin')).body.records).toHaveLength(all.length);
  });

  it("limits a supervisor to their own batch's records", async () => {
    const own = await api.get<AuditPage>(query({ limit: 200 }), { token: tokens.sup_qian! });
    expect(own.status).toBe(200);
    expect(own.body.limitedTo).toEqual([{ planNumber, name: '测试批次' }]);
    const ids = new Set(own.body.records.filter((x) => x.entity === 'batch').map((x) => x.entityId));
    expect(ids).toEqual(new Set([server.exam.batchId]));
    expect((await get(query({ batch: planNumber }), 'sup_qian')).status).toBe(200);
    const other = await get(query({ batch: 'OTHER-1' }), 'sup_qian');
    expect([other.status, other.body.error.message]).toEqual([
      403,
      '用户 sup_qian 不是批次 OTHER-1 的内部督导员，只能查看本人督导批次的审计记录',
    ]);
    const theirs = (await page(query({ limit: 200 }), 'sup_he')).records;
    expect(new Set(theirs.filter((x) => x.entity === 'batch').map((x) => x.entityId))).toEqual(new Set([otherBatch]));
  });
});

describe('GET /api/audit/labels, /api/audit/verify and /api/audit/export', () => {
  it('names the action groups, actions and kinds of entity for the filter form', async () => {
    const r = await get('/api/audit/labels', 'proctor_a');
    expect(r.status).toBe(200);
    expect(r.body.actionGroups).toContainEqual({ prefix: 'results.', label: '成绩与认定' });
    expect(r.body.actions).toContainEqual({ action: 'attempt.submit', label: '交卷' });
    expect(r.body.entities).toContainEqual({ entity: 'batch', label: '批次' });
  });

  it('verifies the chain for administrators only', async () => {
    const ok = await get('/api/audit/verify', 'admin');
    expect([ok.status, ok.body.broken, ok.body.records]).toEqual([200, null, expect.any(Number)]);
    const refused = await get('/api/audit/verify', 'sup_qian');
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      '用户 sup_qian 没有考务管理员权限，无权校验审计链',
    ]);
  });

  it("exports a supervisor's filtered view as a workbook named for the batch", async () => {
    const shown = (await page(query({ batch: planNumber, action: 'batch.', limit: 200 }), 'sup_qian')).records;
    const res = await fetch(
      `${server.url}/api/audit/export?${new URLSearchParams({ batch: planNumber, action: 'batch.' })}`,
      { headers: { authorization: `Bearer ${tokens.sup_qian}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计记录 ${planNumber}.xlsx`)}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('审计记录')!;
    const seqs: unknown[] = [];
    sheet.eachRow((row, n) => void (n > 1 && seqs.push(row.getCell(1).value)));
    expect(seqs).toEqual(shown.map((x) => x.seq));
    expect((await get(query({ batch: planNumber, action: 'audit.' }), 'sup_qian')).body.records[0]).toMatchObject({
      action: 'audit.export',
      actor: { username: 'sup_qian' },
    });
    expect(
      (await api.get(`/api/audit/export?${new URLSearchParams({ batch: 'OTHER-1' })}`, { token: tokens.sup_qian }))
        .status,
    ).toBe(403);
  });
});
