export { ITEM_HEADERS, ITEM_SHEET } from './item-sheet.ts';
export { type ImportRow, type ItemWorkbookResult, readItemWorkbook } from './read-items.ts';
export { type ExportItem, VERSION_SHEET, writeItemWorkbook } from './write-items.ts';
export { GUIDE_SHEET, itemTemplateWorkbook, POINT_LIST_SHEET } from './template.ts';
export { OUTLINE_HEADERS, OUTLINE_SHEET, outlineTemplateWorkbook, writeOutlineWorkbook } from './outline-sheet.ts';
export { type OutlineMeta, type OutlineWorkbookResult, readOutlineWorkbook } from './read-outline.ts';
export { sampleItemWorkbook, sampleOutline } from './sample.ts';
// The one sheet-reading module: every importer (items, outlines, rosters, scores, applications) reads with it.
export { type CellRead, columnLetter, readCell } from './cells.ts';
export {
  type DataRow,
  EXAMPLE_MARKER,
  findSheet,
  isExampleRow,
  headerProblems,
  mergeProblems,
  notAWorkbook,
  openSheet,
  problemsOf,
  readDataRows,
  type SheetLayout,
  sortProblems,
} from './sheet.ts';
export { type RowReader, rowReader } from './row.ts';
export { loadWorkbook, workbookBytes } from './workbook-io.ts';
