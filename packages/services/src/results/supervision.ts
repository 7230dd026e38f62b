import {
  contentHash,
  scoreSupervision,
  supervisionCriterion,
  supervisionReportInput,
  type LevelCode,
  type SupervisionReport,
  type SupervisionScore,
  chinaDate,
} from '@kaowu/domain';
import { supervisionReport } from '@kaowu/reports';
import { auditChainHead } from '../audit/writer.ts';
import { fromJson, toJson } from '@kaowu/db';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { findBatch, findPlan, type ResultsBatch } from './batch.ts';
import { getResultsSettings } from './settings.ts';
import { requireCompleteToSign } from './rubric-signing.ts';
import { authorize } from '../shared/authorize.ts';

/**
 * Internal supervision (附件2 内部督导情况报告): the batch's supervisors (batch duty 'supervisor', no system
 * role needed) fill the report on exam day and complete it after the publicity (Nanxun 第十条(三)(四)), then
 * each signs it. A veto (否决项) zeroes it and halts the batch: results are not published, finalised or
 * certified while the report stands vetoed (`requireNotHalted`).
 */

export const SUPERVISION_REPORT_NAME = '附件2 内部督导情况报告';

export interface SupervisionPerson {
  readonly username: string;
  readonly name: string;
}

export interface SupervisionSignature extends SupervisionPerson {
  readonly signedAt: string;
}

export interface SupervisionView {
  readonly batchId: string;
  readonly planNumber: string;
  /** null until a supervisor first saves. */
  readonly report: SupervisionReport | null;
  readonly score: SupervisionScore | null;
  /** The content hash signatures are made over. */
  readonly reportHash: string | null;
  readonly updatedBy: SupervisionPerson | null;
  readonly updatedAt: string | null;
  /** The batch's supervisors, in username order. */
  readonly supervisors: readonly SupervisionPerson[];
  /** Signatures over the report as it now stands (a change clears them). */
  readonly signatures: readonly SupervisionSignature[];
  /** Every supervisor of the batch has signed the report as it stands. */
  readonly signedByAll: boolean;
  /** The viewer is one of the batch's supervisors: they may save and sign; everyone else reads. */
  readonly mayEdit: boolean;
  /** A veto stands: this batch is halted (暂停本次认定). */
  readonly halted: boolean;
}

interface StoredReport {
  readonly report: SupervisionReport;
  readonly hash: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

async function storedReport(db: Executor, batchId: string): Promise<StoredReport | undefined> {
  const row = await db.selectFrom('supervision_reports').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
  if (!row) return undefined;
  return {
    report: fromJson(row.report_json),
    hash: row.report_hash,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

async function supervisorsOf(db: Executor, batchId: string): Promise<SupervisionPerson[]> {
  const rows = await db
    .selectFrom('batch_staff as s')
    .innerJoin('users as u', 'u.username', 's.username')
    .select(['s.username', 'u.display_name'])
    .where('s.batch_id', '=', batchId)
    .where('s.duty', '=', 'supervisor')
    .orderBy('s.username')
    .execute();
  return rows.map((r) => ({ username: r.username, name: r.display_name }));
}

/** Signatures over the report with this hash; a signature over an earlier content no longer counts. */
async function signaturesOf(db: Executor, batchId: string, hash: string | undefined): Promise<SupervisionSignature[]> {
  if (hash === undefined) return [];
  const rows = await db
    .selectFrom('supervision_signatures as g')
    .innerJoin('users as u', 'u.username', 'g.username')
    .select(['g.username', 'u.display_name', 'g.signed_at'])
    .where('g.batch_id', '=', batchId)
    .where('g.report_hash', '=', hash)
    .orderBy('g.signed_at')
    .orderBy('g.username')
    .execute();
  return rows.map((r) => ({ username: r.username, name: r.display_name, signedAt: r.signed_at }));
}

/** Whether a veto in the batch's supervision report halts it (暂停本次认定). */
export async function isBatchHalted(db: Executor, batchId: string): Promise<boolean> {
  const row = await db
    .selectFrom('supervision_reports')
    .select('vetoed')
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  return row?.vetoed === 1;
}

/** For the results steps (publish, finalise, certificates): refuses while a veto halts the batch. */
export async function requireNotHalted(
  db: Executor,
  batch: { readonly id: string; readonly planNumber: string },
): Promise<void> {
  if (await isBatchHalted(db, batch.id))
    throw fail.conflict(
      `批次 ${batch.planNumber} 的内部督导发现否决项，本次认定已暂停：不能公示、确认结果或发证`,
      `batch ${batch.planNumber} is halted by a supervision veto`,
    );
}

/** The report, its score and signatures. Administrators and the batch's staff read it; its supervisors also edit. */
export async function getSupervision(ctx: ServiceContext, by: string, batchRef: string): Promise<SupervisionView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'supervision.read', { batchId: batch.id });
  const stored = await storedReport(ctx.db, batch.id);
  const supervisors = await supervisorsOf(ctx.db, batch.id);
  const signatures = await signaturesOf(ctx.db, batch.id, stored?.hash);
  const score = stored ? scoreSupervision(stored.report) : null;
  const updater = stored
    ? await ctx.db
        .selectFrom('users')
        .select('display_name')
        .where('username', '=', stored.updatedBy)
        .executeTakeFirst()
    : undefined;
  return {
    batchId: batch.id,
    planNumber: batch.planNumber,
    report: stored?.report ?? null,
    score,
    reportHash: stored?.hash ?? null,
    updatedBy: stored ? { username: stored.updatedBy, name: updater?.display_name ?? stored.updatedBy } : null,
    updatedAt: stored?.updatedAt ?? null,
    supervisors,
    signatures,
    signedByAll: supervisors.length > 0 && supervisors.every((s) => signatures.some((g) => g.username === s.username)),
    mayEdit: supervisors.some((s) => s.username === by),
    halted: score?.vetoed ?? false,
  };
}

function parseReport(raw: unknown): SupervisionReport {
  const parsed = supervisionReportInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const code = i.path[0] === 'answers' ? String(i.path[1]) : undefined;
    const c = code === undefined ? undefined : supervisionCriterion(code);
    const field = c ? `${c.indicator.name}·${c.name}` : i.path.join('.');
    return { field, message: c && !i.message.includes(c.name) ? `「${field}」${i.message}` : i.message };
  });
  throw fail.invalid(
    `内部督导报告有误：${problems.map((p) => p.message).join('；')}`,
    'invalid supervision report',
    problems,
  );
}

/**
 * Saves the report, partial or complete. A save that changes its content clears the signatures: they were
 * over the earlier content. Saving the same content again changes nothing.
 */
export async function saveSupervision(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  raw: unknown,
): Promise<SupervisionView> {
  const batch = await ctx.db.transaction().execute(async (trx) => {
    const batch = await findBatch(trx, batchRef);
    await authorize(ctx, by, 'supervision.write', { batchId: batch.id }, trx);
    const report = parseReport(raw);
    const hash = contentHash(report);
    const score = scoreSupervision(report);
    const before = await storedReport(trx, batch.id);
    if (before?.hash === hash) return batch;
    const row = {
      report_json: toJson(report),
      report_hash: hash,
      total: score.total,
      vetoed: score.vetoed ? 1 : 0,
      updated_by: by,
      updated_at: isoNow(ctx),
    };
    await trx
      .insertInto('supervision_reports')
      .values({ batch_id: batch.id, ...row })
      .onConflict((oc) => oc.column('batch_id').doUpdateSet(row))
      .execute();
    const cleared = await trx.deleteFrom('supervision_signatures').where('batch_id', '=', batch.id).executeTakeFirst();
    const wasHalted = before ? scoreSupervision(before.report).vetoed : false;
    await audit(trx, ctx, {
      actor: by,
      action: 'supervision.save',
      entity: 'batch',
      entityId: batch.id,
      beforeHash: before?.hash ?? null,
      afterHash: hash,
      detail: {
        total: score.total,
        complete: score.complete,
        vetoes: [...report.vetoes],
        signaturesCleared: Number(cleared.numDeletedRows),
        // A veto found halts the batch; a veto withdrawn lifts the halt: both are worth finding in the trail.
        ...(score.vetoed !== wasHalted ? { halt: score.vetoed ? 'halted' : 'lifted' } : {}),
      },
    });
    return batch;
  });
  return getSupervision(ctx, by, batch.id);
}

/** A supervisor signs the report as it stands: once each, and only when it is complete (or vetoed). */
export async function signSupervision(ctx: ServiceContext, by: string, batchRef: string): Promise<SupervisionView> {
  const batch = await ctx.db.transaction().execute(async (trx) => {
    const batch = await findBatch(trx, batchRef);
    await authorize(ctx, by, 'supervision.write', { batchId: batch.id }, trx);
    const stored = await storedReport(trx, batch.id);
    if (!stored) throw fail.invalid(`批次 ${batch.planNumber} 尚未填写内部督导报告，不能签字`, 'no supervision report');
    const score = scoreSupervision(stored.report);
    requireCompleteToSign(score, '内部督导报告', 'the supervision report is incomplete');
    const mine = await trx
      .selectFrom('supervision_signatures')
      .select(['signed_at', 'report_hash'])
      .where('batch_id', '=', batch.id)
      .where('username', '=', by)
      .executeTakeFirst();
    if (mine?.report_hash === stored.hash)
      throw fail.conflict(`您已于 ${chinaDate(new Date(mine.signed_at))} 签署本报告，无需重复签字`, 'already signed');
    if (mine)
      await trx
        .deleteFrom('supervision_signatures')
        .where('batch_id', '=', batch.id)
        .where('username', '=', by)
        .execute();
    await trx
      .insertInto('supervision_signatures')
      .values({ batch_id: batch.id, username: by, signed_at: isoNow(ctx), report_hash: stored.hash })
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'supervision.sign',
      entity: 'batch',
      entityId: batch.id,
      afterHash: stored.hash,
      detail: { total: score.total, vetoed: score.vetoed },
    });
    return batch;
  });
  return getSupervision(ctx, by, batch.id);
}

async function occupationOf(db: Executor, batch: ResultsBatch): Promise<{ name: string; trade: string | undefined }> {
  const plan = await findPlan(db, batch.id);
  if (plan) return { name: plan.plan.occupation.name, trade: plan.plan.occupation.trade };
  const row = await db
    .selectFrom('occupations')
    .select('name')
    .where('code', '=', batch.occupationCode)
    .executeTakeFirst();
  return { name: row?.name ?? batch.occupationCode, trade: undefined };
}

/**
 * The 附件2 workbook as it stands (a blank report before anything is recorded); for everyone who may read the report.
 */
export async function exportSupervisionReport(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  const view = await getSupervision(ctx, by, batchRef);
  const batch = await findBatch(ctx.db, view.batchId);
  const occupation = await occupationOf(ctx.db, batch);
  const settings = await getResultsSettings(ctx);
  return supervisionReport({
    header: {
      enterpriseName: settings.enterpriseName,
      planNumber: batch.planNumber,
      occupationName: occupation.name,
      trade: occupation.trade,
      level: batch.level as LevelCode,
      date: view.report?.supervisedOn ?? chinaDate(ctx.now()),
      auditHead: await auditChainHead(ctx.db),
    },
    supervisors: view.supervisors.map((s) => s.name),
    report: view.report ?? undefined,
    signers: view.signatures.map((s) => ({ name: s.name, signedOn: chinaDate(new Date(s.signedAt)) })),
    planNotes: await openingNotes(ctx, batch.id),
  });
}

/** Rooms opened with an administrator's written reason, from the audit trail: 附件2's 计划执行 shows them. */
async function openingNotes(ctx: ServiceContext, batchId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_log as a')
    .innerJoin('rooms as r', 'r.id', 'a.entity_id')
    .leftJoin('users as u', 'u.username', 'a.actor')
    .select(['a.at', 'a.detail_json', 'r.code', 'u.display_name', 'a.actor'])
    .where('a.entity', '=', 'room')
    .where('a.action', '=', 'room.open')
    .where('r.batch_id', '=', batchId)
    .orderBy('a.seq')
    .execute();
  const notes: string[] = [];
  for (const row of rows) {
    const d = fromJson(row.detail_json) as {
      lateFiling?: { reason: string; dueOn: string; filedOn: string | null };
      earlyOpening?: { reason: string; listEndsOn: string };
    };
    const who = `${row.display_name ?? row.actor}（${chinaDate(new Date(row.at))}）`;
    if (d.lateFiling)
      notes.push(
        `考场 ${row.code}：认定计划应于 ${d.lateFiling.dueOn} 前备案，` +
          `${d.lateFiling.filedOn === null ? '开考时未备案' : `${d.lateFiling.filedOn} 备案`}；开考说明：${d.lateFiling.reason}——${who}`,
      );
    else if (d.earlyOpening)
      notes.push(
        `考场 ${row.code}：考生名单公示期至 ${d.earlyOpening.listEndsOn}，提前开考理由：${d.earlyOpening.reason}——${who}`,
      );
  }
  return notes;
}
