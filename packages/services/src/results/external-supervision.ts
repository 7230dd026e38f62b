import {
  chinaDate,
  contentHash,
  externalSupervisionReportInput,
  scoreExternalSupervision,
  type SupervisionReport,
  type SupervisionScore,
} from '@kaowu/domain';
import { externalSupervisionReport } from '@kaowu/reports';
import { fromJson, toJson } from '@kaowu/db';
import { audit, auditChainHead } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { findBatch } from './batch.ts';
import { getResultsSettings } from './settings.ts';
import { requireCompleteToSign } from './rubric-signing.ts';

/**
 * 附件3 外督情况登记表 (seed 004): the batch's internal supervisors and the external supervisor (外督人员, batch duty
 * external_supervisor) fill it together on exam day; it is complete when at least one of each has signed the
 * register as it stands (signatures are over its content hash, so a later change clears them).
 */

export const EXTERNAL_SUPERVISION_REPORT_NAME = '附件3 外督情况登记表';

type Duty = 'supervisor' | 'external_supervisor';

export interface ExternalSupervisionView {
  readonly batchId: string;
  readonly report: SupervisionReport | null;
  readonly score: SupervisionScore | null;
  readonly reportHash: string | null;
  readonly signatures: readonly { username: string; name: string; duty: Duty; signedAt: string }[];
  /** An internal and an external supervisor have signed the register as it stands. */
  readonly signedByBoth: boolean;
}

async function dutyOf(ctx: ServiceContext, batchId: string, username: string): Promise<Duty | undefined> {
  const rows = await ctx.db
    .selectFrom('batch_staff')
    .select('duty')
    .where('batch_id', '=', batchId)
    .where('username', '=', username)
    .execute();
  return rows.find((r) => r.duty === 'external_supervisor' || r.duty === 'supervisor')?.duty as Duty | undefined;
}

export async function getExternalSupervision(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<ExternalSupervisionView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'supervision.read', { batchId: batch.id });
  const row = await ctx.db
    .selectFrom('external_supervision_reports')
    .selectAll()
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  const signatures = row
    ? (
        await ctx.db
          .selectFrom('external_supervision_signatures as g')
          .innerJoin('users as u', 'u.username', 'g.username')
          .select(['g.username', 'u.display_name', 'g.duty', 'g.signed_at'])
          .where('g.batch_id', '=', batch.id)
          .where('g.report_hash', '=', row.report_hash)
          .orderBy('g.signed_at')
          .execute()
      ).map((s) => ({ username: s.username, name: s.display_name, duty: s.duty, signedAt: s.signed_at }))
    : [];
  const report = row ? fromJson(row.report_json) : null;
  return {
    batchId: batch.id,
    report,
    score: report ? scoreExternalSupervision(report) : null,
    reportHash: row?.report_hash ?? null,
    signatures,
    signedByBoth: (['supervisor', 'external_supervisor'] as const).every((d) => signatures.some((s) => s.duty === d)),
  };
}

/** Saves the register (partial too), checked against the 附件3 rubric: the batch's internal or external supervisors. */
export async function saveExternalSupervision(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  raw: unknown,
): Promise<ExternalSupervisionView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'external_supervision.write', { batchId: batch.id });
  const parsed = externalSupervisionReportInput.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw fail.invalid(`外督情况登记表有误：${details.map((d) => d.message).join('；')}`, 'invalid register', details);
  }
  const report = parsed.data;
  const score = scoreExternalSupervision(report);
  const row = {
    batch_id: batch.id,
    report_json: toJson(report),
    report_hash: contentHash(report),
    total: score.total,
    vetoed: score.vetoed ? 1 : 0,
    updated_by: by,
    updated_at: isoNow(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const { batch_id: _key, ...update } = row;
    await trx
      .insertInto('external_supervision_reports')
      .values(row)
      .onConflict((oc) => oc.column('batch_id').doUpdateSet(update))
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'supervision.external.save',
      entity: 'batch',
      entityId: batch.id,
      afterHash: row.report_hash,
      detail: { total: score.total, complete: score.complete, vetoed: score.vetoed },
    });
  });
  return getExternalSupervision(ctx, by, batch.id);
}

/** Signs the register as it stands, once complete (or vetoed). */
export async function signExternalSupervision(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<ExternalSupervisionView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'external_supervision.write', { batchId: batch.id });
  const view = await getExternalSupervision(ctx, by, batch.id);
  if (!view.report || !view.score || !view.reportHash)
    throw fail.invalid('外督情况登记表尚未填写，不能签字', 'no register');
  requireCompleteToSign(view.score, '外督情况登记表', 'incomplete register');
  if (view.signatures.some((s) => s.username === by)) throw fail.conflict('您已签署本登记表', 'already signed');
  const duty = await dutyOf(ctx, batch.id, by);
  if (duty === undefined) throw fail.forbidden('只有本批次的内部督导员或外部督导员可以签字', 'not a supervisor');
  const hash = view.reportHash;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('external_supervision_signatures')
      .where('batch_id', '=', batch.id)
      .where('username', '=', by)
      .execute();
    await trx
      .insertInto('external_supervision_signatures')
      .values({ batch_id: batch.id, username: by, duty, signed_at: isoNow(ctx), report_hash: hash })
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'supervision.external.sign',
      entity: 'batch',
      entityId: batch.id,
      afterHash: hash,
      detail: { duty, total: view.score?.total ?? null },
    });
  });
  return getExternalSupervision(ctx, by, batch.id);
}

/** The 附件3 workbook as it stands (blank before anything is recorded). */
export async function exportExternalSupervision(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<Uint8Array> {
  const view = await getExternalSupervision(ctx, by, batchRef);
  const batch = await findBatch(ctx.db, view.batchId);
  const settings = await getResultsSettings(ctx);
  const occupation = await ctx.db
    .selectFrom('occupations')
    .select('name')
    .where('code', '=', batch.occupationCode)
    .executeTakeFirst();
  const externals = await ctx.db
    .selectFrom('batch_staff as s')
    .innerJoin('users as u', 'u.username', 's.username')
    .select('u.display_name')
    .where('s.batch_id', '=', batch.id)
    .where('s.duty', '=', 'external_supervisor')
    .orderBy('s.username')
    .execute();
  const signers = (duty: Duty) =>
    view.signatures
      .filter((s) => s.duty === duty)
      .map((s) => ({ name: s.name, signedOn: chinaDate(new Date(s.signedAt)) }));
  return externalSupervisionReport({
    header: {
      enterpriseName: settings.enterpriseName,
      planNumber: batch.planNumber,
      occupationName: occupation?.name ?? batch.occupationCode,
      level: batch.level,
      date: view.report?.supervisedOn ?? chinaDate(ctx.now()),
      auditHead: await auditChainHead(ctx.db),
    },
    externalSupervisors: externals.map((e) => e.display_name),
    report: view.report ?? undefined,
    internalSigners: signers('supervisor'),
    externalSigners: signers('external_supervisor'),
  });
}
