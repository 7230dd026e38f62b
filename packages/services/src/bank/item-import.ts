import type { SheetProblem } from '@kaowu/domain';
import { itemTemplateWorkbook, readItemWorkbook, writeItemWorkbook } from '@kaowu/bank';
import { KaowuError, ITEM_STATUS_NAMES } from '@kaowu/domain';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { auditBankExport } from './folder.ts';
import { bankCodes, itemHeads, listItems, nextCode, writeItems } from './items.ts';
import type { ItemWrite } from './items.ts';
import type { BankRef } from './outlines.ts';
import { getOutline } from './outlines.ts';
import { authorize } from '../shared/authorize.ts';

export class WorkbookError extends KaowuError {
  constructor(readonly problems: readonly SheetProblem[]) {
    super(
      'invalid',
      `工作簿有 ${problems.length} 处错误，未导入任何试题`,
      `the workbook has ${problems.length} problems; nothing was imported`,
      problems,
    );
  }
}

export interface ImportSummary {
  readonly rows: number;
  readonly created: number;
  readonly newVersions: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Imports an item workbook into a bank. The whole workbook is validated first — cells, then the rows against
 * the bank (an item under review or retired cannot be overwritten) — and any problem means nothing is
 * written. New and changed items become drafts, or go straight to review with `submit`.
 */
export async function importItemWorkbook(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  data: Uint8Array,
  options: { submit?: boolean } = {},
): Promise<ImportSummary> {
  await authorize(ctx, by, 'item.write', bank);
  const { index } = await getOutline(ctx, bank);
  const read = await readItemWorkbook(data, index);
  if (!read.ok) throw new WorkbookError(read.problems);
  return ctx.db.transaction().execute(async (trx) => {
    const codes = read.rows.flatMap((r) => (r.code === undefined ? [] : [r.code]));
    const heads = await itemHeads(trx, bank, codes);
    const problems: SheetProblem[] = [];
    for (const row of read.rows) {
      const head = row.code === undefined ? undefined : heads.get(row.code);
      if (head && (head.status === 'in_review' || head.status === 'retired'))
        problems.push({
          sheet: '试题',
          row: row.row,
          column: 'A',
          field: '编号',
          message: `编号 ${row.code} 的试题${ITEM_STATUS_NAMES[head.status]}，不能通过导入修改`,
        });
    }
    if (problems.length > 0) throw new WorkbookError(problems);
    const taken = await bankCodes(trx, bank);
    const status = options.submit ? 'in_review' : 'draft';
    const writes: ItemWrite[] = read.rows.map((row) => {
      const code = row.code ?? nextCode(row.content.point, taken);
      taken.add(code);
      return { code, content: row.content, author: heads.get(code)?.author ?? by, status };
    });
    const writer = new AuditWriter(trx, ctx);
    const outcomes = await writeItems(trx, ctx, writer, by, bank, writes, heads);
    await writer.append({
      actor: by,
      action: 'bank.import',
      entity: 'bank',
      entityId: `${bank.occupationCode}/${bank.level}`,
      detail: { rows: read.rows.length },
    });
    await writer.flush();
    const count = (o: string): number => [...outcomes.values()].filter((x) => x === o).length;
    return {
      rows: read.rows.length,
      created: count('created'),
      newVersions: count('new_version'),
      updated: count('updated'),
      unchanged: count('unchanged'),
    };
  });
}

/** Exports the bank's items (approved only, or every head version) as a re-importable workbook. The read is audited. */
export async function exportItemWorkbook(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  which: 'approved' | 'all',
): Promise<Uint8Array> {
  await authorize(ctx, by, 'bank.export', bank);
  const items = await listItems(ctx, bank, which === 'approved' ? { status: 'approved' } : {});
  const data = await writeItemWorkbook(
    items.map((i) => ({ code: i.code, content: i.content, status: i.status, version: i.version })),
  );
  await auditBankExport(ctx, by, bank, { items: items.length, which });
  return data;
}

export async function itemTemplate(ctx: ServiceContext, bank?: BankRef): Promise<Uint8Array> {
  return itemTemplateWorkbook(bank === undefined ? undefined : (await getOutline(ctx, bank)).index);
}
