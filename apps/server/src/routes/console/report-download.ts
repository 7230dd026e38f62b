import { workbookPdf } from '@kaowu/reports';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { xlsx } from './bank-ref.ts';

/**
 * `?format=xlsx|pdf` on every report download: the workbook, or the same report laid out as a PDF by the one
 * generic writer of @kaowu/reports (pages, repeated header row, the audit chain's head in the footer).
 */
export const reportQuery = z.strictObject({
  format: z.enum(['xlsx', 'pdf'], { message: '格式应为 xlsx 或 pdf' }).default('xlsx'),
});
export type ReportFormat = z.infer<typeof reportQuery>['format'];

/**
 * The asked format (400 naming the allowed ones otherwise). Read here rather than by a query validator, so the
 * console's typed links that want the workbook need no query at all; a PDF link appends `?format=pdf`.
 */
export const formatOf = (c: Context<AppEnv>): ReportFormat => reportQuery.parse(c.req.query()).format;

/** A report download in the asked format; `name` is the workbook's file name (….xlsx). */
export async function report(
  c: Context<AppEnv>,
  data: Uint8Array,
  name: string,
  format: ReportFormat,
): Promise<Response> {
  if (format === 'xlsx') return xlsx(c, data, name);
  const pdf = await workbookPdf(data);
  c.header('content-type', 'application/pdf');
  c.header(
    'content-disposition',
    `attachment; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent(name.replace(/\.xlsx$/, '.pdf'))}`,
  );
  return c.body(new Uint8Array(pdf).buffer);
}
