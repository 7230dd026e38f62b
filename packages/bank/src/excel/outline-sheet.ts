import ExcelJS from 'exceljs';
import { type Importance, LEVELS, type Outline, type OutlineArea } from '@kaowu/domain';
import { EXAMPLE_MARKER, type SheetLayout } from './sheet.ts';
import { workbookBytes } from './workbook-io.ts';

export const OUTLINE_SHEET = '鉴定要素细目表';
export const OUTLINE_HEADERS: readonly string[] = ['代码', '名称', '类别', '重要程度', '理论权重(%)'];
export const OUTLINE_LAYOUT: SheetLayout = { name: OUTLINE_SHEET, headers: OUTLINE_HEADERS };
export const OUTLINE_COLUMNS = { code: 1, name: 2, kind: 3, importance: 4, weight: 5 } as const;
export const AREA_KIND = '鉴定范围';
export const POINT_KIND = '鉴定点';
export const IMPORTANCE_NAMES: Readonly<Record<Importance, string>> = { X: '核心', Y: '一般', Z: '了解' };
const INFO_SHEET = '基本信息';

/** What each column takes, as the template's header notes say it. */
const OUTLINE_NOTES: Readonly<Record<string, string>> = {
  代码: '鉴定范围用大写字母（A、AA、BAA），鉴定点用范围代码加三位数字（AA001）；同一文件中不得重复。',
  名称: '鉴定范围或鉴定点的名称。',
  类别: `${AREA_KIND} 或 ${POINT_KIND}。`,
  重要程度: '鉴定点必填：X 核心、Y 一般、Z 了解（写字母或名称均可）；鉴定范围不填。',
  '理论权重(%)': '顶层鉴定范围必填，合计 100；下级范围和鉴定点不填。',
};

function addOutlineSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(OUTLINE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = OUTLINE_HEADERS.map((header) => ({ header, width: header === '名称' ? 40 : 12 }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/**
 * The blank outline to fill in: a noted header, and example rows (代码 示例: an area, a sub-area and a point)
 * that import skips, so the template as downloaded imports as nothing and rows typed below it import.
 */
export async function outlineTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addOutlineSheet(workbook);
  OUTLINE_HEADERS.forEach((header, i) => void (sheet.getCell(1, i + 1).note = OUTLINE_NOTES[header] ?? ''));
  const examples = [
    [EXAMPLE_MARKER, '相关知识（顶层鉴定范围，代码如 B）', AREA_KIND, null, 80],
    [EXAMPLE_MARKER, '电工基础（下级鉴定范围，代码如 BA）', AREA_KIND, null, null],
    [EXAMPLE_MARKER, '电路基本概念（鉴定点，代码如 BA001）', POINT_KIND, IMPORTANCE_NAMES.X, null],
  ];
  for (const values of examples) sheet.addRow(values).font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell('A2').note = '示例行：代码为“示例”的行导入时跳过。请在其下填写，或直接覆盖（覆盖时请清除“示例”）。';
  return workbookBytes(workbook);
}

/** Writes an outline as rows, each area followed by its points and then its sub-areas; reads back identically. */
export async function writeOutlineWorkbook(outline: Outline): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addOutlineSheet(workbook);
  const writeArea = (area: OutlineArea): void => {
    sheet.addRow([area.code, area.name, AREA_KIND, null, area.weight ?? null]);
    for (const point of area.points ?? []) sheet.addRow([point.code, point.name, POINT_KIND, point.importance, null]);
    for (const child of area.areas ?? []) writeArea(child);
  };
  outline.areas.forEach(writeArea);

  // For people reading the file; imports take these from the bank they import into.
  const info = workbook.addWorksheet(INFO_SHEET);
  info.columns = [{ width: 14 }, { width: 40 }];
  const level = LEVELS[outline.level];
  info.addRows([
    ['职业编码', outline.occupation.code],
    ['职业名称', outline.occupation.name],
    ['分类大典版本', outline.occupation.edition],
    ['等级', `${level.name}/${level.title}`],
    ['依据', outline.basis],
    [
      '重要程度',
      Object.entries(IMPORTANCE_NAMES)
        .map(([code, name]) => `${code} ${name}`)
        .join('，'),
    ],
  ]);
  return workbookBytes(workbook);
}
