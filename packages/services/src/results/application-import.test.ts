import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  applicationTemplate,
  batchEligibility,
  checkPlan,
  importApplications,
  panelSetup,
  recordRelation,
} from '../index.ts';
import { refusal } from '../testing/bank.ts';
import {
  ASSESSMENT_PLAN,
  createResultsFixture,
  MODULAR_PLAN,
  secondShortOfService,
  type ResultsFixture,
} from '../testing/results.ts';

/** The batch's template with `fill` applied to it, as the bytes a user would upload. */
async function filled(f: ResultsFixture, fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await applicationTemplate(f.ctx, 'admin', f.batchId)) as unknown as ArrayBuffer);
  fill(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * Sets cells D… of 申报信息 row `row`:
 * 用工形式, 入职日期, 月数, 本专业, 学徒期满, 选考模块, 地址.
 */
const facts = (wb: ExcelJS.Workbook, row: number, values: readonly (string | number | null)[]): void => {
  values.forEach(
    (v, i) =>
      void (wb
        .getWorksheet('申报信息')!
        .getRow(row)
        .getCell(4 + i).value = v),
  );
};

describe('the application workbook', () => {
  // The ineligible are given their reasons.
  it('lists every candidate in the template and records the filled rows', async () => {
    const f = await createResultsFixture({ candidates: 3 });
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await applicationTemplate(f.ctx, 'admin', f.batchId)) as unknown as ArrayBuffer);
    expect(template.worksheets.map((s) => s.name)).toEqual([
      '申报信息',
      '已有证书',
      '获奖情况',
      '证明材料',
      '填写说明',
    ]);
    const main = template.getWorksheet('申报信息')!;
    expect(main.getRow(1).values).toEqual([
      undefined,
      '准考证号',
      '姓名',
      '身份证号',
      '用工形式',
      '入职日期',
      '养老保险缴费月数',
      '学历为本专业或相关专业',
      '学徒期满',
      '选考模块',
      '通讯地址',
    ]);
    // Row 2 of every sheet is the example (准考证号 示例) that import skips; the candidates follow.
    for (const sheet of template.worksheets.slice(0, 4)) expect(sheet.getCell('A2').value, sheet.name).toBe('示例');
    expect([3, 4, 5].map((r) => main.getRow(r).getCell(1).value)).toEqual(f.candidates.map((c) => c.ticket));
    expect(main.getRow(3).getCell(3).value).toBe(f.candidates[0]!.idNumber);

    const bytes = await filled(f, (wb) => {
      facts(wb, 3, ['在职职工', '2015-03-01', 120, '是', null, null, '杭州市']);
      // Excel turned the typed date into a date value: read back as the day it shows.
      facts(wb, 4, ['劳务派遣', null, 6]);
      Object.assign(wb.getWorksheet('申报信息')!.getCell('E4'), {
        numFmt: 'yyyy/m/d',
        value: new Date(Date.UTC(2026, 2, 1)),
      });
      wb.getWorksheet('已有证书')!.addRow([
        f.candidates[0]!.ticket,
        '6-31-01-03',
        '五级/初级工',
        '2019-07-01',
        'Y000033123456195000001',
      ]);
      wb.getWorksheet('证明材料')!.addRow([f.candidates[0]!.ticket, '养老保险缴费证明', 'pension-001.pdf']);
    });
    const r = await importApplications(f.ctx, 'admin', f.batchId, bytes);
    expect(r).toEqual(secondShortOfService(f));
    const { lines } = await batchEligibility(f.ctx, 'admin', f.batchId);
    expect(lines.map((l) => l.result?.eligible ?? null)).toEqual([true, false, null]);

    // The next template carries what was recorded, so it imports back unchanged.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await applicationTemplate(f.ctx, 'admin', f.batchId)) as unknown as ArrayBuffer);
    expect(again.getWorksheet('申报信息')!.getRow(3).values).toEqual([
      undefined,
      f.candidates[0]!.ticket,
      f.candidates[0]!.name,
      f.candidates[0]!.idNumber,
      '在职职工',
      '2015-03-01',
      120,
      '是',
      '否',
      '',
      '杭州市',
    ]);
    expect(again.getWorksheet('申报信息')!.getRow(4).getCell(5).value).toBe('2026-03-01');
    expect(again.getWorksheet('已有证书')!.getRow(3).values).toEqual([
      undefined,
      f.candidates[0]!.ticket,
      '6-31-01-03',
      '五级/初级工',
      '2019-07-01',
      'Y000033123456195000001',
    ]);
    const stored = async () =>
      (
        await f.ctx.db
          .selectFrom('candidate_applications')
          .select(['candidate_id', 'application_json'])
          .orderBy('candidate_id')
          .execute()
      ).map((x) => JSON.parse(x.application_json) as unknown);
    const before = await stored();
    expect(before[0]).toMatchObject({
      certificates: [{ occupationCode: '6-31-01-03', level: 5, issuedOn: '2019-07-01' }],
      evidence: [{ kind: 'pension', ref: 'pension-001.pdf' }],
      educationMajorRelevant: true,
      address: '杭州市',
    });
    await importApplications(
      f.ctx,
      'admin',
      f.batchId,
      new Uint8Array((await again.xlsx.writeBuffer()) as ArrayBuffer),
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses a workbook whose cells cannot be read, naming each cell, and records nothing', async () => {
    const f = await createResultsFixture({ candidates: 3 });
    const [a, , c] = f.candidates as [Person, Person, Person];
    const bytes = await filled(f, (wb) => {
      facts(wb, 3, ['临时工', '2015-03-01', 'abc']);
      wb.getWorksheet('已有证书')!.addRow([a.ticket, '6-31-01-03', '六级', '2019-07-01']);
      // Row 5 (the third candidate) was left unfilled on 申报信息.
      wb.getWorksheet('证明材料')!.addRow([c.ticket, '学历（毕业）证书', 'diploma.pdf']);
    });
    const { message, details } = await refusal(importApplications(f.ctx, 'admin', f.batchId, bytes));
    expect(message).toBe('申报信息工作簿有 4 处错误，未录入任何记录');
    expect(details).toEqual([
      {
        sheet: '申报信息',
        row: 3,
        column: 'D',
        field: '用工形式',
        message: '用工形式“临时工”无法识别，应为 在职职工 或 劳务派遣',
      },
      {
        sheet: '申报信息',
        row: 3,
        column: 'F',
        field: '养老保险缴费月数',
        message: '养老保险缴费月数“abc”应为整数（月数）',
      },
      {
        sheet: '已有证书',
        row: 3,
        column: 'C',
        field: '等级',
        message: '等级“六级”无法识别，应为 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师',
      },
      {
        sheet: '证明材料',
        row: 3,
        column: 'A',
        field: '准考证号',
        message: `准考证号 ${c.ticket} 在“申报信息”工作表中没有填写申报信息`,
      },
    ]);
    expect(await f.ctx.db.selectFrom('candidate_applications').selectAll().execute()).toEqual([]);
  });

  it('checks every record against the schema and the batch, locating each problem, and records nothing', async () => {
    const f = await createResultsFixture({ candidates: 3 });
    const [, b, c] = f.candidates as [Person, Person, Person];
    const bytes = await filled(f, (wb) => {
      facts(wb, 3, ['在职职工', '2015-13-01', 120]);
      facts(wb, 4, ['在职职工', '2015/3/1', -1]);
      wb.getWorksheet('申报信息')!.getRow(5).getCell(2).value = '张冠李';
      facts(wb, 5, ['在职职工', '2015-03-01', 120]);
      wb.getWorksheet('申报信息')!.addRow(['NOPE', '', '', '在职职工', '2015-03-01', 120]);
      wb.getWorksheet('获奖情况')!.addRow([b.ticket, '市技术能手', '市级', '']);
    });
    const { message, details } = await refusal(importApplications(f.ctx, 'admin', f.batchId, bytes));
    expect(message).toBe('申报信息工作簿有 5 处错误，未录入任何记录');
    expect(details).toEqual([
      { sheet: '申报信息', row: 3, column: 'E', field: '入职日期', message: '入职日期：日期无效' },
      {
        sheet: '申报信息',
        row: 4,
        column: 'F',
        field: '养老保险缴费月数',
        message: '养老保险缴费月数：数值过小：期望 number >=0',
      },
      {
        sheet: '申报信息',
        row: 5,
        column: 'B',
        field: '姓名',
        message: `姓名“张冠李”与准考证号 ${c.ticket} 的考生（${c.name}）不符`,
      },
      { sheet: '申报信息', row: 6, column: 'A', field: '准考证号', message: '准考证号 NOPE 不在本批次中' },
      { sheet: '获奖情况', row: 3, column: 'D', field: '证明材料', message: '证明材料：不能为空' },
    ]);
    expect(await f.ctx.db.selectFrom('candidate_applications').selectAll().execute()).toEqual([]);
  });

  // A choice short of the group’s count is refused at 选考模块.
  it('records elective modules by code or name', async () => {
    const f = await createResultsFixture({ candidates: 2, plan: MODULAR_PLAN });
    const bytes = (second: string) =>
      filled(f, (wb) => {
        facts(wb, 3, ['在职职工', '2015-03-01', 120, null, null, 'PLC编程模块、motor']);
        facts(wb, 4, ['在职职工', '2015-03-01', 120, null, null, second]);
      });
    const { details } = await refusal(importApplications(f.ctx, 'admin', f.batchId, await bytes('plc')));
    expect(details).toEqual([
      {
        sheet: '申报信息',
        row: 4,
        column: 'I',
        field: '选考模块',
        message: '选考模块组“企业选考模块”应选 2 个模块，实际 1 个',
      },
    ]);
    const unknown = await refusal(importApplications(f.ctx, 'admin', f.batchId, await bytes('welding')));
    expect(unknown.details).toEqual([
      {
        sheet: '申报信息',
        row: 4,
        column: 'I',
        field: '选考模块',
        message: '“welding”不是认定方案中的选考模块（可选：plc PLC编程模块、motor 电机检修模块、cable 电缆敷设模块）',
      },
    ]);
    expect(await importApplications(f.ctx, 'admin', f.batchId, await bytes('cable，plc'))).toMatchObject({
      recorded: 2,
    });
    const picks = await f.ctx.db
      .selectFrom('candidate_electives')
      .select(['candidate_id', 'component_code'])
      .orderBy('candidate_id')
      .orderBy('component_code')
      .execute();
    expect(picks.map((p) => `${p.candidate_id === f.candidates[0]!.id ? 1 : 2}:${p.component_code}`)).toEqual([
      '1:motor',
      '1:plc',
      '2:cable',
      '2:plc',
    ]);
  });

  it('is for administrators only', async () => {
    const f = await createResultsFixture({ candidates: 1 });
    await expect(applicationTemplate(f.ctx, 'chen', f.batchId)).rejects.toThrow(/没有考务管理员权限/);
    await expect(importApplications(f.ctx, 'chen', f.batchId, new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /没有考务管理员权限/,
    );
    const { details } = await refusal(importApplications(f.ctx, 'admin', f.batchId, new Uint8Array([1, 2, 3])));
    expect(details).toEqual([
      { sheet: '申报信息', row: 0, column: '', field: '', message: '文件不是有效的 Excel 工作簿（.xlsx）' },
    ]);
  });
});

describe('the set-up as an editor sees it', () => {
  // Schema issues at their fields in Chinese, then the rules.
  it('checks a plan as it is typed, saving nothing', async () => {
    const f = await createResultsFixture({ candidates: 1 });
    const components = [
      { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
      { code: 'skill', name: '操作技能', kind: 'practical', weight: 60 },
    ];
    expect(await checkPlan(f.ctx, 'admin', f.batchId, { method: 'assessment', components })).toEqual([
      { field: '', message: '各组成部分权重合计为 90%，应为 100%' },
    ]);
    expect(
      await checkPlan(f.ctx, 'admin', f.batchId, {
        method: 'assessment',
        components: [{ ...components[0], code: '1x', weight: 130 }, components[1]],
      }),
    ).toEqual([
      { field: 'components.0.code', message: '代码应以字母开头，只含字母、数字、-、_' },
      { field: 'components.0.weight', message: '数值过大：期望 number <=100' },
    ]);
    expect(await checkPlan(f.ctx, 'admin', f.batchId, { ...ASSESSMENT_PLAN, level: 4 })).toEqual([
      { field: '', message: '认定方案是 6-31-01-03 4 级的，与批次（6-31-01-03 5 级）不符' },
    ]);
    expect(await checkPlan(f.ctx, 'admin', f.batchId, ASSESSMENT_PLAN)).toEqual([]);
    await expect(checkPlan(f.ctx, 'chen', f.batchId, ASSESSMENT_PLAN)).rejects.toThrow(/没有考务管理员权限/);
  });

  it('lists each panel, the registered assessors to choose from, and the avoidance relations', async () => {
    const f = await createResultsFixture({ candidates: 2 });
    await recordRelation(f.ctx, 'admin', f.batchId, {
      ticket: f.candidates[1]!.ticket,
      assessor: 'liu',
      relation: '亲属',
    });
    const setup = await panelSetup(f.ctx, 'admin', f.batchId);
    expect(setup.planSet).toBe(true);
    expect(setup.assessorsPerCandidate).toBe(3);
    expect(setup.components).toEqual([
      {
        code: 'skill',
        name: '操作技能',
        kind: 'practical',
        leader: 'chen',
        members: [
          { username: 'chen', displayName: '陈立新' },
          { username: 'liu', displayName: '刘卫东' },
          { username: 'zhou', displayName: '周海峰' },
        ],
      },
    ]);
    expect(setup.assessors.map((a) => a.username)).toEqual(['chen', 'liu', 'ma', 'wu', 'zhou']);
    expect(setup.relations).toEqual([
      {
        ticket: f.candidates[1]!.ticket,
        name: f.candidates[1]!.name,
        assessor: 'liu',
        assessorName: '刘卫东',
        relation: '亲属',
      },
    ]);
    expect(setup.candidates).toHaveLength(2);
  });
});

type Person = ResultsFixture['candidates'][number];
