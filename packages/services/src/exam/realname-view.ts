import { type Accommodation, accommodationText, type IdentityCheckStatus, type StartFrameOutcome } from '@kaowu/domain';
import type { Executor } from '../audit/writer.ts';
import { fromRow } from './accommodations.ts';

/** Who in a batch has a photo, each accommodation in words and each identity check: seat plan, roster table. */
export async function realnameOfBatch(db: Executor, batchId: string) {
  const photos = await db
    .selectFrom('candidate_photos as p')
    .innerJoin('candidates as c', 'c.id', 'p.candidate_id')
    .select('c.id')
    .where('c.batch_id', '=', batchId)
    .execute();
  const accommodations = await db
    .selectFrom('candidate_accommodations as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['c.id', 'a.extra_minutes', 'a.time_factor', 'a.large_font'])
    .where('c.batch_id', '=', batchId)
    .execute();
  const checks = await db
    .selectFrom('identity_checks as i')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .select(['c.id', 'i.status'])
    .where('c.batch_id', '=', batchId)
    .execute();
  return {
    photos: new Set(photos.map((p) => p.id)),
    accommodations: new Map(accommodations.map((a) => [a.id, accommodationText(fromRow(a))])),
    identities: new Map<string, IdentityCheckStatus>(checks.map((c) => [c.id, c.status])),
  };
}

/** What the seat tile shows for 实名制: the photo, the proctor's check, the 开始答题 frame, the accommodation. */
export interface SeatRealname {
  readonly photo: boolean;
  /** null: not yet checked. */
  readonly identity: IdentityCheckStatus | null;
  readonly identityNote: string | null;
  /** The webcam frame at 开始答题 (null: none asked for, or not started yet). */
  readonly frame: StartFrameOutcome | null;
  readonly frameReason: string | null;
  readonly accommodation: Accommodation | null;
  /** The accommodation in words, so the proctor sees why this seat's deadline is later ('' when none). */
  readonly accommodationText: string;
}

/** SeatRealname of every candidate of a room, by candidate id, in four grouped queries. */
export async function realnameOfRoom(db: Executor, roomId: string): Promise<Map<string, SeatRealname>> {
  const photos = await db
    .selectFrom('candidate_photos as p')
    .innerJoin('candidates as c', 'c.id', 'p.candidate_id')
    .select('c.id')
    .where('c.room_id', '=', roomId)
    .execute();
  const accommodations = await db
    .selectFrom('candidate_accommodations as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['c.id', 'a.extra_minutes', 'a.time_factor', 'a.large_font'])
    .where('c.room_id', '=', roomId)
    .execute();
  const checks = await db
    .selectFrom('identity_checks as i')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .select(['c.id', 'i.status', 'i.note'])
    .where('c.room_id', '=', roomId)
    .execute();
  const frames = await db
    .selectFrom('start_frames as f')
    .innerJoin('candidates as c', 'c.id', 'f.candidate_id')
    .select(['c.id', 'f.outcome', 'f.reason'])
    .where('c.room_id', '=', roomId)
    .execute();
  const people = await db.selectFrom('candidates').select('id').where('room_id', '=', roomId).execute();
  const photoSet = new Set(photos.map((p) => p.id));
  const accBy = new Map(accommodations.map((a) => [a.id, fromRow(a)]));
  const checkBy = new Map(checks.map((c) => [c.id, c]));
  const frameBy = new Map(frames.map((f) => [f.id, f]));
  return new Map(
    people.map(({ id }) => {
      const acc = accBy.get(id) ?? null;
      return [
        id,
        {
          photo: photoSet.has(id),
          identity: checkBy.get(id)?.status ?? null,
          identityNote: checkBy.get(id)?.note ?? null,
          frame: frameBy.get(id)?.outcome ?? null,
          frameReason: frameBy.get(id)?.reason ?? null,
          accommodation: acc,
          accommodationText: acc ? accommodationText(acc) : '',
        },
      ];
    }),
  );
}
