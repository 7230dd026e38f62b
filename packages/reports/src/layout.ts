import ExcelJS from 'exceljs';
import type { Alignment, Borders, Font, PaperSize, Style, Worksheet } from 'exceljs';

/**
 * What every official report shares: 宋体 (what Chinese Excel writes, with the GB2312 charset so any
 * renderer without it substitutes a CJK font rather than a Latin one), thin borders on the table,
 * A4 landscape fitted to the page width, and the table header repeated on every printed page.
 */
const FONT_NAME = '宋体';
const font = (size: number, bold = false): Partial<Font> => ({ name: FONT_NAME, family: 3, charset: 134, size, bold });
const thin = { style: 'thin' as const };
const BORDERS: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export type CellValue = string | number | null;

export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'center';
  /** Excel number format for numeric cells (scores: '0.0'). */
  readonly numFmt?: string;
}

/** A column of short values, centred. */
export const column = (header: string, width: number): Column => ({ header, width });
/** A column of long text, left-aligned. */
export const textColumn = (header: string, width: number): Column => ({ header, width, align: 'left' });
/** A column of scores, shown with one decimal. */
export const scoreColumn = (header: string, width: number): Column => ({ header, width, numFmt: '0.0' });

export interface Field {
  readonly text: string;
  /** Columns the field spans. */
  readonly span: number;
  readonly align?: 'left' | 'center' | 'right';
}

const style = (
  size: number,
  opts: { bold?: boolean; border?: boolean; align?: Alignment['horizontal']; numFmt?: string } = {},
): Partial<Style> => ({
  font: font(size, opts.bold),
  alignment: { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true },
  ...(opts.border ? { border: BORDERS } : {}),
  ...(opts.numFmt ? { numFmt: opts.numFmt } : {}),
});

/** The audit chain's last record when a report was exported. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

export const auditAnchorText = (a: AuditAnchor): string => `审计链头 第 ${a.seq} 条 ${a.hash}`;

/** One printed report on the one worksheet of its workbook, written top to bottom. */
export class ReportSheet {
  readonly sheet: Worksheet;
  private readonly workbook: ExcelJS.Workbook;
  private readonly width: number;
  private headerRow = 0;
  private readonly cellStyles: Partial<Style>[];

  /**
   * `date`: the report's own date, which the workbook records as its creation date; or the report's header with
   * that date and the audit chain's head at export, printed in every page's footer (the anchor that shows a
   * truncated audit trail: `kaowu audit verify --head <hash>`).
   */
  constructor(
    dated: string | { readonly date: string; readonly auditHead?: AuditAnchor | undefined },
    name: string,
    readonly columns: readonly Column[],
  ) {
    const date = typeof dated === 'string' ? dated : dated.date;
    const anchor = typeof dated === 'string' ? undefined : dated.auditHead;
    this.workbook = newWorkbook(date);
    if (anchor !== undefined) {
      this.workbook.description = auditAnchorText(anchor);
      this.workbook.keywords = `audit-head:${anchor.hash}`;
    }
    this.sheet = this.workbook.addWorksheet(name, {
      pageSetup: {
        paperSize: 9 as PaperSize, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages as the rows need
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: {
        oddFooter:
          anchor === undefined ? '第 &P 页，共 &N 页' : `&L&8${auditAnchorText(anchor)}&R&10第 &P 页，共 &N 页`,
      },
    });
    this.width = columns.length;
    columns.forEach((c, i) => {
      this.sheet.getColumn(i + 1).width = c.width;
    });
    // One shared style object per column: rows reuse it instead of building 10,000 copies.
    this.cellStyles = columns.map((c) =>
      style(11, { border: true, align: c.align ?? 'center', ...(c.numFmt ? { numFmt: c.numFmt } : {}) }),
    );
  }

  private merged(row: number, from: number, span: number, text: string, s: Partial<Style>, height?: number): void {
    const r = this.sheet.getRow(row);
    if (height !== undefined) r.height = height;
    if (span > 1) this.sheet.mergeCells(row, from, row, from + span - 1);
    const cell = r.getCell(from);
    cell.value = text;
    cell.style = s;
    // Merged ranges print their border from every cell, so style them all.
    for (let c = from + 1; c < from + span; c++) r.getCell(c).style = s;
  }

  private next(): number {
    return this.sheet.rowCount + 1;
  }

  title(text: string): this {
    this.merged(this.next(), 1, this.width, text, style(16, { bold: true, align: 'center' }), 36);
    return this;
  }

  /** A line of header fields (企业名称：…  日期：…), unbordered. */
  fields(fields: readonly Field[], opts: { border?: boolean; height?: number } = {}): this {
    const row = this.next();
    let col = 1;
    for (const f of fields) {
      this.merged(
        row,
        col,
        f.span,
        f.text,
        style(11, { align: f.align ?? 'left', border: opts.border ?? false }),
        opts.height ?? 22,
      );
      col += f.span;
    }
    return this;
  }

  /** The table's column names; this row repeats at the top of every printed page. */
  tableHeader(): this {
    this.headerRow = this.next();
    const r = this.sheet.getRow(this.headerRow);
    r.height = 30;
    const s = style(11, { bold: true, border: true, align: 'center' });
    this.columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.value = c.header;
      cell.style = s;
    });
    return this;
  }

  /** Table rows; `autoHeight` leaves the height to the reader (for wrapped text of varying length). */
  rows(values: readonly (readonly CellValue[])[], opts: { autoHeight?: boolean } = {}): this {
    for (const v of values) {
      const r = this.sheet.addRow(v as CellValue[]);
      if (!opts.autoHeight) r.height = 20;
      for (let i = 0; i < this.width; i++) r.getCell(i + 1).style = this.cellStyles[i] ?? {};
    }
    return this;
  }

  /** A full-width line: signature lines, notes, sentences. */
  line(text: string, opts: { border?: boolean; height?: number; align?: 'left' | 'center' | 'right' } = {}): this {
    this.merged(
      this.next(),
      1,
      this.width,
      text,
      style(11, { border: opts.border ?? false, align: opts.align ?? 'left' }),
      opts.height ?? 24,
    );
    return this;
  }

  blank(height = 12): this {
    this.sheet.getRow(this.next()).height = height;
    return this;
  }

  /** The workbook's bytes, with the table header repeated on every printed page. */
  async finish(): Promise<Uint8Array> {
    if (this.headerRow > 0) this.sheet.pageSetup.printTitlesRow = `${this.headerRow}:${this.headerRow}`;
    const buffer = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buffer);
  }
}

function newWorkbook(date: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaowu 考务';
  // The report's own date, not the clock: the same data gives the same workbook.
  workbook.created = workbook.modified = new Date(`${date}T00:00:00+08:00`);
  return workbook;
}
