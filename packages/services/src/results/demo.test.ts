import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, parseIdNumber } from '@kaowu/domain';
import { pdfTexts } from '@kaowu/reports/testing';
import { verifyAuditTrail } from '../audit/writer.ts';
import { createDemoFixture, DEMO_BANK } from '../testing/bank.ts';
import { createUser } from '../accounts/users.ts';
import {
  exportResults,
  getPublicity,
  listDecisions,
  loadDemoExam,
  loadResultsDemo,
  RESULT_REPORTS,
  RESULTS_DEMO_PLAN_NUMBER,
  type ResultReport,
} from '../index.ts';
import type { ServiceContext } from '../shared/context.ts';

/**
 * The demo batch end to end: loaded after the demo bank and people, every report exported from it opens in
 * LibreOffice (converted to PDF headless, its own profile) and prints what it should.
 */
const reports = new Map<ResultReport, Uint8Array>();
const pdf = new Map<ResultReport, string>();
let ctx: ServiceContext;

beforeAll(async () => {
  const f = await createDemoFixture({ load: true });
  await createUser(f.ctx, 'admin', { username: 'proctor_sun', displayName: '孙丽', roles: ['proctor'] });
  for (const [username, displayName] of [
    ['supervisor_qian', '钱敏'],
    ['supervisor_he', '何静'],
  ] as const)
    await createUser(f.ctx, 'admin', { username, displayName, roles: [] });
  ctx = f.ctx;
  // As `kaowu demo` loads them: the open exam batch first (its paper is the newest), then the past batch.
  await loadDemoExam(ctx, 'admin', {
    blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
    proctors: ['proctor_sun'],
    supervisors: [],
  });
  await loadResultsDemo(ctx);
  for (const report of RESULT_REPORTS)
    reports.set(report, await exportResults(ctx, 'admin', RESULTS_DEMO_PLAN_NUMBER, report));
  for (const [name, text] of pdfTexts(reports)) pdf.set(name, text.replace(/\s+/g, ''));
}, 240_000);

async function sheetText(report: ResultReport): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(reports.get(report) as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value))));
  return cells.join('|');
}

describe('the demo batch DEMO-2026-001', () => {
  // Decided, published across 国庆, final, certificates issued.
  it('is complete, and loading it twice is refused', async () => {
    const decisions = await listDecisions(ctx, 'admin', RESULTS_DEMO_PLAN_NUMBER);
    expect(decisions).toHaveLength(30);
    expect(decisions.filter((d) => d.decision.outcome === 'pending')).toEqual([]);
    const passed = decisions.filter((d) => d.decision.outcome === 'pass');
    expect(passed.length).toBeGreaterThanOrEqual(18);
    expect(decisions.some((d) => d.decision.reasons[0] === '不符合申报条件：养老保险缴费 8 个月，不足 12 个月')).toBe(
      true,
    );
    expect(decisions.filter((d) => d.decision.reasons.includes('理论知识缺考'))).toHaveLength(2);
    const publicity = await getPublicity(ctx, 'admin', RESULTS_DEMO_PLAN_NUMBER);
    expect(publicity).toMatchObject({ publishedOn: '2026-09-28', state: 'final', window: { lastDay: '2026-10-10' } });
    expect(publicity.objections).toEqual([
      expect.objectContaining({ resolution: expect.objectContaining({ outcome: 'dismissed' }) }),
    ]);
    const certificates = await ctx.db.selectFrom('certificates').select(['number', 'issued_on']).execute();
    expect(certificates).toHaveLength(passed.length);
    expect(certificates.every((c) => /^Y00003333000126\d{7}$/.test(c.number) && c.issued_on === '2026-10-20')).toBe(
      true,
    );
    await expect(loadResultsDemo(ctx)).rejects.toThrow('演示批次 DEMO-2026-001 已存在');
    expect((await verifyAuditTrail(ctx.db)).broken).toBeNull();
  });

  it('exports every report, and each opens in LibreOffice with its title and content', async () => {
    const decisions = await listDecisions(ctx, 'admin', RESULTS_DEMO_PLAN_NUMBER);
    const person = await ctx.db
      .selectFrom('candidates as c')
      .innerJoin('certificates as k', 'k.candidate_id', 'c.id')
      .select(['c.name', 'c.id_number', 'c.education', 'k.number'])
      .where('c.ticket', '=', decisions.find((d) => d.decision.outcome === 'pass')!.ticket)
      .executeTakeFirstOrThrow();
    const id = parseIdNumber(person.id_number);
    if (!id.ok) throw new Error(id.message);
    const [y, m] = id.info.birthDate.split('-');

    const summary = pdf.get('summary')!;
    for (const s of [
      '职业技能等级认定实操（综合成绩汇总表）',
      '认定计划号：DEMO-2026-001',
      '示范电力设备有限公司',
      person.name,
      person.id_number,
      '考评组长（签字）',
    ])
      expect(summary).toContain(s);

    const register = pdf.get('register')!;
    expect(register).toContain('示范电力设备有限公司职业技能等级证书核发登记表');
    expect(register).toContain(`${person.name}${id.info.sex === 'male' ? '男' : '女'}${y}.${m}`);
    expect(register).toContain(person.number);

    const publicity = pdf.get('publicity')!;
    expect(publicity).toContain('公示期：2026年9月29日至2026年10月10日（5个工作日）');
    expect(publicity).toContain(`${maskName(person.name)}${maskIdNumber(person.id_number)}`);
    expect(publicity).not.toContain(person.id_number);
    expect(await sheetText('publicity')).not.toContain(person.id_number);

    const confirmation = pdf.get('confirmation')!;
    expect(confirmation).toContain('职业技能等级认定公示结果确认单');
    expect(confirmation).toContain('经公示无异议');
    expect(confirmation).toContain(person.name);

    const full = pdf.get('full')!;
    // Column headers wrap in the PDF: the weight prints on its own line.
    for (const s of [
      '职业技能等级认定成绩明细',
      '理论知识',
      '操作技能',
      '（30%）',
      '（70%）',
      '缺考',
      '不符合申报条件',
    ])
      expect(full).toContain(s);
    expect(await sheetText('full')).toContain('理论知识（30%）');
  });

  it('audits every export', async () => {
    const exports = await ctx.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'results.export')
      .execute();
    expect(exports.map((e) => (JSON.parse(e.detail_json) as { report: string }).report).sort()).toEqual(
      [...RESULT_REPORTS].sort(),
    );
  });
});
