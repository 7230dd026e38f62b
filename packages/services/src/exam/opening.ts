import { chinaDate, KaowuError } from '@kaowu/domain';
import { FILING_PRESETS, workingDayBefore } from '@kaowu/grading';
import type { ServiceContext } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { loadActor } from '../accounts/users.ts';
import { candidateListRunning } from '../results/candidate-list.ts';
import { getResultsSettings } from '../results/settings.ts';

/**
 * What the first opening of a room needs (Nanxun): the batch's internal supervisors, at least
 * `staffing.minSupervisors` (2) for its occupation — a batch is one occupation — and the candidate list's
 * publicity ended. Answers the audit detail: the administrator's written reason when opening early.
 */
export async function openingChecks(
  ctx: ServiceContext,
  by: string,
  roomId: string,
  reason: string | undefined,
): Promise<Record<string, unknown>> {
  const room = await ctx.db
    .selectFrom('rooms as r')
    .innerJoin('batches as b', 'b.id', 'r.batch_id')
    .leftJoin('occupations as o', 'o.code', 'b.occupation_code')
    .select(['r.batch_id', 'r.opened_at', 'b.occupation_code', 'o.name as occupation'])
    .where('r.id', '=', roomId)
    .executeTakeFirst();
  if (!room) throw fail.notFound(`考场 ${roomId} 不存在`, `no room ${roomId}`);
  if (room.opened_at !== null) return {};
  const { minSupervisors } = await getResultsSettings(ctx);
  const supervisors = await ctx.db
    .selectFrom('batch_staff')
    .select('username')
    .distinct()
    .where('batch_id', '=', room.batch_id)
    .where('duty', '=', 'supervisor')
    .execute();
  if (supervisors.length < minSupervisors)
    throw new KaowuError(
      'supervisors_missing',
      `本批次（${room.occupation ?? room.occupation_code}）只有 ${supervisors.length} 名内部督导员，开考须每个职业至少 ${minSupervisors} 名`,
      `${supervisors.length} internal supervisors; opening needs ${minSupervisors}`,
    );
  const lateFiling = await planFiledLate(ctx, room.batch_id);
  const lastDay = await candidateListRunning(ctx.db, room.batch_id, ctx.now());
  if (lastDay === undefined && lateFiling === undefined) return {};
  if (reason === undefined) {
    if (lastDay !== undefined)
      throw new KaowuError(
        'candidate_list_open',
        `考生名单公示期至 ${lastDay} 结束，期满后方可开考；确需提前开考的，须由考务管理员填写书面理由`,
        `the candidate list is published until ${lastDay}`,
      );
    throw new KaowuError(
      'plan_filing_overdue',
      `认定计划应于 ${lateFiling!.dueOn} 前备案，${lateFiling!.filedOn === null ? '至今未登记备案' : `实际于 ${lateFiling!.filedOn} 备案`}；` +
        '开考须由考务管理员填写书面说明',
      `the plan was due for filing on ${lateFiling!.dueOn}`,
    );
  }
  const actor = await loadActor(ctx, by);
  if (!actor.roles.includes('administrator'))
    throw fail.forbidden(
      lastDay !== undefined ? '提前开考须由考务管理员填写书面理由' : '计划未按期备案，开考须由考务管理员填写书面说明',
      'only an administrator may open with a reason',
    );
  return {
    ...(lastDay === undefined ? {} : { earlyOpening: { reason, listEndsOn: lastDay } }),
    ...(lateFiling === undefined ? {} : { lateFiling: { reason, ...lateFiling } }),
  };
}

/**
 * When the region sets a plan-filing deadline and the plan was not filed by it (not yet, or later): the due date
 * and the filing date. Opening a room then needs an administrator's written reason.
 */
async function planFiledLate(
  ctx: ServiceContext,
  batchId: string,
): Promise<{ dueOn: string; filedOn: string | null } | undefined> {
  const settings = await getResultsSettings(ctx);
  const days = FILING_PRESETS[settings.filingRegion].rules.planWorkingDays;
  if (days === null) return undefined;
  const window = await ctx.db
    .selectFrom('exam_windows')
    .select((eb) => eb.fn.min('starts_at').as('first'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  if (!window?.first) return undefined;
  const due = workingDayBefore(chinaDate(window.first), days);
  if (!due.ok) throw refuse(due.error, PUBLICITY_ERRORS);
  const filed = await ctx.db
    .selectFrom('filing_steps')
    .select('done_on')
    .where('batch_id', '=', batchId)
    .where('step', '=', 'plan_filed')
    .executeTakeFirst();
  if (filed !== undefined && filed.done_on <= due.value) return undefined;
  return { dueOn: due.value, filedOn: filed?.done_on ?? null };
}
