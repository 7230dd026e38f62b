import type ExcelJS from 'exceljs';
import { type SheetProblem, sheetProblem } from '@kaowu/domain';
import { columnLetter, readCell, tidy } from './cells.ts';
import { loadWorkbook } from './workbook-io.ts';

/** A sheet's name and its header row, in order. */
export interface SheetLayout {
  readonly name: string;
  readonly headers: readonly string[];
  /**
   * 1-based columns whose cells must be typed as text: Excel stores a long digit string typed into a general cell
   * as a number and drops its last digits (ID numbers), so a number there is reported rather than read.
   */
  readonly textColumns?: readonly number[];
}

/**
 * Every template Kaowu writes (items, outlines, rosters, scores, applications) starts with an example row whose
 * first cell reads 示例. One rule for every importer: such a row is skipped, so a template saved with its example
 * still imports only what the person wrote below it (or over it, once 示例 is cleared).
 */
export const EXAMPLE_MARKER = '示例';
export const isExampleRow = (firstCell: string | undefined): boolean =>
  firstCell !== undefined && firstCell.normalize('NFKC').replace(/\s+/g, '') === EXAMPLE_MARKER;

/** One data row: the text of each header column, `undefined` where the cell could not be read (already reported). */
export interface DataRow {
  readonly row: number;
  readonly cells: readonly (string | undefined)[];
}

export const notAWorkbook = (sheet: string): SheetProblem =>
  sheetProblem(sheet, '文件不是有效的 Excel 工作簿（.xlsx）');

/**
 * Finds a sheet by name, forgiving stray spaces around the name; given the layout, a workbook's only sheet whose
 * header row matches it is taken whatever it is called (LibreOffice names a converted CSV's sheet after the file,
 * other tools call it Sheet1). Otherwise the problem saying it is missing.
 */
export function findSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  layout?: SheetLayout,
): { ok: true; sheet: ExcelJS.Worksheet } | { ok: false; problem: SheetProblem } {
  const sheet = workbook.worksheets.find((s) => tidy(s.name) === name);
  if (sheet) return { ok: true, sheet };
  const [only, ...others] = workbook.worksheets;
  if (layout && only && others.length === 0 && headerProblems(only, layout).length === 0)
    return { ok: true, sheet: only };
  const names = workbook.worksheets.map((s) => `“${s.name}”`).join('、') || '无';
  const alone = layout ? '，也没有表头与模板相符的唯一工作表' : '';
  const message = `找不到工作表“${name}”（工作簿中的工作表：${names}）${alone}`;
  return { ok: false, problem: sheetProblem(name, message) };
}

/** Builds problems for one sheet, naming each column by its letter and header. */
export function problemsOf(layout: SheetLayout): (row: number, column: number, message: string) => SheetProblem {
  return (row, column, message) => ({
    sheet: layout.name,
    row,
    column: columnLetter(column),
    field: layout.headers[column - 1] ?? '',
    message,
  });
}

interface Merge {
  readonly range: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
}

function mergesOf(sheet: ExcelJS.Worksheet): Merge[] {
  // `model` serialises every row, so only pay for it when there is a merge at all.
  if (!sheet.hasMerges) return [];
  return sheet.model.merges.map((range) => {
    const [from = range, to = from] = range.split(':');
    const topLeft = sheet.getCell(from).fullAddress;
    return { range, top: topLeft.row, left: topLeft.col, bottom: sheet.getCell(to).fullAddress.row };
  });
}

const headerKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/**
 * Checks row 1 against the layout: one problem per missing, misspelt, misplaced or extra header cell, and
 * for merges touching it. Spaces and full-width brackets are forgiven.
 */
export function headerProblems(sheet: ExcelJS.Worksheet, layout: SheetLayout): SheetProblem[] {
  const at = problemsOf(layout);
  const problems: SheetProblem[] = [];
  const header = sheet.getRow(1);
  const known = new Set(layout.headers.map(headerKey));
  layout.headers.forEach((expected, i) => {
    const read = readCell(header.getCell(i + 1));
    if (!read.ok) return problems.push(at(1, i + 1, `表头应为“${expected}”：${read.message}`));
    if (headerKey(read.text) === headerKey(expected)) return;
    if (read.text === '') return problems.push(at(1, i + 1, `缺少表头“${expected}”`));
    const hint = known.has(headerKey(read.text)) ? '（列的顺序与模板不同）' : '';
    problems.push(at(1, i + 1, `表头应为“${expected}”，实际为“${read.text}”${hint}`));
  });
  header.eachCell((cell, column) => {
    if (column <= layout.headers.length) return;
    const read = readCell(cell);
    if (!read.ok || read.text !== '')
      problems.push(at(1, column, `多余的列“${read.ok ? read.text : ''}”：表头只能是 ${layout.headers.join('、')}`));
  });
  for (const merge of mergesOf(sheet))
    if (merge.top === 1) problems.push(at(1, merge.left, `表头不能合并单元格（${merge.range}）`));
  return sortProblems(problems);
}

/**
 * Opens the layout's sheet in an .xlsx file and checks its header row: the sheet, or the problems that stop the
 * reading (not a workbook, no such sheet, a wrong header).
 */
export async function openSheet(
  data: Uint8Array,
  layout: SheetLayout,
): Promise<{ ok: true; sheet: ExcelJS.Worksheet } | { ok: false; problems: SheetProblem[] }> {
  const workbook = await loadWorkbook(data);
  if (!workbook) return { ok: false, problems: [notAWorkbook(layout.name)] };
  const found = findSheet(workbook, layout.name, layout);
  if (!found.ok) return { ok: false, problems: [found.problem] };
  const header = headerProblems(found.sheet, layout);
  return header.length > 0 ? { ok: false, problems: header } : { ok: true, sheet: found.sheet };
}

/** Merged ranges below the header, reported at their top-left cell: a merge hides which row a value belongs to. */
export function mergeProblems(sheet: ExcelJS.Worksheet, layout: SheetLayout): SheetProblem[] {
  const at = problemsOf(layout);
  return mergesOf(sheet)
    .filter((merge) => merge.top > 1)
    .map((merge) => at(merge.top, merge.left, `不能合并单元格（${merge.range}）：请取消合并，并在每一行填写完整`));
}

/**
 * Reads the rows below the header as text. Rows whose cells are all empty, and the template's example rows
 * (示例 in the first column), are skipped; cells that cannot be read, and content in columns without a header,
 * are reported.
 */
export function readDataRows(sheet: ExcelJS.Worksheet, layout: SheetLayout, problems: SheetProblem[]): DataRow[] {
  const at = problemsOf(layout);
  const width = layout.headers.length;
  const rows: DataRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: (string | undefined)[] = Array.from({ length: width }, () => '');
    const found: SheetProblem[] = [];
    let empty = true;
    row.eachCell((cell, column) => {
      const read = readCell(cell);
      if (read.ok && read.text === '') return;
      empty = false;
      if (column > width) found.push(at(number, column, '这一列没有表头，内容无法导入：请删除或移到正确的列'));
      else if (typeof cell.value === 'number' && layout.textColumns?.includes(column)) {
        cells[column - 1] = undefined;
        const header = layout.headers[column - 1] ?? '';
        found.push(
          at(number, column, `${header}被 Excel 存成了数字（会丢失末几位）：请把单元格格式设为“文本”后重新输入`),
        );
      } else if (read.ok) cells[column - 1] = read.text;
      else {
        cells[column - 1] = undefined;
        found.push(at(number, column, read.message));
      }
    });
    if (empty) return;
    if (isExampleRow(cells[0])) return;
    problems.push(...found);
    rows.push({ row: number, cells });
  });
  return rows;
}

/** Problems in the order a user walks the sheet: by row, then by column. */
export function sortProblems(problems: SheetProblem[]): SheetProblem[] {
  // Column letters sort by length first: Z comes before AA.
  const byColumn = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return problems.sort((a, b) => a.row - b.row || byColumn(a.column, b.column));
}
