/**
 * One problem in an imported spreadsheet, located the way a person finds it in Excel. Every importer (items,
 * rosters, scores, applications) reports this shape, and the console's error table shows it as it is.
 */
export interface SheetProblem {
  /** The worksheet's name; '' when the problem concerns the file as a whole. */
  readonly sheet: string;
  /** 1-based Excel row number; 0 when the problem concerns the sheet or the workbook as a whole. */
  readonly row: number;
  /** Excel column letter, e.g. 'E'; '' when no single column is at fault. */
  readonly column: string;
  /** The column's header, e.g. '题干'; '' when the column has no header. */
  readonly field: string;
  /** What is wrong, in Chinese. */
  readonly message: string;
}

/** A problem with a whole sheet or workbook (row 0, no column). */
export const sheetProblem = (sheet: string, message: string): SheetProblem => ({
  sheet,
  row: 0,
  column: '',
  field: '',
  message,
});
