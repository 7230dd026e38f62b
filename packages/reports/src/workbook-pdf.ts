import ExcelJS from 'exceljs';
import type { Borders, Cell, Worksheet } from 'exceljs';
import PDFDocument from 'pdfkit';
import { mergedFont } from './certificate/cjk-font.ts';

/**
 * Any report workbook as a PDF: one generic writer, not one layout per form. Each worksheet is laid out as a
 * paginated table on A4 (landscape when the sheet asks for it or its columns are wider than a portrait page),
 * scaled to the page width as the workbook's "fit to one page wide" asks; merged cells span their range; the row
 * the workbook repeats on every printed page (print titles) heads every PDF page; the workbook's footer (the audit
 * chain's head) and the page number close every page. Text is real text in an embedded Noto Sans SC subset, so
 * `pdftotext` reads it back.
 */

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 28; // ≈ 1 cm
const FOOTER = 18;
const PAD = 2.5;
const LINE = 1.22; // line height over font size

interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** "B3:D4" → rows and columns (1-based). */
function parseRange(range: string): Merge | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (m === null) return undefined;
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]!), top: Number(m[2]), right: col(m[3]!), bottom: Number(m[4]) };
}

/** The text a cell shows: numbers in the cell's format (0.0, 0.00), dates as dates, rich text joined. */
export function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    const decimals = /^0\.(0+)$/.exec(cell.numFmt ?? '');
    return decimals ? v.toFixed(decimals[1]!.length) : String(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v && v.result !== undefined) return String(v.result);
  }
  return String(v);
}

/** Excel's column width (characters of the default font) → points. */
const columnPoints = (width: number | undefined): number => ((width ?? 8.43) * 7 + 5) * 0.75;

/** An Excel header/footer string (&L…&C…&R…, &P page, &N pages, &8 font size) → its three parts. */
function footerParts(
  spec: string | undefined,
  page: number,
  pages: number,
): { left: string; center: string; right: string } {
  const parts = { left: '', center: '', right: '' };
  if (!spec) return { ...parts, center: `第 ${page} 页，共 ${pages} 页` };
  let at: keyof typeof parts = 'center';
  for (const piece of spec.split(/(&[LCR])/)) {
    if (piece === '&L') at = 'left';
    else if (piece === '&C') at = 'center';
    else if (piece === '&R') at = 'right';
    else
      parts[at] += piece
        .replace(/&P/g, String(page))
        .replace(/&N/g, String(pages))
        .replace(/&\d+/g, '')
        .replace(/&&/g, '&');
  }
  return parts;
}

interface Laid {
  readonly text: string;
  readonly x: number;
  readonly width: number;
  /** Rows the cell spans (a vertical merge), 1 for most. */
  readonly rows: number;
  readonly size: number;
  readonly bold: boolean;
  readonly align: 'left' | 'center' | 'right';
  readonly valign: 'top' | 'middle' | 'bottom';
  readonly border: Partial<Borders> | undefined;
}

interface Row {
  readonly cells: readonly Laid[];
  height: number;
}

export interface WorkbookPdfOptions {
  /** The PDF's title (document information); the first sheet's first text by default. */
  readonly title?: string;
}

/** A report workbook (.xlsx bytes) as a PDF. */
export async function workbookPdf(xlsx: Uint8Array, options: WorkbookPdfOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  const sheets = workbook.worksheets.filter((s) => s.rowCount > 0);

  // One font for the whole document: the glyphs of every cell, footer and page number.
  const texts: string[] = ['第页，共0123456789'];
  const grids = sheets.map((sheet) => readSheet(sheet, texts));
  for (const grid of grids) texts.push(grid.footer ?? '');
  const font = mergedFont(texts);

  const title = options.title ?? grids.flatMap((g) => g.rows.flatMap((r) => r.cells.map((c) => c.text))).find(Boolean);
  const created = workbook.created instanceof Date ? workbook.created : new Date(0);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    font: font as never,
    info: {
      ...(title ? { Title: title } : {}),
      ...(workbook.description ? { Subject: workbook.description } : {}),
      ...(workbook.keywords ? { Keywords: workbook.keywords } : {}),
      Creator: 'Kaowu 考务',
      CreationDate: created,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  /**
   * Noto Sans SC's digits and Latin letters are a little wider than 宋体's, for which the workbooks' column widths
   * are made: a code or number (no space, no Chinese) shrinks to fit its cell rather than breaking, and so does
   * text that overflows by a fifth at most; longer text wraps.
   */
  const fitted = (text: string, width: number, size: number): number => {
    if (text === '' || text.includes('\n')) return size;
    const natural = doc.fontSize(size).widthOfString(text);
    if (natural <= width) return size;
    const word = !/[\s\u3000-\u9fff\uff00-\uffef]/.test(text);
    if (word || natural <= width * 1.2) return Math.max(size * 0.5, (size * width) / natural - 0.01);
    return size;
  };

  /** The height text needs in a width at a size: one line when it fits, else as pdfkit wraps it. */
  const heightOf = (text: string, width: number, size: number): number => {
    doc.fontSize(size);
    if (!text.includes('\n') && doc.widthOfString(text) <= width) return size * LINE;
    return doc.heightOfString(text, { width, lineGap: size * (LINE - 1) });
  };

  // Lay every sheet out first, so the page count is known when each page's footer is written (no page is kept
  // in memory to be revisited).
  const plans = grids.map((grid) => {
    const natural = grid.widths.reduce((a, b) => a + b, 0);
    const landscape = grid.landscape || natural > A4.w - 2 * MARGIN;
    const page = landscape ? { w: A4.h, h: A4.w } : A4;
    const usable = page.w - 2 * MARGIN;
    const scale = Math.min(1, usable / natural);
    const left = MARGIN + (usable - natural * scale) / 2;
    const xs: number[] = [];
    grid.widths.reduce((x, w, i) => {
      xs[i] = x;
      return x + w * scale;
    }, left);

    // Row heights: the workbook's, or what the wrapped text needs, whichever is more.
    const rows: Row[] = grid.rows.map((r) => {
      const cells = r.cells.map((c) => {
        const width = grid.widths.slice(c.x, c.x + c.width).reduce((a, b) => a + b, 0) * scale;
        return { ...c, x: xs[c.x]!, width, size: fitted(c.text, width - 2 * PAD, c.size * scale) };
      });
      let height = r.height * scale;
      for (const c of cells)
        if (c.rows === 1 && c.text !== '')
          height = Math.max(height, heightOf(c.text, c.width - 2 * PAD, c.size) + 2 * PAD);
      return { cells, height };
    });

    const bottom = page.h - MARGIN - FOOTER;
    const titleRow = grid.titleRow;
    /** Per page: the rows drawn on it and where. */
    const pages: { index: number; top: number }[][] = [[]];
    let y = MARGIN;
    for (let i = 0; i < rows.length; i++) {
      // A vertical merge stays on one page with the rows it spans.
      const span = Math.max(1, ...rows[i]!.cells.map((c) => c.rows));
      let need = 0;
      for (let k = 0; k < span; k++) need += rows[i + k]?.height ?? 0;
      const repeat = titleRow !== undefined && i > titleRow;
      if (y + need > bottom && y > MARGIN + (repeat ? rows[titleRow]!.height : 0)) {
        pages.push([]);
        y = MARGIN;
        if (repeat) {
          pages.at(-1)!.push({ index: titleRow, top: y });
          y += rows[titleRow]!.height;
        }
      }
      pages.at(-1)!.push({ index: i, top: y });
      y += rows[i]!.height;
    }
    return { grid, page, rows, pages };
  });

  const total = plans.reduce((n, p) => n + p.pages.length, 0);
  let number = 0;
  for (const { grid, page, rows, pages } of plans)
    for (const draws of pages) {
      doc.addPage({ size: [page.w, page.h], margin: 0 });
      doc.fillColor('#000').strokeColor('#000');
      for (const { index, top } of draws) {
        const row = rows[index]!;
        const heightOf = (c: Laid): number => {
          let height = row.height;
          for (let k = 1; k < c.rows; k++) height += rows[index + k]?.height ?? 0;
          return height;
        };
        // The row's borders as one path in one stroke (a path may not be interrupted by text), then its text.
        let lines = false;
        for (const c of row.cells) lines = borders(doc, c, top, heightOf(c)) || lines;
        if (lines) doc.lineWidth(0.5).stroke();
        for (const c of row.cells) writeText(doc, c, top, heightOf(c));
      }
      number++;
      const { left, center, right } = footerParts(grid.footer, number, total);
      const w = page.w - 2 * MARGIN;
      const y = page.h - MARGIN - 10;
      if (left) doc.fontSize(7).text(left, MARGIN, y, { width: w, align: 'left', lineBreak: false });
      if (center) doc.fontSize(9).text(center, MARGIN, y, { width: w, align: 'center', lineBreak: false });
      if (right) doc.fontSize(9).text(right, MARGIN, y, { width: w, align: 'right', lineBreak: false });
    }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

interface Grid {
  readonly landscape: boolean;
  /** The workbook's footer (&L…&R…). */
  readonly footer: string | undefined;
  /** Column widths in points, unscaled. */
  readonly widths: readonly number[];
  /** Cells by row; `x` and `width` are column index and column count until laid out. */
  readonly rows: readonly { cells: Laid[]; height: number }[];
  /** Index (0-based) of the row repeated on every page. */
  readonly titleRow: number | undefined;
}

function readSheet(sheet: Worksheet, texts: string[]): Grid {
  const merges = new Map<string, Merge>();
  const covered = new Set<string>();
  for (const range of (sheet.model as { merges?: string[] }).merges ?? []) {
    const m = parseRange(range);
    if (!m) continue;
    merges.set(`${m.top}:${m.left}`, m);
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  let columns = sheet.columnCount;
  for (const m of merges.values()) columns = Math.max(columns, m.right);
  const widths = Array.from({ length: columns }, (_, i) => columnPoints(sheet.getColumn(i + 1).width));
  const print = /^\$?(\d+):\$?(\d+)$/.exec(sheet.pageSetup?.printTitlesRow ?? '');
  const rows: { cells: Laid[]; height: number }[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Laid[] = [];
    for (let c = 1; c <= columns; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell = row.getCell(c);
      const text = cellText(cell);
      const merge = merges.get(`${r}:${c}`);
      const border = cell.border && Object.keys(cell.border).length > 0 ? cell.border : undefined;
      if (text === '' && border === undefined) continue;
      texts.push(text);
      const h = cell.alignment?.horizontal;
      const v = cell.alignment?.vertical;
      cells.push({
        text,
        x: c - 1,
        width: merge ? merge.right - merge.left + 1 : 1,
        rows: merge ? merge.bottom - merge.top + 1 : 1,
        size: cell.font?.size ?? 11,
        bold: cell.font?.bold === true,
        align: h === 'center' || h === 'centerContinuous' ? 'center' : h === 'right' ? 'right' : 'left',
        valign: v === 'top' ? 'top' : v === 'bottom' ? 'bottom' : 'middle',
        border,
      });
    }
    rows.push({ cells, height: row.height ?? 15 });
  }
  return {
    landscape: sheet.pageSetup?.orientation === 'landscape',
    footer: sheet.headerFooter?.oddFooter ?? undefined,
    widths,
    rows,
    titleRow: print ? Number(print[1]) - 1 : undefined,
  };
}

/** Adds the cell's borders to the current path (stroked once per row); whether it has any. */
function borders(doc: PDFKit.PDFDocument, c: Laid, top: number, height: number): boolean {
  const b = c.border;
  if (!b) return false;
  if (b.top?.style) doc.moveTo(c.x, top).lineTo(c.x + c.width, top);
  if (b.bottom?.style) doc.moveTo(c.x, top + height).lineTo(c.x + c.width, top + height);
  if (b.left?.style) doc.moveTo(c.x, top).lineTo(c.x, top + height);
  if (b.right?.style) doc.moveTo(c.x + c.width, top).lineTo(c.x + c.width, top + height);
  return true;
}

function writeText(doc: PDFKit.PDFDocument, c: Laid, top: number, height: number): void {
  if (c.text === '') return;
  doc.fontSize(c.size);
  const width = c.width - 2 * PAD;
  const natural = c.text.includes('\n') ? Number.POSITIVE_INFINITY : doc.widthOfString(c.text);
  const oneLine = natural <= width;
  const textHeight = oneLine ? c.size * LINE : doc.heightOfString(c.text, { width, lineGap: c.size * (LINE - 1) });
  const free = height - 2 * PAD - textHeight;
  const y = top + PAD + (c.valign === 'top' ? 0 : c.valign === 'bottom' ? Math.max(free, 0) : Math.max(free / 2, 0));
  const style = c.bold ? { fill: true, stroke: true } : {};
  if (c.bold) doc.save().lineWidth(c.size / 30);
  if (oneLine) {
    // One line: placed directly, without pdfkit's line wrapper (most cells; the bulk of the work).
    const x = c.x + PAD + (c.align === 'center' ? (width - natural) / 2 : c.align === 'right' ? width - natural : 0);
    doc.text(c.text, x, y, { lineBreak: false, ...style });
  } else {
    const lineGap = c.size * (LINE - 1);
    doc.text(c.text, c.x + PAD, y, { width, align: c.align, lineGap, height: height - 2 * PAD, ...style });
  }
  if (c.bold) doc.restore();
}
