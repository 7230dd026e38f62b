import type { SheetProblem } from '@kaowu/domain';
import { type DataRow, problemsOf, type SheetLayout } from './sheet.ts';

/**
 * One data row read by column (1-based, as in Excel) with the checks every importer needs; each failed check is
 * recorded at its cell in the shared problem list, so a file is validated whole before anything is written.
 */
export interface RowReader {
  readonly row: number;
  /** The cell's text; '' when empty or unreadable (an unreadable cell is already reported). */
  text(column: number): string;
  /** The cell's text, with a problem “<header>不能为空” when it is empty. */
  required(column: number): string;
  /** The value `parse` recognises in the text (a word list, a level…); `problem(text)` otherwise. Empty: undefined. */
  oneOf<T>(column: number, parse: (text: string) => T | undefined, problem: (text: string) => string): T | undefined;
  /** A number in [min, max] (an integer when asked); `problem(text)` otherwise. Empty: null. */
  number(
    column: number,
    range: { readonly min: number; readonly max: number; readonly integer?: boolean },
    problem: (text: string) => string,
  ): number | null;
  /** Records a problem at this row's cell. */
  problem(column: number, message: string): void;
  /** Whether any problem has been recorded for this row. */
  failed(): boolean;
}

export function rowReader(layout: SheetLayout, data: DataRow, problems: SheetProblem[]): RowReader {
  const at = problemsOf(layout);
  const unreadable = (column: number): boolean => data.cells[column - 1] === undefined;
  const before = problems.length;
  const reader: RowReader = {
    row: data.row,
    text: (column) => data.cells[column - 1] ?? '',
    required(column) {
      const text = reader.text(column);
      if (text === '' && !unreadable(column)) reader.problem(column, `${layout.headers[column - 1] ?? ''}不能为空`);
      return text;
    },
    oneOf(column, parse, problem) {
      const text = reader.text(column);
      if (text === '') return undefined;
      const value = parse(text);
      if (value === undefined) reader.problem(column, problem(text));
      return value;
    },
    number(column, range, problem) {
      const text = reader.text(column);
      if (text === '') return null;
      const value = Number(text);
      const fits =
        Number.isFinite(value) &&
        value >= range.min &&
        value <= range.max &&
        (!range.integer || Number.isInteger(value));
      if (!fits) reader.problem(column, problem(text));
      return fits ? value : null;
    },
    problem: (column, message) => void problems.push(at(data.row, column, message)),
    failed: () => problems.length > before,
  };
  return reader;
}
