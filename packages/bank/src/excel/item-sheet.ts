import type ExcelJS from 'exceljs';
import { formatAnswerKey, ITEM_TYPE_NAMES, type ItemContent, OPTION_LETTERS } from '@kaowu/domain';
import type { SheetLayout } from './sheet.ts';

export const ITEM_SHEET = '试题';
const OPTION_HEADERS = [...OPTION_LETTERS].map((letter) => `选项${letter}`);
/** The item sheet's header row, in order: what imports require and exports write. */
export const ITEM_HEADERS: readonly string[] = [
  '编号',
  '题型',
  '鉴定点代码',
  '难度',
  '题干',
  ...OPTION_HEADERS,
  '答案',
  '解析',
];
/** The template's example row says 示例 where the item's code goes: import skips it (the shared rule). */
export const ITEM_LAYOUT: SheetLayout = { name: ITEM_SHEET, headers: ITEM_HEADERS };

/** 1-based column numbers of the item sheet. */
export const ITEM_COLUMNS = {
  code: 1,
  type: 2,
  point: 3,
  difficulty: 4,
  stem: 5,
  firstOption: 6,
  key: 6 + OPTION_LETTERS.length,
  explanation: 7 + OPTION_LETTERS.length,
} as const;

const WIDTHS: Readonly<Record<string, number>> = {
  编号: 12,
  题型: 10,
  鉴定点代码: 12,
  难度: 8,
  题干: 50,
  答案: 8,
  解析: 40,
};

/** Adds the item sheet with its header row frozen, bold and sized; shared by exports and the template. */
export function addItemSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ITEM_HEADERS.map((header) => ({
    header,
    width: WIDTHS[header] ?? 18,
    style: header === '题干' || header === '解析' ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  return sheet;
}

/** One item as a row of the item sheet, spelt so that importing it gives the same content back. */
export function itemRowValues(code: string, content: ItemContent): ExcelJS.CellValue[] {
  const options: readonly string[] = content.type === 'true_false' ? [] : content.options;
  return [
    code === '' ? null : code,
    ITEM_TYPE_NAMES[content.type],
    content.point,
    content.difficulty,
    content.stem,
    ...OPTION_HEADERS.map((_, i) => options[i] ?? null),
    formatAnswerKey(content),
    content.explanation === '' ? null : content.explanation,
  ];
}
