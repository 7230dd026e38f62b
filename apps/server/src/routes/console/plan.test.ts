import { registerAssessor } from '@kaowu/services';
import type { SeededExam } from '@kaowu/services/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, staffTokens, startTestServer, type TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let exam: SeededExam;
let base: string;
let tokens: Record<string, string>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The seeded exam's batch (no plan yet), with three assessors registered for 电工 and one who is not. */
beforeAll(async () => {
  server = await startTestServer({
    rooms: [4],
    sweepMs: 60_000,
    prepare: async (ctx) => {
      await createStaff(ctx, ['assessor'], { chen: '陈立新', liu: '刘卫东', zhou: '周海峰', ma: '马可' });
      for (const a of ['chen', 'liu', 'zhou']) await registerAssessor(ctx, 'admin', a, '6-31-01-03');
    },
  });
  exam = server.exam;
  tokens = await staffTokens(api, ['admin', 'chen', 'proctor_a']);
  base = `/api/batches/${exam.batchId}`;
});
afterAll(() => server.close());

const components = [
  { code: 'theory', name: '理论知识', kind: 'theory', weight: 30, passLine: 60 },
  { code: 'skill', name: '操作技能', kind: 'practical', weight: 60, passLine: 60 },
];
const upload = (bytes: Uint8Array, token = tokens.admin!) =>
  api.call('POST', `${base}/applications/import`, {
    raw: Buffer.from(bytes),
    headers: { 'content-type': XLSX },
    token,
  });

describe('the assessment plan over HTTP', () => {
  it('checks a plan as it is typed, refuses a broken one with the reason and saves only a valid one', async () => {
    const before = await api.get(`${base}/plan`, { token: tokens.admin });
    expect(before.body).toMatchObject({
      plan: null,
      eligibilityAsOf: null,
      batch: { occupationCode: '6-31-01-03', level: 5 },
    });
    expect(before.body.kinds).toContainEqual({ value: 'practical', name: '操作技能' });
    expect(before.body.methods).toContainEqual({ value: 'assessment', name: '考核认定' });

    const check = await api.post(
      `${base}/plan/check`,
      { plan: { method: 'assessment', components } },
      { token: tokens.admin },
    );
    expect(check.body).toEqual({ problems: [{ field: '', message: '各组成部分权重合计为 90%，应为 100%' }] });
    const field = await api.post(
      `${base}/plan/check`,
      { plan: { method: 'assessment', components: [{ ...components[0], passLine: 120 }, components[1]] } },
      { token: tokens.admin },
    );
    expect(field.body.problems).toEqual([{ field: 'components.0.passLine', message: '数值过大：期望 number <=100' }]);

    const refused = await api.put(
      `${base}/plan`,
      { plan: { method: 'assessment', components } },
      { token: tokens.admin },
    );
    expect([refused.status, refused.body.error.message]).toEqual([
      400,
      '认定方案有 1 处问题：各组成部分权重合计为 90%，应为 100%',
    ]);
    expect((await api.get(`${base}/plan`, { token: tokens.admin })).body.plan).toBeNull();

    const fixed = [components[0], { ...components[1], weight: 70 }];
    const saved = await api.put(
      `${base}/plan`,
      {
        plan: { method: 'assessment', components: fixed, eligibility: { retirementAge: { male: 60, female: 55 } } },
        eligibilityAsOf: '2026-10-31',
      },
      { token: tokens.admin },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.plan).toMatchObject({
      occupation: { code: '6-31-01-03', name: '电工' },
      level: 5,
      method: 'assessment',
      components: [
        { code: 'theory', weight: 30 },
        { code: 'skill', weight: 70 },
      ],
    });
    expect(saved.body.eligibilityAsOf).toBe('2026-10-31');
  });

  it('keeps changes to administrators and checks the envelope', async () => {
    expect(
      (await api.put(`${base}/plan`, { plan: { method: 'assessment', components } }, { token: tokens.chen })).status,
    ).toBe(403);
    expect((await api.post(`${base}/plan/check`, { plan: {} }, { token: tokens.proctor_a })).status).toBe(403);
    const bad = await api.put(`${base}/plan`, { plan: [], eligibilityAsOf: '31/10/2026' }, { token: tokens.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['plan', 'eligibilityAsOf']);
    expect((await api.get(`${base}/plan`)).status).toBe(401);
  });
});

describe('panels and avoidance over HTTP', () => {
  it('lists the registered assessors, refuses a panel that breaks the rules and sets a valid one', async () => {
    const setup = await api.get(`${base}/panels`, { token: tokens.admin });
    expect(setup.body.assessors.map((a: { username: string }) => a.username)).toEqual(['chen', 'liu', 'zhou']);
    expect(setup.body.components).toEqual([
      { code: 'skill', name: '操作技能', kind: 'practical', leader: null, members: [] },
    ]);
    const small = await api.put(`${base}/panels/skill`, { leader: 'chen', members: ['liu'] }, { token: tokens.admin });
    expect([small.status, small.body.error.message]).toEqual([400, expect.stringContaining('只有 2 人')]);
    const stranger = await api.put(
      `${base}/panels/skill`,
      { leader: 'chen', members: ['liu', 'ma'] },
      { token: tokens.admin },
    );
    expect(stranger.body.error.message).toContain('ma（马可）未登记为职业 6-31-01-03 的考评员');
    const set = await api.put(
      `${base}/panels/skill`,
      { leader: 'zhou', members: ['chen', 'liu'] },
      { token: tokens.admin },
    );
    expect(set.status).toBe(200);
    expect(set.body.components[0]).toMatchObject({
      leader: 'zhou',
      members: [{ username: 'chen' }, { username: 'liu' }, { username: 'zhou' }],
    });
    expect(
      (await api.put(`${base}/panels/skill`, { leader: 'zhou', members: ['chen', 'liu'] }, { token: tokens.chen }))
        .status,
    ).toBe(403);
  });

  it('records an avoidance relation and lists it; a relation needs its words', async () => {
    const person = exam.candidates[1]!;
    const added = await api.post(
      `${base}/relations`,
      { ticket: person.ticket, assessor: 'liu', relation: '亲属' },
      { token: tokens.admin },
    );
    expect(added.status).toBe(201);
    expect(added.body.relations).toEqual([
      { ticket: person.ticket, name: person.name, assessor: 'liu', assessorName: '刘卫东', relation: '亲属' },
    ]);
    const empty = await api.post(
      `${base}/relations`,
      { ticket: person.ticket, assessor: 'liu', relation: ' ' },
      { token: tokens.admin },
    );
    expect([empty.status, empty.body.error.message]).toEqual([400, expect.stringContaining('请填写回避关系')]);
    const unknown = await api.post(
      `${base}/relations`,
      { ticket: 'NOPE', assessor: 'liu', relation: '师徒' },
      { token: tokens.admin },
    );
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      expect.stringContaining('准考证号 NOPE 不在批次'),
    ]);
  });
});

describe('applications workbook over HTTP', () => {
  // A workbook with a bad row records nothing.
  it('downloads the template, refuses a bad row, then records the corrected workbook', async () => {
    const res = await fetch(`${server.url}${base}/applications/template`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('申报信息模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('申报信息')!;
    // Row 2 is the example (准考证号 示例) that import skips; the candidates follow it.
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['示例', ...exam.candidates.map((c) => c.ticket).sort()]);
    sheet.getRow(3).getCell(4).value = '在职职工';
    sheet.getRow(3).getCell(5).value = '2015-03-01';
    sheet.getRow(3).getCell(6).value = 120;
    sheet.getRow(4).getCell(4).value = '劳务派遣';
    sheet.getRow(4).getCell(5).value = '2015-03-01';
    sheet.getRow(4).getCell(6).value = '六个月';
    const bad = await upload(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('申报信息工作簿有 1 处错误，未录入任何记录');
    expect(bad.body.error.details).toEqual([
      {
        sheet: '申报信息',
        row: 4,
        column: 'F',
        field: '养老保险缴费月数',
        message: '养老保险缴费月数“六个月”应为整数（月数）',
      },
    ]);
    const none = await api.get(`${base}/results/eligibility`, { token: tokens.admin });
    expect(none.body.lines.every((l: { result: unknown }) => l.result === null)).toBe(true);

    sheet.getRow(4).getCell(6).value = 6;
    const good = await upload(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(good.status).toBe(200);
    expect(good.body.recorded).toBe(2);
    const second = sheet.getRow(4).getCell(1).value as string;
    expect(good.body.ineligible).toEqual([
      expect.objectContaining({
        ticket: second,
        reasons: expect.arrayContaining(['养老保险缴费 6 个月，不足 12 个月']),
      }),
    ]);
    const lines = (await api.get(`${base}/results/eligibility`, { token: tokens.admin })).body.lines as {
      ticket: string;
      result: { eligible: boolean; reasons: string[] } | null;
    }[];
    expect(lines.find((l) => l.ticket === second)?.result?.reasons).toContain('养老保险缴费 6 个月，不足 12 个月');
    expect(lines.filter((l) => l.result !== null)).toHaveLength(2);
  });

  it('keeps the template and the import to administrators', async () => {
    expect((await api.get(`${base}/applications/template`, { token: tokens.chen })).status).toBe(403);
    expect((await upload(new Uint8Array([1]), tokens.chen)).status).toBe(403);
    const junk = await upload(new Uint8Array([1, 2, 3]));
    expect([junk.status, junk.body.error.details[0].message]).toEqual([400, '文件不是有效的 Excel 工作簿（.xlsx）']);
  });
});
