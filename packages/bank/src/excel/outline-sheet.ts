import ExcelJS from 'exceljs';
import { type Importance, LEVELS, type Outline, type OutlineArea } from '@kaowu/domain';
import type { SheetLayout } from './sheet.ts';
import { workbookBytes } from './workbook-io.ts';

export const OUTLINE_SHEET = '鉴定要素细目表';
export const OUTLINE_HEADERS: readonly string[] = ['代码', '名称', '类别', '重要程度', '理论权重(%)'];
export const OUTLINE_LAYOUT: SheetLayout = { name: OUTLINE_SHEET, headers: OUTLINE_HEADERS };
export const OUTLINE_COLUMNS = { code: 1, name: 2, kind: 3, importance: 4, weight: 5 } as const;
export const AREA_KIND = '鉴定范围';
export const POINT_KIND = '鉴定点';
export const IMPORTANCE_NAMES: Readonly<Record<Importance, string>> = { X: '核心', Y: '一般', Z: '了解' };
const INFO_SHEET = '基本信息';

/** Writes an outline as rows, each area followed by its points and then its sub-areas; reads back identically. */
export async function writeOutlineWorkbook(outline: Outline): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(OUTLINE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = OUTLINE_HEADERS.map((header) => ({ header, width: header === '名称' ? 40 : 12 }));
  sheet.getRow(1).font = { bold: true };
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
