import { chinaDate, FILING_STEPS, isoDate, type FilingStep } from '@kaowu/domain';
import {
  FILING_PRESETS,
  filingTimeline,
  publicityWindow,
  type FilingDone,
  type FilingRegion,
  type TimelineStep,
} from '@kaowu/grading';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { findBatch, type ResultsBatch } from '../results/batch.ts';
import { getResultsSettings } from '../results/settings.ts';

export interface BatchTimeline {
  readonly planNumber: string;
  readonly region: FilingRegion;
  readonly regionName: string;
  /** The region's document. */
  readonly source: string;
  readonly examFirstDay: string;
  readonly examLastDay: string;
  readonly today: string;
  readonly steps: readonly TimelineStep[];
}

/** Steps recorded by hand; the two publicities are read from their own records. */
export const MARKABLE_STEPS = ['plan_filed', 'results_filed'] as const satisfies readonly FilingStep[];
export type MarkableStep = (typeof MARKABLE_STEPS)[number];

async function examDays(db: Executor, batch: ResultsBatch): Promise<{ first: string; last: string }> {
  const w = await db
    .selectFrom('exam_windows')
    .select((eb) => [eb.fn.min('starts_at').as('first'), eb.fn.max('ends_at').as('last')])
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  if (!w?.first || !w.last)
    throw fail.invalid(`批次 ${batch.planNumber} 没有考试时间，无法计算备案期限`, 'the batch has no exam window');
  return { first: chinaDate(w.first), last: chinaDate(w.last) };
}

async function doneSteps(ctx: ServiceContext, batch: ResultsBatch, today: string) {
  const done: Partial<Record<FilingStep, FilingDone>> = {};
  const names = new Map(
    (await ctx.db.selectFrom('users').select(['username', 'display_name']).execute()).map((u) => [
      u.username,
      u.display_name,
    ]),
  );
  const who = (username: string) => names.get(username) ?? username;
  for (const r of await ctx.db.selectFrom('filing_steps').selectAll().where('batch_id', '=', batch.id).execute())
    done[r.step as FilingStep] = { on: r.done_on, by: who(r.done_by) };
  const list = await ctx.db
    .selectFrom('candidate_lists')
    .select(['published_on', 'published_by'])
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  if (list) done.candidate_list = { on: list.published_on, by: who(list.published_by) };
  const pub = await ctx.db
    .selectFrom('publicities')
    .select(['published_on', 'working_days', 'count_publication_day'])
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  let publicity: { firstDay: string; lastDay: string } | undefined;
  if (pub) {
    const w = publicityWindow(pub.published_on, pub.working_days, pub.count_publication_day === 1);
    if (!w.ok) throw refuse(w.error, PUBLICITY_ERRORS);
    publicity = { firstDay: w.value.firstDay, lastDay: w.value.lastDay };
    // The publicity is done once its last day has passed.
    if (w.value.lastDay < today) done.results_publicity = { on: w.value.lastDay, by: '' };
  }
  return { done, publicity };
}

/** Reads the timeline without authorising: for the room-opening check and the archive. */
export async function timelineOf(ctx: ServiceContext, batch: ResultsBatch): Promise<BatchTimeline> {
  const settings = await getResultsSettings(ctx);
  const preset = FILING_PRESETS[settings.filingRegion];
  const days = await examDays(ctx.db, batch);
  const today = chinaDate(ctx.now());
  const { done, publicity } = await doneSteps(ctx, batch, today);
  const rules = {
    ...preset.rules,
    publicityWorkingDays: Math.max(preset.rules.publicityWorkingDays, settings.publicityWorkingDays),
  };
  const steps = filingTimeline({
    rules,
    examFirstDay: days.first,
    examLastDay: days.last,
    publicity,
    done,
    today,
  });
  if (!steps.ok) throw refuse(steps.error, PUBLICITY_ERRORS);
  return {
    planNumber: batch.planNumber,
    region: settings.filingRegion,
    regionName: preset.name,
    source: preset.source,
    examFirstDay: days.first,
    examLastDay: days.last,
    today,
    steps: steps.value,
  };
}

/**
 * The batch's filing timeline: each step's due date in Chinese working days under the region's rules (setting
 * `filing.region`), and whether it is done (when and by whom), late or overdue. Refuses (holiday_data_missing)
 * when a date falls in a year without holiday data.
 */
export async function getBatchTimeline(ctx: ServiceContext, by: string, batchRef: string): Promise<BatchTimeline> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'filing.read', { batchId: batch.id });
  return timelineOf(ctx, batch);
}

/** Records a filing step as done on a date (today unless given; never in the future), audited. */
export async function markFilingStep(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  step: string,
  options: { on?: string | undefined } = {},
): Promise<BatchTimeline> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'filing.write', { batchId: batch.id });
  if (!(MARKABLE_STEPS as readonly string[]).includes(step))
    throw fail.invalid(
      `步骤 ${step} 不能手工登记，可登记：${MARKABLE_STEPS.join('、')}（两项公示由公示记录自动完成）`,
      `step ${step} cannot be marked`,
    );
  const today = chinaDate(ctx.now());
  const on = options.on ?? today;
  if (!isoDate.safeParse(on).success) throw fail.invalid(`日期 ${on} 无效，应为 YYYY-MM-DD`, 'invalid date');
  if (on > today) throw fail.invalid(`备案日期 ${on} 晚于今天（${today}）`, 'filing date in the future');
  const existing = await ctx.db
    .selectFrom('filing_steps')
    .select('done_on')
    .where('batch_id', '=', batch.id)
    .where('step', '=', step)
    .executeTakeFirst();
  if (existing)
    throw fail.conflict(`批次 ${batch.planNumber} 的该步骤已于 ${existing.done_on} 登记完成`, 'step already done');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('filing_steps')
      .values({ batch_id: batch.id, step, done_on: on, done_by: by, recorded_at: isoNow(ctx) })
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'filing.mark',
      entity: 'batch',
      entityId: batch.id,
      detail: { step, on },
    });
  });
  return timelineOf(ctx, batch);
}

export { FILING_STEPS };
