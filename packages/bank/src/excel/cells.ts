import type ExcelJS from 'exceljs';

/** A cell read as the text its user means, or why it cannot be. */
export type CellRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

// `\s` already covers full-width (U+3000), no-break and BOM spaces; zero-width ones come from copy-paste too.
const EDGE_SPACE = /^[\s\u200b-\u200d\u2060]+|[\s\u200b-\u200d\u2060]+$/g;
export const tidy = (text: string): string => text.replace(EDGE_SPACE, '');

const DATE_MESSAGE =
  '这里应填文本，单元格却是日期（Excel 可能把输入自动转成了日期）：请把单元格格式设为“文本”后重新输入';

const text = (value: string): CellRead => ({ ok: true, text: tidy(value) });

/** Numbers as Excel shows them: 15 significant digits, and percentages as "25%". */
function formatNumber(value: number, numFmt: string | undefined): string {
  const shown = (v: number): string => String(Number.parseFloat(v.toPrecision(15)));
  return numFmt?.includes('%') ? `${shown(value * 100)}%` : shown(value);
}

function readValue(value: ExcelJS.CellValue, numFmt: string | undefined): CellRead {
  if (value === null || value === undefined) return text('');
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return text(formatNumber(value, numFmt));
  if (typeof value === 'boolean') return text(value ? 'TRUE' : 'FALSE');
  if (value instanceof Date) return { ok: false, message: DATE_MESSAGE };
  if ('error' in value) return { ok: false, message: `单元格是错误值 ${value.error}` };
  if ('richText' in value) return text(value.richText.map((run) => run.text).join(''));
  // A hyperlink's text is itself rich text when the link was formatted.
  if ('hyperlink' in value) return readValue(value.text as ExcelJS.CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) {
    const { result } = value;
    if (result === undefined)
      return { ok: false, message: '公式没有保存计算结果：请在 Excel 中打开后保存一次，或把公式换成它的值' };
    if (typeof result === 'object' && !(result instanceof Date))
      return { ok: false, message: `公式的结果是错误值 ${result.error}` };
    return readValue(result, numFmt);
  }
  return { ok: false, message: '无法识别单元格的内容' };
}

/** Reads a cell: numbers, rich text runs, cached formula results and hyperlink texts become plain trimmed text. */
export const readCell = (cell: ExcelJS.Cell): CellRead => readValue(cell.value, cell.numFmt);

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Codes as users type them: full-width letters and digits, lower case, stray spaces. */
export const normalizeCode = (input: string): string => input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
