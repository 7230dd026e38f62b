import { ACCOMMODATION_LIMITS, type Accommodation, NO_ACCOMMODATION } from '@kaowu/domain';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { requireLinesOpen } from './stage.ts';

export const accommodationInput = z.strictObject({
  extraMinutes: z
    .number()
    .int({ message: '延时应为整数分钟' })
    .min(0, { message: '延时不能为负' })
    .max(ACCOMMODATION_LIMITS.maxExtraMinutes, { message: `延时最多 ${ACCOMMODATION_LIMITS.maxExtraMinutes} 分钟` }),
  timeFactor: z
    .number()
    .min(1, { message: '时间倍数不能小于 1' })
    .max(ACCOMMODATION_LIMITS.maxFactor, { message: `时间倍数最多 ${ACCOMMODATION_LIMITS.maxFactor}` }),
  largeFont: z.boolean(),
});

const isNone = (a: Accommodation): boolean => a.extraMinutes === 0 && a.timeFactor === 1 && !a.largeFont;

/** Stores (or, when it grants nothing, removes) a candidate's accommodation inside the caller's transaction. */
export async function writeAccommodation(
  trx: Executor,
  ctx: ServiceContext,
  by: string,
  candidateId: string,
  a: Accommodation,
): Promise<void> {
  await trx.deleteFrom('candidate_accommodations').where('candidate_id', '=', candidateId).execute();
  if (isNone(a)) return;
  await trx
    .insertInto('candidate_accommodations')
    .values({
      candidate_id: candidateId,
      extra_minutes: a.extraMinutes,
      time_factor: a.timeFactor,
      large_font: a.largeFont ? 1 : 0,
      updated_by: by,
      updated_at: isoNow(ctx),
    })
    .execute();
}

/** A candidate's accommodation (none when no row). */
export async function accommodationOf(db: Executor, candidateId: string): Promise<Accommodation> {
  const row = await db
    .selectFrom('candidate_accommodations')
    .select(['extra_minutes', 'time_factor', 'large_font'])
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  return row ? fromRow(row) : NO_ACCOMMODATION;
}

export const fromRow = (row: { extra_minutes: number; time_factor: number; large_font: number }): Accommodation => ({
  extraMinutes: row.extra_minutes,
  timeFactor: row.time_factor,
  largeFont: row.large_font === 1,
});

/**
 * Sets a candidate's accommodation (the administrator, before the candidate starts: the server applies the extra
 * time when the clock starts; after that a proctor's 延时 is the tool; after the exam nothing, roster_closed).
 * Audited with the before and after.
 */
export async function setAccommodation(
  ctx: ServiceContext,
  by: string,
  candidateId: string,
  input: Accommodation,
): Promise<Accommodation> {
  const candidate = await ctx.db
    .selectFrom('candidates')
    .select(['batch_id', 'ticket'])
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!candidate) throw fail.notFound(`考生 ${candidateId} 不存在`, `no candidate ${candidateId}`);
  await authorize(ctx, by, 'batch.manage', { batchId: candidate.batch_id });
  await requireLinesOpen(ctx.db, candidate.batch_id);
  const started = await ctx.db
    .selectFrom('attempts')
    .select('id')
    .where('candidate_id', '=', candidateId)
    .where('status', '!=', 'not_started')
    .executeTakeFirst();
  if (started)
    throw fail.conflict(
      `考生 ${candidate.ticket} 已开始答题，不能再修改便利安排；如需加时请由监考员延时`,
      'the candidate has started',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const before = await accommodationOf(trx, candidateId);
    await writeAccommodation(trx, ctx, by, candidateId, input);
    await audit(trx, ctx, {
      actor: by,
      action: 'candidate.accommodation',
      entity: 'candidate',
      entityId: candidateId,
      detail: { ticket: candidate.ticket, before, after: input },
    });
    return input;
  });
}
