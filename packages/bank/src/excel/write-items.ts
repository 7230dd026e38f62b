import { type ItemContent, ITEM_STATUS_NAMES } from '@kaowu/domain';
import { addItemSheet, itemRowValues } from './item-sheet.ts';
import { streamingWorkbook } from './workbook-io.ts';

/** An item to export: its code, its content, and optionally its status and version number. */
export interface ExportItem {
  readonly code: string;
  readonly content: ItemContent;
  readonly status?: string | undefined;
  readonly version?: number | undefined;
}

export const VERSION_SHEET = '版本信息';

const statusName = (status: string): string =>
  (ITEM_STATUS_NAMES as Readonly<Record<string, string>>)[status] ?? status;

/**
 * Writes items in the import layout, so the file can be edited and imported again with identical content.
 * Status and version, which imports ignore, go to a second sheet 版本信息.
 */
export async function writeItemWorkbook(items: readonly ExportItem[]): Promise<Uint8Array> {
  const { workbook, bytes } = streamingWorkbook();
  const sheet = addItemSheet(workbook);
  for (const item of items) sheet.addRow(itemRowValues(item.code, item.content)).commit();
  sheet.commit();

  const versions = items.filter((item) => item.status !== undefined || item.version !== undefined);
  if (versions.length > 0) {
    const info = workbook.addWorksheet(VERSION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    info.columns = [
      { header: '编号', width: 14 },
      { header: '状态', width: 16 },
      { header: '版本', width: 8 },
    ];
    info.getRow(1).font = { bold: true };
    for (const item of versions)
      info
        .addRow([item.code, item.status === undefined ? null : statusName(item.status), item.version ?? null])
        .commit();
    info.commit();
  }
  return bytes();
}
