import { EXAMPLE_MARKER, workbookBytes } from '@kaowu/bank';
import { EDUCATION_LEVELS, EDUCATION_NAMES } from '@kaowu/domain';
import ExcelJS from 'exceljs';
import { findBatch } from '../results/batch.ts';
import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import { ACCOMMODATION_HEADERS, ROSTER_HEADERS, ROSTER_SHEET } from './roster.ts';

const NOTES: Readonly<Record<string, string>> = {
  姓名: '必填。',
  身份证号: '必填，18 位；请保持“文本”格式（Excel 会把长数字改掉末几位）。性别和出生日期由身份证号得出。',
  文化程度: `必填：${EDUCATION_LEVELS.map((e) => EDUCATION_NAMES[e]).join('、')}。`,
  所在单位: '必填。',
  专业工龄: '必填：从事本职业的年数，0–60。',
  准考证号: '可空：空时按“批次前缀 + 考场 + 三位座位号”自动生成；填写时 4–24 位字母或数字。',
  考场: '可空：空时依次安排到空座位；填写座位号时必填。',
  座位号: '可空：正整数。',
  '延时（分钟）': '便利安排，可空：额外的分钟数。',
  时间倍数: '便利安排，可空：如 1.5。',
  大字号: '便利安排，可空：填“是”。',
};

/**
 * The blank roster to fill in: every column (便利安排 included) with a note, ID and ticket columns as text, and an
 * example row (姓名 示例) that import skips, so rows typed below it are what lands.
 */
export async function rosterTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...ROSTER_HEADERS, ...ACCOMMODATION_HEADERS];
  sheet.columns = headers.map((header) => ({ header, width: header === '身份证号' ? 22 : 12 }));
  sheet.getRow(1).font = { bold: true };
  headers.forEach((header, i) => void (sheet.getCell(1, i + 1).note = NOTES[header] ?? ''));
  // Text format for ID numbers and tickets, so Excel keeps every digit.
  for (const col of [2, 6]) sheet.getColumn(col).numFmt = '@';
  const example = sheet.addRow([
    EXAMPLE_MARKER,
    '110101199003071234',
    '高中',
    '一车间',
    5,
    '',
    '01',
    1,
    null,
    null,
    null,
  ]);
  example.font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell('A2').note = '示例行：姓名为“示例”的行导入时跳过。请在其下填写，或直接覆盖（覆盖时请清除“示例”）。';
  return workbookBytes(workbook);
}

/** The roster template, for whoever manages the batch's roster. */
export async function rosterTemplate(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'batch.manage', { batchId: batch.id });
  return rosterTemplateWorkbook();
}
