import type { ItemContent, OutlineIndex } from '@kaowu/domain';
import type { SheetProblem } from '@kaowu/domain';
import { parseItemRow } from './item-row.ts';
import { ITEM_COLUMNS, ITEM_LAYOUT } from './item-sheet.ts';
import { mergeProblems, openSheet, problemsOf, readDataRows, sortProblems } from './sheet.ts';

/** One item read from a workbook: its Excel row, its external code (编号) if given, and its validated content. */
export interface ImportRow {
  readonly row: number;
  readonly code: string | undefined;
  readonly content: ItemContent;
}

export type ItemWorkbookResult =
  | { readonly ok: true; readonly rows: ImportRow[] }
  | { readonly ok: false; readonly problems: SheetProblem[] };

/**
 * Reads and validates the whole item workbook (sheet 试题). Either every row is valid and all are returned,
 * or every problem found is returned, each with its row, column and field.
 */
export async function readItemWorkbook(data: Uint8Array, outline: OutlineIndex): Promise<ItemWorkbookResult> {
  const opened = await openSheet(data, ITEM_LAYOUT);
  if (!opened.ok) return opened;
  const { sheet } = opened;

  const at = problemsOf(ITEM_LAYOUT);
  const problems = mergeProblems(sheet, ITEM_LAYOUT);
  const rows: ImportRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const dataRow of readDataRows(sheet, ITEM_LAYOUT, problems)) {
    const code = dataRow.cells[ITEM_COLUMNS.code - 1];
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first === undefined) firstRowOfCode.set(code, dataRow.row);
      else problems.push(at(dataRow.row, ITEM_COLUMNS.code, `编号“${code}”与第 ${first} 行重复`));
    }
    const content = parseItemRow(dataRow, outline, (column, message) =>
      problems.push(at(dataRow.row, column, message)),
    );
    if (content) rows.push({ row: dataRow.row, code: code || undefined, content });
  }
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, rows };
}
