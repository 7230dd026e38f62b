export type { CellProblem } from './cells.ts';
export { ITEM_HEADERS, ITEM_SHEET } from './item-sheet.ts';
export { type ImportRow, type ItemWorkbookResult, readItemWorkbook } from './read-items.ts';
export { type ExportItem, VERSION_SHEET, writeItemWorkbook } from './write-items.ts';
export { GUIDE_SHEET, itemTemplateWorkbook, POINT_LIST_SHEET } from './template.ts';
export { OUTLINE_HEADERS, OUTLINE_SHEET, writeOutlineWorkbook } from './outline-sheet.ts';
export { type OutlineMeta, type OutlineWorkbookResult, readOutlineWorkbook } from './read-outline.ts';
export { sampleItemWorkbook, sampleOutline } from './sample.ts';
