import { isRole, KaowuError, personLabel, STAFF_DUTIES } from '@kaowu/domain';
import { type Database, fromJson, toJson } from '@kaowu/db';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { batchStarted, replaceStaff, staffAssignment, type StaffAssignment } from './batches.ts';

/**
 * Staff frozen once the exam starts (Nanxun: 认定时不得随意更改考评人员、内部质量督导人员): after a batch's first
 * room opened, an administrator proposes the whole new staff list with a written reason, and it applies only when
 * one of the batch's supervisors — a second person — confirms it. Both steps are audited.
 */

export const staffChangeInput = z.strictObject({
  staff: z.array(staffAssignment),
  reason: z.string().trim().min(1, { message: '请填写更改工作人员的书面理由' }).max(2000),
});
export type StaffChangeInput = z.input<typeof staffChangeInput>;

export interface StaffChange {
  readonly id: string;
  /** The whole proposed list, each person with their name (the login name when the account is unknown). */
  readonly staff: readonly (StaffAssignment & { readonly name: string })[];
  readonly reason: string;
  readonly proposedBy: string;
  /** 姓名（角色）, as the console's header names people: 周敏（考务管理员）. */
  readonly proposedByName: string;
  readonly proposedAt: string;
  readonly confirmedBy: string | null;
  /** 钱敏（内部督导员）; null while pending. */
  readonly confirmedByName: string | null;
  readonly confirmedAt: string | null;
}

/** An administrator's proposal; refused before the batch has started (change the staff directly then). */
export async function proposeStaffChange(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  raw: StaffChangeInput,
): Promise<StaffChange> {
  await authorize(ctx, by, 'batch.manage', { batchId });
  const input = staffChangeInput.parse(raw);
  if (!(await batchStarted(ctx.db, batchId)))
    throw fail.conflict('本批次尚未开考，可直接安排工作人员', 'the batch has not started: set the staff directly');
  const supervisors = input.staff.filter((s) => s.duty === 'supervisor');
  if (supervisors.length === 0)
    throw fail.invalid('更改后的名单中没有内部督导员', 'the new staff list has no supervisor');
  const change = {
    id: ctx.newId(),
    batch_id: batchId,
    staff_json: toJson(input.staff),
    reason: input.reason,
    proposed_by: by,
    proposed_at: isoNow(ctx),
    confirmed_by: null,
    confirmed_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('staff_changes').values(change).execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.staff_change.propose',
      entity: 'staff_change',
      entityId: change.id,
      detail: { batchId, reason: input.reason, staff: input.staff.map((s) => `${s.username}:${s.duty}`).sort() },
    });
  });
  return view(ctx.db, change);
}

type StaffChangeRow = Selectable<Database['staff_changes']>;

/** Staff changes as people read them: everyone by name, the proposer and confirmer by name and role. */
async function views(db: Executor, batchId: string, rows: readonly StaffChangeRow[]): Promise<StaffChange[]> {
  const lists = rows.map((r) => fromJson(r.staff_json));
  const usernames = [
    ...new Set([...rows.flatMap((r) => [r.proposed_by, r.confirmed_by ?? '']), ...lists.flat().map((s) => s.username)]),
  ];
  const users = await db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('username', 'in', usernames.concat(['']))
    .execute();
  const roles = await db
    .selectFrom('user_roles')
    .select(['username', 'role'])
    .where('username', 'in', usernames.concat(['']))
    .execute();
  const duties = await db
    .selectFrom('batch_staff')
    .select(['username', 'duty'])
    .where('batch_id', '=', batchId)
    .execute();
  const nameOf = new Map(users.map((u) => [u.username, u.display_name]));
  const name = (username: string): string => nameOf.get(username) || username;
  const label = (username: string): string =>
    personLabel(
      name(username),
      roles
        .filter((r) => r.username === username)
        .map((r) => r.role)
        .filter(isRole),
      STAFF_DUTIES.filter((d) => duties.some((x) => x.username === username && x.duty === d)),
    );
  return rows.map((r, i) => ({
    id: r.id,
    staff: lists[i]!.map((s) => ({ ...s, name: name(s.username) })),
    reason: r.reason,
    proposedBy: r.proposed_by,
    proposedByName: label(r.proposed_by),
    proposedAt: r.proposed_at,
    confirmedBy: r.confirmed_by,
    confirmedByName: r.confirmed_by === null ? null : label(r.confirmed_by),
    confirmedAt: r.confirmed_at,
  }));
}
const view = async (db: Executor, r: StaffChangeRow): Promise<StaffChange> => (await views(db, r.batch_id, [r]))[0]!;

/** The batch's staff changes after the start, newest first: administrators and the batch's staff read them. */
export async function listStaffChanges(ctx: ServiceContext, by: string, batchId: string): Promise<StaffChange[]> {
  await authorize(ctx, by, 'batch.read', { batchId });
  const rows = await ctx.db
    .selectFrom('staff_changes')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('proposed_at', 'desc')
    .execute();
  return views(ctx.db, batchId, rows);
}

/**
 * A supervisor of the batch confirms a pending change, which then replaces the staff list. The proposer cannot
 * confirm their own change even when they are also a supervisor (the point is a second person).
 */
export async function confirmStaffChange(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  changeId: string,
): Promise<StaffChange> {
  await authorize(ctx, by, 'staff.confirm', { batchId });
  const row = await ctx.db
    .selectFrom('staff_changes')
    .selectAll()
    .where('id', '=', changeId)
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  if (!row) throw fail.notFound(`没有工作人员更改申请 ${changeId}`, `no staff change ${changeId}`);
  if (row.confirmed_by !== null)
    throw fail.conflict(`该申请已由 ${row.confirmed_by} 于 ${row.confirmed_at} 确认`, 'already confirmed');
  if (row.proposed_by === by)
    throw new KaowuError('forbidden', '提出更改的人不能自己确认，须由本批次另一名内部督导员确认', 'a second person');
  const at = isoNow(ctx);
  await replaceStaff(ctx, batchId, fromJson(row.staff_json), async (trx) => {
    await trx
      .updateTable('staff_changes')
      .set({ confirmed_by: by, confirmed_at: at })
      .where('id', '=', changeId)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.staff_change.confirm',
      entity: 'staff_change',
      entityId: changeId,
      detail: { batchId, reason: row.reason, proposedBy: row.proposed_by },
    });
  });
  return view(ctx.db, { ...row, confirmed_by: by, confirmed_at: at });
}
