import {
  IDENTITY_CHECK_NAMES,
  IDENTITY_UNCHECKED,
  type IdentityCheckStatus,
  SEAT_STATUS_NAMES,
  type SeatStatus,
} from '@kaowu/domain';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';
import { batchForms } from './batches.ts';
import { realnameOfBatch } from './realname-view.ts';
import { formForSeat } from './seating.ts';
import { requireLinesOpen } from './stage.ts';

/** One candidate in the batch's roster table: where they sit, which form, how far they are. */
export interface RosterLine {
  readonly candidateId: string;
  readonly ticket: string;
  readonly name: string;
  readonly idNumber: string;
  readonly sex: string;
  readonly education: string;
  readonly unit: string;
  readonly room: string;
  readonly seat: number;
  /** A, B …; null before papers are attached. */
  readonly form: string | null;
  readonly status: SeatStatus;
  readonly statusName: string;
  /** The candidate's photo (an address the console can show), null when none is on file. */
  readonly photo: string | null;
  /** The proctor's 实名核验 (null: not yet checked), and in words. */
  readonly identity: IdentityCheckStatus | null;
  readonly identityName: string;
  /** The accommodation (便利安排) in words, '' when none. */
  readonly accommodation: string;
}

/** The roster of a batch in room and seat order, for everyone who reads the batch. */
export async function listRoster(ctx: ServiceContext, by: string, batchId: string): Promise<RosterLine[]> {
  await authorize(ctx, by, 'batch.read', { batchId });
  const forms = (await batchForms(ctx.db, batchId)).map((f) => f.form);
  const rows = await ctx.db
    .selectFrom('candidates as c')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .leftJoin('attempts as a', 'a.candidate_id', 'c.id')
    .select([
      'c.id',
      'c.ticket',
      'c.name',
      'c.id_number',
      'c.sex',
      'c.education',
      'c.unit',
      'c.seat',
      'c.absent',
      'r.code',
      'r.columns',
      'a.status',
      'a.paused_since',
    ])
    .where('c.batch_id', '=', batchId)
    .orderBy('r.code')
    .orderBy('c.seat')
    .execute();
  const realname = await realnameOfBatch(ctx.db, batchId);
  return rows.map((c) => {
    const identity = realname.identities.get(c.id) ?? null;
    const status: SeatStatus =
      c.absent === 1
        ? 'absent'
        : c.status === null
          ? 'not_logged_in'
          : c.status === 'in_progress' && c.paused_since !== null
            ? 'paused'
            : c.status;
    return {
      candidateId: c.id,
      ticket: c.ticket,
      name: c.name,
      idNumber: c.id_number,
      sex: c.sex,
      education: c.education,
      unit: c.unit,
      room: c.code,
      seat: c.seat,
      form: formForSeat(c.seat, c.columns, forms),
      status,
      statusName: SEAT_STATUS_NAMES[status],
      photo: realname.photos.has(c.id) ? `/api/candidates/${encodeURIComponent(c.id)}/photo` : null,
      identity,
      identityName: identity ? IDENTITY_CHECK_NAMES[identity] : IDENTITY_UNCHECKED,
      accommodation: realname.accommodations.get(c.id) ?? '',
    };
  });
}

/** What an administrator may correct on one roster line; a seat moves within the candidate's room. */
export const candidateEdit = z
  .strictObject({
    name: z.string().trim().min(1, { message: '姓名不能为空' }).max(50).optional(),
    education: z.string().trim().max(50).optional(),
    unit: z.string().trim().max(200).optional(),
    seat: z.number().int().min(1, { message: '座位号应为正整数' }).optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type CandidateEdit = z.input<typeof candidateEdit>;

const FIELD_NAMES = { name: '姓名', education: '文化程度', unit: '所在单位', seat: '座位号' } as const;

/**
 * Corrects a candidate's roster line (administrators), up to and during the exam, never after it (roster_closed).
 * A seat must exist in the room and be free, and stays as it is once the candidate has logged in (their form
 * follows the seat). Audited with each changed field's before and
 * after; a line that would not change is refused, so the trail holds only real edits.
 */
export async function editCandidate(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  candidateId: string,
  raw: CandidateEdit,
): Promise<RosterLine> {
  await authorize(ctx, by, 'batch.manage', { batchId });
  await requireLinesOpen(ctx.db, batchId);
  const parsed = candidateEdit.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = FIELD_NAMES[issue.path[0] as keyof typeof FIELD_NAMES];
    throw fail.invalid(field ? `${field}：${issue.message}` : issue.message, 'invalid candidate edit');
  }
  const edit = parsed.data;
  await ctx.db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('candidates as c')
      .innerJoin('rooms as r', 'r.id', 'c.room_id')
      .select(['c.id', 'c.name', 'c.education', 'c.unit', 'c.seat', 'c.room_id', 'c.ticket', 'r.code', 'r.seats'])
      .where('c.batch_id', '=', batchId)
      .where('c.id', '=', candidateId)
      .executeTakeFirst();
    if (!c) throw fail.notFound(`考生 ${candidateId} 不在本批次中`, `no candidate ${candidateId} in the batch`);
    const changes: Record<string, { before: string | number; after: string | number }> = {};
    for (const key of ['name', 'education', 'unit', 'seat'] as const) {
      const after = edit[key];
      if (after !== undefined && after !== c[key]) changes[key] = { before: c[key], after };
    }
    if (Object.keys(changes).length === 0) throw fail.invalid(`考生 ${c.ticket} 的信息没有变化`, 'nothing changes');
    if (changes.seat) {
      const seat = edit.seat!;
      if (seat > c.seats) throw fail.invalid(`座位号：考场 ${c.code} 只有 ${c.seats} 个座位`, 'no such seat');
      const other = await trx
        .selectFrom('candidates')
        .select('name')
        .where('room_id', '=', c.room_id)
        .where('seat', '=', seat)
        .executeTakeFirst();
      if (other) throw fail.conflict(`座位号：考场 ${c.code} 座位 ${seat} 已有考生 ${other.name}`, 'seat taken');
      const attempt = await trx
        .selectFrom('attempts')
        .select('id')
        .where('candidate_id', '=', candidateId)
        .executeTakeFirst();
      if (attempt)
        throw fail.conflict(`座位号：考生 ${c.ticket} 已登录考试，座位和卷别不能再改`, 'candidate already logged in');
    }
    await trx
      .updateTable('candidates')
      .set({ name: edit.name, education: edit.education, unit: edit.unit, seat: edit.seat })
      .where('id', '=', candidateId)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'candidate.edit',
      entity: 'candidate',
      entityId: candidateId,
      detail: { ticket: c.ticket, changes },
    });
  });
  return (await listRoster(ctx, by, batchId)).find((l) => l.candidateId === candidateId)!;
}
