import { fromJson } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';

/** How many of a room's latest audit records the live view carries. */
export const ROOM_LOG_LIMIT = 50;

/**
 * One record of a room's audit trail as the proctor's board shows it: who did what, to which seat, when. The
 * record itself stays in `audit_log` (hash-chained); this is a read of it, joined to the seat it concerns.
 */
export interface RoomLogEntry {
  readonly seq: number;
  readonly at: string;
  /** A staff username, `candidate:<准考证号>`, or `system`. */
  readonly actor: string;
  /** The staff member's display name; null for candidates and the system. */
  readonly actorName: string | null;
  /**
   * The audit action: `room.open`, `room.pause`, `attempt.extend`, `attempt.transfer`, `attempt.submit`,
   * `room.incident`…
   */
  readonly action: string;
  /** The candidate (seat) the record is about; null for the whole room. */
  readonly candidateId: string | null;
  readonly seat: number | null;
  readonly name: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  /** The note's text, for `room.incident`. */
  readonly note: string | null;
}

/** Candidate records that belong on the exam board (the results screens audit candidates too). */
const CANDIDATE_ACTIONS = ['candidate.absent', 'candidate.present'];

/**
 * A room's audit records with seq in (after, upTo], newest first, at most `limit`. Each branch of the condition
 * is a range of audit_log's (entity, entity_id, seq) index (migration 0009), so the read costs the room's records,
 * not the log's; `RoomLogFeed` then reads only the records appended since.
 */
export async function readRoomLog(
  db: Executor,
  roomId: string,
  range: { after?: number; upTo?: number; limit?: number } = {},
): Promise<RoomLogEntry[]> {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.username', 'l.actor')
    .select(['l.seq', 'l.at', 'l.actor', 'l.action', 'l.entity', 'l.entity_id', 'l.detail_json', 'u.display_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('l.entity', '=', 'room'), eb('l.entity_id', '=', roomId)]),
        eb.and([
          eb('l.entity', '=', 'attempt'),
          eb(
            'l.entity_id',
            'in',
            eb
              .selectFrom('attempts as a')
              .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
              .select('a.id')
              .where('c.room_id', '=', roomId),
          ),
        ]),
        eb.and([
          eb('l.entity', '=', 'candidate'),
          eb('l.action', 'in', CANDIDATE_ACTIONS),
          eb('l.entity_id', 'in', eb.selectFrom('candidates').select('id').where('room_id', '=', roomId)),
        ]),
      ]),
    )
    .orderBy('l.seq', 'desc')
    .limit(range.limit ?? ROOM_LOG_LIMIT);
  if (range.after !== undefined) q = q.where('l.seq', '>', range.after);
  if (range.upTo !== undefined) q = q.where('l.seq', '<=', range.upTo);
  const rows = await q.execute();
  if (rows.length === 0) return [];

  const details = rows.map((r) => fromJson(r.detail_json));
  const attemptIds = rows.filter((r) => r.entity === 'attempt').map((r) => r.entity_id);
  const incidentIds = details.flatMap((d, i) =>
    rows[i]!.action === 'room.incident' && typeof d.incident === 'string' ? [d.incident] : [],
  );
  const owners =
    attemptIds.length === 0
      ? []
      : await db.selectFrom('attempts').select(['id', 'candidate_id']).where('id', 'in', attemptIds).execute();
  const candidateOfAttempt = new Map(owners.map((o) => [o.id, o.candidate_id]));
  const notes =
    incidentIds.length === 0
      ? []
      : await db
          .selectFrom('incidents')
          .select(['id', 'note', 'candidate_id'])
          .where('id', 'in', incidentIds)
          .execute();
  const noteBy = new Map(notes.map((n) => [n.id, n]));
  const candidateOf = (i: number): string | null => {
    const r = rows[i]!;
    if (r.entity === 'attempt') return candidateOfAttempt.get(r.entity_id) ?? null;
    if (r.entity === 'candidate') return r.entity_id;
    const c = details[i]!.candidate;
    return typeof c === 'string' ? c : null;
  };
  const candidateIds = [...new Set(rows.map((_, i) => candidateOf(i)).filter((c): c is string => c !== null))];
  const people =
    candidateIds.length === 0
      ? []
      : await db.selectFrom('candidates').select(['id', 'seat', 'name']).where('id', 'in', candidateIds).execute();
  const personBy = new Map(people.map((p) => [p.id, p]));
  return rows.map((r, i): RoomLogEntry => {
    const candidateId = candidateOf(i);
    const person = candidateId === null ? undefined : personBy.get(candidateId);
    const incident = details[i]!.incident;
    return {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      actorName: r.display_name ?? null,
      action: r.action,
      candidateId,
      seat: person?.seat ?? null,
      name: person?.name ?? null,
      detail: details[i]!,
      note: r.action === 'room.incident' && typeof incident === 'string' ? (noteBy.get(incident)?.note ?? null) : null,
    };
  });
}

/**
 * A room's latest audit records for one live view: the first read looks back, every later read takes only the
 * records appended since the log head it last saw, so a refresh every half second costs an index range scan.
 */
export class RoomLogFeed {
  private entries: readonly RoomLogEntry[] = [];
  private head: number | undefined;

  constructor(
    private readonly db: Executor,
    private readonly roomId: string,
    private readonly limit = ROOM_LOG_LIMIT,
  ) {}

  async read(): Promise<readonly RoomLogEntry[]> {
    const last = await this.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const upTo = last?.seq ?? 0;
    if (upTo === this.head) return this.entries;
    // Records are numbered in commit order, so none at or below the head seen can appear later.
    const fresh = await readRoomLog(this.db, this.roomId, {
      ...(this.head === undefined ? {} : { after: this.head }),
      upTo,
      limit: this.limit,
    });
    this.entries = [...fresh, ...this.entries].slice(0, this.limit);
    this.head = upTo;
    return this.entries;
  }
}
