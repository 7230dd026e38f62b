import type { RoomStatus } from '@kaowu/domain';
import type { Executor } from '../audit/writer.ts';
import { fail } from '../shared/failures.ts';

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

/** Attempts (`a`) joined to their candidate (`c`), room (`r`) and exam window (`w`); select and filter on it. */
export function attemptsWithWindow(db: Executor) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .innerJoin('exam_windows as w', 'w.id', 'r.window_id');
}
