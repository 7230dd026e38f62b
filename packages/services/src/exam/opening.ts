import { KaowuError } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
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
  const lastDay = await candidateListRunning(ctx.db, room.batch_id, ctx.now());
  if (lastDay === undefined) return {};
  if (reason === undefined)
    throw new KaowuError(
      'candidate_list_open',
      `考生名单公示期至 ${lastDay} 结束，期满后方可开考；确需提前开考的，须由考务管理员填写书面理由`,
      `the candidate list is published until ${lastDay}`,
    );
  const actor = await loadActor(ctx, by);
  if (!actor.roles.includes('administrator'))
    throw fail.forbidden('提前开考须由考务管理员填写书面理由', 'only an administrator may open early');
  return { earlyOpening: { reason, listEndsOn: lastDay } };
}
