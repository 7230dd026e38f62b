import type { RoomStatus } from '@kaowu/domain';
import type { Executor } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { fail } from '../failures.ts';
import { loadActor } from '../users.ts';

export interface RoomRow {
  readonly id: string;
  readonly batch_id: string;
  readonly code: string;
  readonly name: string;
  readonly seats: number;
  readonly columns: number;
  readonly window_id: string;
  readonly status: RoomStatus;
  readonly paused_at: string | null;
}

export async function roomById(db: Executor, roomId: string): Promise<RoomRow> {
  const room = await db
    .selectFrom('rooms')
    .select(['id', 'batch_id', 'code', 'name', 'seats', 'columns', 'window_id', 'status', 'paused_at'])
    .where('id', '=', roomId)
    .executeTakeFirst();
  if (!room) throw fail.notFound(`考场 ${roomId} 不存在`, `no room ${roomId}`);
  return room;
}

/**
 * Who may run a room: an administrator, or a proctor assigned to that room (or to the whole batch).
 * A proctor of another room or batch gets a clear refusal, never a view of the room.
 */
export async function requireRoomProctor(
  ctx: ServiceContext,
  by: string,
  roomId: string,
  db: Executor = ctx.db,
): Promise<RoomRow> {
  const actor = await loadActor(ctx, by);
  const room = await roomById(db, roomId);
  if (actor.roles.includes('administrator')) return room;
  if (actor.roles.includes('proctor')) {
    const duty = await db
      .selectFrom('batch_staff')
      .select('username')
      .where('batch_id', '=', room.batch_id)
      .where('username', '=', by)
      .where('duty', '=', 'proctor')
      .where('room_id', 'in', [room.id, ''])
      .executeTakeFirst();
    if (duty) return room;
  }
  throw fail.forbidden(
    `用户 ${by} 不是考场 ${room.code} 的监考，无权操作`,
    `${by} is not a proctor of room ${room.code}`,
  );
}

/** Administrators see every batch; staff of a batch (proctors, assessors, supervisors) see their own. */
export async function requireBatchStaff(ctx: ServiceContext, by: string, batchId: string): Promise<void> {
  const actor = await loadActor(ctx, by);
  if (actor.roles.includes('administrator')) return;
  const duty = await ctx.db
    .selectFrom('batch_staff')
    .select('username')
    .where('batch_id', '=', batchId)
    .where('username', '=', by)
    .executeTakeFirst();
  if (!duty) throw fail.forbidden(`用户 ${by} 不是该批次的工作人员`, `${by} is not on the staff of batch ${batchId}`);
}
