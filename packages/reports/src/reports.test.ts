import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  certificateRegisterReport,
  publicityConfirmationReport,
  publicityListReport,
  scoreExportReport,
  scoreSummaryReport,
} from './index.ts';
import type { BatchHeader } from './batch.ts';
import { batch, header, plan } from './testing/batch-fixture.ts';

const { rows, decisions, window } = batch(60);

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('no worksheet');
  return sheet;
}

const text = (sheet: ExcelJS.Worksheet, row: number): string[] =>
  (sheet.getRow(row).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

/** The row holding the table's column names: the one repeated on every printed page. */
function headerRowOf(sheet: ExcelJS.Worksheet): number {
  const m = /^(\d+):\1$/.exec(sheet.pageSetup.printTitlesRow ?? '');
  if (m === null) throw new Error(`no print titles: ${sheet.pageSetup.printTitlesRow}`);
  return Number(m[1]);
}

const allText = (sheet: ExcelJS.Worksheet): string => {
  const lines: string[] = [];
  sheet.eachRow((row) => lines.push((row.values as unknown[]).filter((v) => v !== null && v !== undefined).join(' ')));
  return lines.join('\n');
};

/** The columns that open the score reports: who the candidate is (batch.ts `identityCells`). */
const IDENTITY_HEADERS = ['序号', '准考证号码', '姓名', '身份证号码', '所在单位'];

function expectPrintSetup(sheet: ExcelJS.Worksheet): void {
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  const h = headerRowOf(sheet);
  const cell = sheet.getRow(h).getCell(1);
  expect(cell.font).toMatchObject({ name: '宋体', charset: 134 });
  expect(cell.border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
  expect(sheet.getRow(h + 1).getCell(2).border).toMatchObject({ left: { style: 'thin' } });
}

describe('附件1 综合成绩汇总表', () => {
  it('has the annex’s title, header fields, eight columns in order and the panel’s signature lines', async () => {
    const sheet = await sheetOf(await scoreSummaryReport(header, rows, decisions));
    expect(text(sheet, 1)[0]).toBe('职业技能等级认定实操（综合成绩汇总表）');
    const all = allText(sheet);
    for (const field of [
      '企业名称（盖章）：浙江南浔电机有限公司',
      '日期：2025年10月13日',
      '认定职业（工种）：电工（维修电工）',
      '等级：三级/高级工',
      '认定计划号：RD2025-033-001',
    ])
      expect(all).toContain(field);
    const h = headerRowOf(sheet);
    expect(text(sheet, h)).toEqual([...IDENTITY_HEADERS, '实操成绩', '综合成绩', '备注']);
    expect(text(sheet, h + 1)).toEqual([
      '1',
      '202503300001',
      '张三丰',
      '330503199005153422',
      '电机一分厂',
      '62.8',
      '62.6',
      '合格',
    ]);
    expect(text(sheet, h + 4).at(-1)).toBe('不合格');
    expect(all).toMatch(/考评组长（签字）：[\s\S]*考评组成员（签字）：[\s\S]*年 {4}月 {4}日[\s\S]*考务联系人：陈考务/);
    expect(sheet.getRow(h + 1).getCell(6).numFmt).toBe('0.0');
    expectPrintSetup(sheet);
  });
});

describe('附件5 证书核发登记表', () => {
  it('lists only those who passed, with sex and birth month read from the ID number', async () => {
    const sheet = await sheetOf(await certificateRegisterReport(header, rows, decisions));
    expect(text(sheet, 1)[0]).toBe('浙江南浔电机有限公司职业技能等级证书核发登记表');
    const h = headerRowOf(sheet);
    const headers = '序号 姓名 性别 出生年月 文化程度 身份证号 所在单位或住址 专业工龄 理论成绩 实操成绩 证书编号';
    expect(text(sheet, h)).toEqual(headers.split(' '));
    // 330503199005153422: born 1990-05-15, 17th digit 2 (even) → female
    expect(text(sheet, h + 1)).toEqual([
      '1',
      '张三丰',
      '女',
      '1990.05',
      '技师学院',
      '330503199005153422',
      '电机一分厂',
      '5',
      '62',
      '62.8',
      'Y000033123456253000001',
    ]);
    expect(text(sheet, h + 3)[1]).toBe('张丽');
    expect(text(sheet, h + 3)[2]).toBe('男');
    const passed = decisions.filter((d) => d.outcome === 'pass').length;
    expect(passed).toBeLessThan(rows.length);
    expect(text(sheet, h + passed)[0]).toBe(String(passed));
    expect(allText(sheet)).not.toContain(rows[3]?.idNumber); // c4 failed theory
    const all = allText(sheet);
    for (const f of [
      '填表单位（盖章）：',
      '工种：维修电工',
      '等级：三级',
      '填表时间：2025年10月13日',
      '填表人（签字）：',
      '复核人（签字）：',
      '审核人（签字）：',
    ])
      expect(all).toContain(f);
    expectPrintSetup(sheet);
  });
});

describe('附件4 公示结果确认单', () => {
  it('fills the annex’s grid and sentence with the batch and the number who passed', async () => {
    const sheet = await sheetOf(await publicityConfirmationReport(header, rows, decisions, window));
    const all = allText(sheet);
    expect(text(sheet, 1)[0]).toBe('职业技能等级认定公示结果确认单');
    for (const f of [
      '评价机构名称',
      '认定计划号',
      '认定职业',
      '认定等级',
      '认定工种',
      '企业技能等级认定负责人（签名）：',
      '企业（盖章）：',
    ])
      expect(all).toContain(f);
    const passed = decisions.filter((d) => d.outcome === 'pass').length;
    expect(all).toContain(
      `以上共 ${passed} 名人员，通过 电工 职业 维修电工 工种 三级 等级职业技能等级认定，经公示无异议。`,
    );
    expect(all).toContain('公示期：2025年9月28日至2025年10月10日（5 个工作日）');
    expectPrintSetup(sheet);
  });
});

describe('publicity list (公示名单)', () => {
  it('masks names and ID numbers by default and states the window', async () => {
    const sheet = await sheetOf(await publicityListReport(header, rows, decisions, { window }));
    const h = headerRowOf(sheet);
    const headers = '序号 姓名 身份证号码 所在单位 认定职业（工种） 等级 理论成绩 实操成绩 综合成绩 认定结果';
    expect(text(sheet, h)).toEqual(headers.split(' '));
    expect(text(sheet, h + 1).slice(0, 3)).toEqual(['1', '张**', '330503********3422']);
    const all = allText(sheet);
    expect(all).not.toContain('330503199005153422');
    expect(all).not.toContain('张三丰');
    expect(all).toContain('公示期：2025年9月28日至2025年10月10日（5 个工作日）');
    expect(all).toContain('陈考务（联系电话：0572-3012345）');
    expectPrintSetup(sheet);
  });

  it('follows the enterprise’s masking settings', async () => {
    const masking = { idKeepStart: 3, idKeepEnd: 2, nameKeepStart: 1, nameKeepEnd: 1, maskChar: '○' };
    const sheet = await sheetOf(await publicityListReport(header, rows, decisions, { window, masking }));
    expect(text(sheet, headerRowOf(sheet) + 1).slice(1, 3)).toEqual(['张○丰', `330${'○'.repeat(13)}22`]);
  });
});

describe('full score export', () => {
  it('has a column per plan component with its weight, the composite, result and reasons for fails', async () => {
    const sheet = await sheetOf(await scoreExportReport(header, plan, rows, decisions));
    const h = headerRowOf(sheet);
    expect(text(sheet, h)).toEqual([
      ...IDENTITY_HEADERS,
      '理论知识（20%）',
      '通用技能模块（40%）',
      'PLC编程模块（20%，选考）',
      '电机检修模块（20%，选考）',
      '电缆敷设模块（20%，选考）',
      '综合成绩',
      '认定结果',
      '说明',
    ]);
    expect(text(sheet, h + 1).slice(5)).toEqual(['62', '65', '60', '61', '—', '62.6', '合格', '']);
    expect(text(sheet, h + 4).slice(-2)).toEqual(['不合格', '理论知识成绩 58.0 分，低于合格线 60 分']);
    expectPrintSetup(sheet);
  });

  it('marks an absent candidate', async () => {
    const sheet = await sheetOf(await scoreExportReport(header, plan, rows, decisions));
    const absent = rows.findIndex((r) =>
      decisions.find((d) => d.candidateId === r.id)?.components.some((c) => c.state === 'absent'),
    );
    expect(absent).toBeGreaterThan(-1);
    expect(text(sheet, headerRowOf(sheet) + 1 + absent).slice(6, 7)).toEqual(['缺考']);
  });
});

describe('reports without a trade or contact', () => {
  it('leave those blanks readable', async () => {
    const bare: BatchHeader = { ...header, trade: undefined, contact: undefined };
    const sheet = await sheetOf(await publicityConfirmationReport(bare, rows, decisions, window));
    expect(allText(sheet)).toContain('通过 电工 职业 — 工种 三级 等级');
  });
});
