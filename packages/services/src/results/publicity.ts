import { chinaDate, isoDate, type ObjectionOutcome, PUBLICITY_STATE_NAMES, type PublicityState } from '@kaowu/domain';
import { fromJson } from '@kaowu/db';
import { publicityStatus, type PublicityWindow } from '@kaowu/grading';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { requireNotHalted } from './supervision.ts';
import { batchToChange, findBatch, type ResultsBatch } from './batch.ts';
import { decisionsHash } from './decisions.ts';
import { getResultsSettings } from './settings.ts';
import { statsAfterFinal, type StatsAfterFinal } from '../analysis/batch-stats.ts';
import { authorize } from '../shared/authorize.ts';
import {
  addNoticeObjection,
  noticeWindowRow,
  type NoticeObjectionInput,
  noticeRecord,
  type ObjectionLine,
  RESULTS_NOTICE,
  resolveNoticeObjection,
} from './public-notice.ts';

export interface PublicityView {
  readonly publishedOn: string;
  readonly window: PublicityWindow;
  readonly state: PublicityState;
  readonly stateName: string;
  readonly daysLeft: number;
  readonly objections: readonly ObjectionLine[];
  readonly finalisedAt: string | null;
  /** False when the decisions changed after publication: they must be published again. */
  readonly matchesDecisions: boolean;
}

async function currentDecisions(db: Executor, batchId: string) {
  const rows = await db
    .selectFrom('decisions')
    .select(['candidate_id', 'outcome', 'decision_json', 'computed_at'])
    .where('batch_id', '=', batchId)
    .execute();
  return rows.map((r) => ({ ...r, decision: fromJson(r.decision_json) }));
}

async function loadRecord(db: Executor, batch: ResultsBatch) {
  const row = await db.selectFrom('publicities').selectAll().where('batch_id', '=', batch.id).executeTakeFirst();
  if (!row) throw fail.invalid(`批次 ${batch.planNumber} 的成绩尚未公示`, 'not published');
  return { row, ...(await noticeRecord(db, RESULTS_NOTICE, batch, row)) };
}

async function view(ctx: ServiceContext, batch: ResultsBatch): Promise<PublicityView> {
  const { row, record, lines } = await loadRecord(ctx.db, batch);
  const status = publicityStatus(record, ctx.now());
  if (!status.ok) throw refuse(status.error, PUBLICITY_ERRORS);
  return {
    publishedOn: row.published_on,
    window: status.value.window,
    state: status.value.state,
    stateName: PUBLICITY_STATE_NAMES[status.value.state],
    daysLeft: status.value.daysLeft,
    objections: lines,
    finalisedAt: row.finalised_at,
    matchesDecisions:
      decisionsHash((await currentDecisions(ctx.db, batch.id)).map((d) => d.decision)) === row.decisions_hash,
  };
}

export interface PublishInput {
  /** The day the list goes up (YYYY-MM-DD, China); default today. */
  readonly publishedOn?: string | undefined;
  /** Default: the setting publicity.workingDays (5). */
  readonly workingDays?: number | undefined;
}

/**
 * Publishes the batch's results (成绩公示) for N working days counted with Chinese holidays and make-up
 * workdays; refuses while any decision is pending, or for a year without holiday data. Publishing again
 * (after a correction) starts a new window; earlier objections stay on record.
 */
export async function publishResults(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: PublishInput = {},
): Promise<PublicityView> {
  const batch = await batchToChange(ctx, by, 'publicity.write', batchRef);
  await requireNotHalted(ctx.db, batch);
  const settings = await getResultsSettings(ctx);
  const publishedOn = input.publishedOn ?? chinaDate(ctx.now());
  if (!isoDate.safeParse(publishedOn).success)
    throw fail.invalid(`公示日期 ${publishedOn} 应为 YYYY-MM-DD`, 'invalid date');
  const decisions = await currentDecisions(ctx.db, batch.id);
  const people = await ctx.db
    .selectFrom('candidates')
    .select(['id', 'ticket'])
    .where('batch_id', '=', batch.id)
    .execute();
  if (decisions.length === 0 || decisions.length !== people.length)
    throw fail.invalid(`批次 ${batch.planNumber} 尚未计算全部考生的认定结果，请先计算`, 'decisions missing');
  const pending = decisions.filter((d) => d.outcome === 'pending');
  if (pending.length > 0) {
    const tickets = new Map(people.map((p) => [p.id, p.ticket]));
    throw fail.invalid(
      `有 ${pending.length} 名考生的认定结果待定，不能公示：${pending
        .slice(0, 10)
        .map((d) => tickets.get(d.candidate_id))
        .join('、')}${pending.length > 10 ? '……' : ''}`,
      'pending decisions',
    );
  }
  // ISO timestamps: the latest sorts last.
  const lastComputed =
    decisions
      .map((d) => d.computed_at)
      .sort()
      .at(-1) ?? '';
  const computedOn = chinaDate(new Date(lastComputed));
  if (publishedOn < computedOn)
    throw fail.invalid(`公示日期 ${publishedOn} 早于认定结果的计算日期 ${computedOn}`, 'published before computed');
  const row = {
    ...noticeWindowRow(ctx, by, batch, settings, publishedOn, input.workingDays),
    decisions_hash: decisionsHash(decisions.map((d) => d.decision)),
  };
  const workingDays = row.working_days;
  await ctx.db.transaction().execute(async (trx) => {
    const { batch_id: _key, ...update } = row;
    await trx
      .insertInto('publicities')
      .values({ ...row, finalised_by: null, finalised_at: null })
      .onConflict((oc) => oc.column('batch_id').doUpdateSet(update))
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.publish',
      entity: 'batch',
      entityId: batch.id,
      afterHash: row.decisions_hash,
      detail: { publishedOn, workingDays, firstDay: row.first_day, lastDay: row.last_day },
    });
  });
  return view(ctx, batch);
}

export async function getPublicity(ctx: ServiceContext, by: string, batchRef: string): Promise<PublicityView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'publicity.read', { batchId: batch.id });
  return view(ctx, batch);
}

export type ObjectionInput = NoticeObjectionInput;

/** Records an objection (异议) received during the publicity window. */
export async function addObjection(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: ObjectionInput,
): Promise<{ id: string }> {
  const batch = await batchToChange(ctx, by, 'publicity.write', batchRef);
  const { row } = await loadRecord(ctx.db, batch);
  return addNoticeObjection(ctx, by, RESULTS_NOTICE, batch, row, input);
}

/**
 * The evaluation committee's resolution: upheld (the result is corrected — correct the scores, compute and
 * publish again) or dismissed, with a note.
 */
export async function resolveObjection(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  id: string,
  input: { outcome: ObjectionOutcome; note: string },
): Promise<void> {
  const batch = await batchToChange(ctx, by, 'publicity.write', batchRef);
  const { row } = await loadRecord(ctx.db, batch);
  await resolveNoticeObjection(ctx, by, RESULTS_NOTICE, batch, row, id, input);
}

/**
 * Makes the results final (认定结果生效): only once the window has closed with no objection open, and only for
 * the decisions that were published.
 */
export async function finaliseResults(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<PublicityView & { readonly statistics: StatsAfterFinal }> {
  const batch = await batchToChange(ctx, by, 'publicity.write', batchRef);
  await requireNotHalted(ctx.db, batch);
  const current = await view(ctx, batch);
  if (current.state === 'open')
    throw fail.conflict(
      `公示期至 ${current.window.lastDay} 结束（还有 ${current.daysLeft} 个工作日），期满后才能确认结果`,
      'the publicity window is still open',
    );
  if (current.state === 'awaiting_objections')
    throw fail.conflict(
      `还有 ${current.objections.filter((o) => !o.resolution).length} 条异议未处理，处理完毕后才能确认结果`,
      'objections still open',
    );
  if (!current.matchesDecisions)
    throw fail.conflict('认定结果在公示后有变更，须重新公示', 'decisions changed since publication');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('publicities')
      .set({ finalised_by: by, finalised_at: isoNow(ctx) })
      .where('batch_id', '=', batch.id)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.finalise',
      entity: 'batch',
      entityId: batch.id,
      detail: { window: [current.window.firstDay, current.window.lastDay], objections: current.objections.length },
    });
  });
  // the batch's item analysis, right after (issue 13): its failure is reported and audited, never undoes this
  const statistics = await statsAfterFinal(ctx, by, batch.id);
  return { ...(await view(ctx, batch)), statistics };
}
