import ExcelJS from 'exceljs';
import { chinaDate, chinaTime } from '@kaowu/domain';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';
import { KaowuError } from '@kaowu/domain';
import { findBatch } from '../results/batch.ts';

/** What a purge removes: the personal data of the batch's candidates; scores, decisions and numbers stay. */
export const DESTRUCTION_SCOPE =
  '考生个人信息：姓名、身份证号码、出生日期、工作单位，申报信息，照片、开考拍照和实名核验记录（成绩、认定结果、证书编号保留）';

export interface DestructionEntry {
  readonly id: string;
  readonly planNumber: string;
  readonly batchName: string;
  readonly what: string;
  readonly manifestHash: string;
  readonly retainedUntil: string;
  readonly destroyedBy: string;
  readonly destroyedAt: string;
}

/**
 * Purges a batch's personal data past its retention date, only through an entry in the destruction register
 * (销毁台账: who, when, what, the archive manifest's hash), audited. Refused before the latest archive's electronic
 * retention date has passed, and for a batch never archived. The audit trail itself is never changed.
 */
export async function destroyPersonalData(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<DestructionEntry> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'archive.destroy', { batchId: batch.id });
  const archive = await ctx.db
    .selectFrom('batch_archives')
    .selectAll()
    .where('batch_id', '=', batch.id)
    .orderBy('archived_at', 'desc')
    .executeTakeFirst();
  if (!archive)
    throw fail.invalid(`批次 ${batch.planNumber} 尚未归档，不能销毁：须先归档再于保存期满后销毁`, 'not archived');
  const done = await ctx.db
    .selectFrom('destructions')
    .select('destroyed_at')
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  if (done)
    throw fail.conflict(
      `批次 ${batch.planNumber} 的个人信息已于 ${chinaDate(done.destroyed_at)} 销毁`,
      'already destroyed',
    );
  const today = chinaDate(ctx.now());
  // Dates as text: the later of the two.
  const until = [archive.electronic_until, archive.paper_until].sort().at(-1)!;
  if (today <= until)
    throw new KaowuError(
      'retention_not_expired',
      `批次 ${batch.planNumber} 的资料保存至 ${until}（${chinaDate(archive.archived_at)} 归档），保存期满后方可销毁`,
      `kept until ${until}`,
    );
  const entry = {
    id: ctx.newId(),
    batch_id: batch.id,
    what: DESTRUCTION_SCOPE,
    manifest_hash: archive.manifest_hash,
    retained_until: until,
    destroyed_by: by,
    destroyed_at: isoNow(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const ids = trx.selectFrom('candidates').select('id').where('batch_id', '=', batch.id);
    for (const table of ['candidate_photos', 'start_frames', 'identity_checks'] as const)
      await trx.deleteFrom(table).where('candidate_id', 'in', ids).execute();
    await trx.deleteFrom('candidate_applications').where('batch_id', '=', batch.id).execute();
    // id_number is unique per batch: the ticket keeps each line distinct.
    const candidates = await trx
      .selectFrom('candidates')
      .select(['id', 'ticket'])
      .where('batch_id', '=', batch.id)
      .execute();
    for (const c of candidates)
      await trx
        .updateTable('candidates')
        .set({ name: '（已销毁）', id_number: `已销毁-${c.ticket}`, birth_date: '', unit: '' })
        .where('id', '=', c.id)
        .execute();
    await trx.insertInto('destructions').values(entry).execute();
    const writer = new AuditWriter(trx, ctx);
    await writer.append({
      actor: by,
      action: 'archive.destroy',
      entity: 'batch',
      entityId: batch.id,
      detail: {
        what: entry.what,
        manifestHash: entry.manifest_hash,
        retainedUntil: until,
        candidates: candidates.length,
      },
    });
    await writer.flush();
  });
  return (await register(ctx)).find((e) => e.id === entry.id)!;
}

async function register(ctx: ServiceContext): Promise<DestructionEntry[]> {
  const rows = await ctx.db
    .selectFrom('destructions as d')
    .innerJoin('batches as b', 'b.id', 'd.batch_id')
    .leftJoin('users as u', 'u.username', 'd.destroyed_by')
    .select(['d.id', 'b.plan_number', 'b.name', 'd.what', 'd.manifest_hash', 'd.retained_until', 'd.destroyed_at'])
    .select(['d.destroyed_by', 'u.display_name'])
    .orderBy('d.destroyed_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planNumber: r.plan_number,
    batchName: r.name,
    what: r.what,
    manifestHash: r.manifest_hash,
    retainedUntil: r.retained_until,
    destroyedBy: r.display_name ? `${r.display_name}（${r.destroyed_by}）` : r.destroyed_by,
    destroyedAt: r.destroyed_at,
  }));
}

/** The destruction register (销毁台账), oldest first: administrators. */
export async function listDestructions(ctx: ServiceContext, by: string): Promise<DestructionEntry[]> {
  await authorize(ctx, by, 'destruction.read');
  return register(ctx);
}

/** The register as a workbook for inspectors. */
export async function exportDestructions(ctx: ServiceContext, by: string): Promise<Uint8Array> {
  const entries = await listDestructions(ctx, by);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaowu 考务';
  const sheet = workbook.addWorksheet('销毁台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '认定计划号', key: 'planNumber', width: 18 },
    { header: '批次名称', key: 'batchName', width: 24 },
    { header: '销毁内容', key: 'what', width: 60 },
    { header: '保存期至', key: 'retainedUntil', width: 12 },
    { header: '销毁时间（北京时间）', key: 'at', width: 20 },
    { header: '经办人', key: 'destroyedBy', width: 20 },
    { header: '归档清单校验码（SHA-256）', key: 'manifestHash', width: 66 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(entries.map((e, i) => ({ ...e, n: i + 1, at: chinaTime(e.destroyedAt, 'second') })));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
