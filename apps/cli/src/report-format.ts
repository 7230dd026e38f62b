import { Option } from 'commander';
import { workbookPdf } from '@kaowu/reports';

/** The formats a report is downloaded in: the workbook, or the same report laid out as a PDF (@kaowu/reports). */
export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const formatOption = (): Option =>
  new Option('--format <format>', '格式：xlsx（Excel 表格）或 pdf（打印版）').choices(REPORT_FORMATS).default('xlsx');

/** A report's workbook in the asked format. */
export const inFormat = (xlsx: Uint8Array, format: ReportFormat): Promise<Uint8Array> | Uint8Array =>
  format === 'pdf' ? workbookPdf(xlsx) : xlsx;

/** A report file's name in the asked format (other files, such as the CSV upload file, keep theirs). */
export const named = (name: string, format: ReportFormat): string =>
  format === 'pdf' ? name.replace(/\.xlsx$/, '.pdf') : name;
