import { fromJson, toJson } from '@kaowu/db';
import {
  assessmentPlan,
  chinaDate,
  contentHash,
  isoDate,
  parsePlan,
  type Action,
  type AssessmentPlan,
} from '@kaowu/domain';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { batchIdentity, type BatchIdentity } from '../exam/batches.ts';

/** The batch the results use cases work on. */
export type ResultsBatch = BatchIdentity;

/** A batch by its 认定计划号 (what users type) or its id. */
export async function findBatch(db: Executor, ref: string): Promise<ResultsBatch> {
  const row =
    (await db.selectFrom('batches').selectAll().where('plan_number', '=', ref).executeTakeFirst()) ??
    (await db.selectFrom('batches').selectAll().where('id', '=', ref).executeTakeFirst());
  if (!row) throw fail.notFound(`认定批次 ${ref} 不存在`, `no batch ${ref}`);
  return batchIdentity(row);
}

export interface BatchPlan {
  readonly plan: AssessmentPlan;
  readonly planHash: string;
  /** The application deadline eligibility is judged on. */
  readonly eligibilityAsOf: string;
}

export async function findPlan(db: Executor, batchId: string): Promise<BatchPlan | undefined> {
  const row = await db.selectFrom('batch_plans').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
  if (!row) return undefined;
  return {
    plan: assessmentPlan.parse(fromJson(row.plan_json)),
    planHash: row.plan_hash,
    eligibilityAsOf: row.eligibility_as_of,
  };
}

export async function requirePlan(db: Executor, batch: ResultsBatch): Promise<BatchPlan> {
  const plan = await findPlan(db, batch.id);
  if (!plan) throw fail.invalid(`批次 ${batch.planNumber} 尚未设置认定方案`, 'the batch has no assessment plan');
  return plan;
}

export interface PublicityRow {
  readonly publishedOn: string;
  readonly finalisedAt: string | null;
}

async function publicityOf(db: Executor, batchId: string): Promise<PublicityRow | undefined> {
  const row = await db
    .selectFrom('publicities')
    .select(['published_on', 'finalised_at'])
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  return row ? { publishedOn: row.published_on, finalisedAt: row.finalised_at } : undefined;
}

/** Final results are never changed again: every writing use case checks this first. */
export async function requireNotFinal(db: Executor, batch: ResultsBatch): Promise<void> {
  const p = await publicityOf(db, batch.id);
  if (p?.finalisedAt)
    throw fail.conflict(`批次 ${batch.planNumber} 的认定结果已于公示期满后生效，不能再修改`, 'results are final');
}

/**
 * The opening of every use case that changes a batch's results: `by` may do `action`, the batch exists, and its
 * results have not yet become final (生效).
 */
export async function batchToChange(
  ctx: ServiceContext,
  by: string,
  action: Action,
  batchRef: string,
): Promise<ResultsBatch> {
  await authorize(ctx, by, action);
  const batch = await findBatch(ctx.db, batchRef);
  await requireNotFinal(ctx.db, batch);
  return batch;
}

/** The plan is what was published against: it cannot change once the results are public. */
async function requireNotPublished(db: Executor, batch: ResultsBatch): Promise<void> {
  const p = await publicityOf(db, batch.id);
  if (p)
    throw fail.conflict(
      `批次 ${batch.planNumber} 的成绩已于 ${p.publishedOn} 公示，不能再修改认定方案`,
      'results already published',
    );
}

/** A plan input with the batch's occupation and level where it leaves them out (a plan file usually does). */
export async function withBatchDefaults(
  db: Executor,
  batch: ResultsBatch,
  input: unknown,
): Promise<Record<string, unknown>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw fail.invalid('认定方案应为一个对象', 'the plan must be an object');
  const occupation = await db
    .selectFrom('occupations')
    .select(['code', 'name'])
    .where('code', '=', batch.occupationCode)
    .executeTakeFirst();
  return {
    occupation: { code: batch.occupationCode, name: occupation?.name ?? batch.occupationCode },
    level: batch.level,
    ...input,
  };
}

/** Why a valid plan still does not fit the batch, if it does not. */
export function batchMismatch(plan: AssessmentPlan, batch: ResultsBatch): string | undefined {
  if (plan.occupation.code === batch.occupationCode && plan.level === batch.level) return undefined;
  const planned = `${plan.occupation.code} ${plan.level} 级`;
  return `认定方案是 ${planned}的，与批次（${batch.occupationCode} ${batch.level} 级）不符`;
}

export interface PlanOptions {
  /** YYYY-MM-DD; default: the first exam day (China time). */
  readonly eligibilityAsOf?: string | undefined;
}

/**
 * Writes the batch's assessment plan (认定方案); the use case is `setPlan` (setup.ts). The plan file may leave out
 * the occupation and level: they are the batch's. Every rule of the plan is checked (weights, panel size, the
 * technician review…), and the plan must be for the batch's occupation and level.
 */
export async function writePlan(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: unknown,
  options: PlanOptions = {},
): Promise<BatchPlan> {
  await authorize(ctx, by, 'plan.write');
  const batch = await findBatch(ctx.db, batchRef);
  await requireNotPublished(ctx.db, batch);
  const parsed = parsePlan(await withBatchDefaults(ctx.db, batch, input));
  if (!parsed.ok)
    throw fail.invalid(
      `认定方案有 ${parsed.error.length} 处问题：${parsed.error.join('；')}`,
      'invalid plan',
      parsed.error,
    );
  const plan = parsed.value;
  const mismatch = batchMismatch(plan, batch);
  if (mismatch !== undefined) throw fail.invalid(mismatch, 'plan is for another occupation or level');
  let asOf = options.eligibilityAsOf;
  if (asOf === undefined) {
    const first = await ctx.db
      .selectFrom('exam_windows')
      .select('starts_at')
      .where('batch_id', '=', batch.id)
      .orderBy('starts_at')
      .executeTakeFirst();
    asOf = chinaDate(first ? new Date(first.starts_at) : ctx.now());
  } else if (!isoDate.safeParse(asOf).success)
    throw fail.invalid(`申报条件审核日期 ${asOf} 应为 YYYY-MM-DD`, 'invalid eligibility date');
  const planHash = contentHash(plan);
  const row = {
    batch_id: batch.id,
    plan_json: toJson(plan),
    plan_hash: planHash,
    eligibility_as_of: asOf,
    set_by: by,
    set_at: isoNow(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('batch_plans')
      .select('plan_hash')
      .where('batch_id', '=', batch.id)
      .executeTakeFirst();
    await trx
      .insertInto('batch_plans')
      .values(row)
      .onConflict((oc) =>
        oc.column('batch_id').doUpdateSet({
          plan_json: row.plan_json,
          plan_hash: planHash,
          eligibility_as_of: asOf,
          set_by: by,
          set_at: row.set_at,
        }),
      )
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.plan.set',
      entity: 'batch',
      entityId: batch.id,
      beforeHash: before?.plan_hash ?? null,
      afterHash: planHash,
      detail: { method: plan.method, eligibilityAsOf: asOf },
    });
  });
  return { plan, planHash, eligibilityAsOf: asOf };
}

/** Candidates of a batch in 准考证号 order: the order of every list and report. */
export async function batchCandidates(db: Executor, batchId: string) {
  return db
    .selectFrom('candidates')
    .select(['id', 'ticket', 'name', 'id_number', 'education', 'unit', 'occupation_years', 'absent'])
    .where('batch_id', '=', batchId)
    .orderBy('ticket')
    .execute();
}
export type CandidateRecord = Awaited<ReturnType<typeof batchCandidates>>[number];

/** The candidate with this 准考证号 in the batch. */
export async function candidateByTicket(db: Executor, batch: ResultsBatch, ticket: string): Promise<CandidateRecord> {
  const row = await db
    .selectFrom('candidates')
    .select(['id', 'ticket', 'name', 'id_number', 'education', 'unit', 'occupation_years', 'absent'])
    .where('batch_id', '=', batch.id)
    .where('ticket', '=', ticket.trim())
    .executeTakeFirst();
  if (!row)
    throw fail.notFound(`准考证号 ${ticket} 不在批次 ${batch.planNumber} 中`, `no ticket ${ticket} in the batch`);
  return row;
}
