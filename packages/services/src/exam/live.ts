import { RETURN_EVENT_KINDS, type RoomStatus, type SeatStatus } from '@kaowu/domain';
import { toJson } from '@kaowu/db';
import { roomById } from './access.ts';
import { deadlineOf, remainingMs } from './clock.ts';
import { RoomLogFeed, type RoomLogEntry } from './room-log.ts';
import { CLOCK_COLUMNS, clockOfRow, paperOf, type ExamRuntime } from './runtime.ts';
import { authorize } from '../shared/authorize.ts';
import { realnameOfRoom, type SeatRealname } from './realname-view.ts';

export { readRoomLog, ROOM_LOG_LIMIT, RoomLogFeed, type RoomLogEntry } from './room-log.ts';

export interface SeatView {
  readonly seat: number;
  readonly candidateId: string;
  readonly ticket: string;
  readonly name: string;
  readonly status: SeatStatus;
  readonly answered: number;
  readonly total: number;
  /** Last request from the candidate's device, if any since the server started. */
  readonly lastHeartbeat: string | null;
  /** Anomalies reported by the candidate's client (a return to fullscreen or to the window is none). */
  readonly events: number;
  /** The latest client event (server time), so the proctor sees a fullscreen exit the moment it happens. */
  readonly lastEvent: { readonly kind: string; readonly at: string } | null;
  readonly remainingSeconds: number | null;
  readonly deadline: string | null;
  /** Pending device transfer (换机) request awaiting approval. */
  readonly transferId: string | null;
  /** 实名制 and accommodation (issue 17): photo, the proctor's check, the start frame, extra time. */
  readonly realname?: SeatRealname;
}

export interface RoomView {
  readonly roomId: string;
  readonly code: string;
  readonly name: string;
  readonly status: RoomStatus;
  readonly paused: boolean;
  readonly serverTime: string;
  readonly seats: readonly SeatView[];
  /** The room's latest audit records, newest first: every proctor action, each start and submission. */
  readonly log: readonly RoomLogEntry[];
}

/**
 * What the proctor's live view shows, per seat, and the room's audit trail. Read in a handful of grouped
 * queries, whatever the room size; a live view passes its own `feed` so each refresh reads only new records.
 */
export async function roomView(
  rt: ExamRuntime,
  by: string,
  roomId: string,
  feed: RoomLogFeed = new RoomLogFeed(rt.ctx.db, roomId),
): Promise<RoomView> {
  await authorize(rt.ctx, by, 'room.run', { roomId });
  const room = await roomById(rt.ctx.db, roomId);
  const db = rt.ctx.db;
  const now = rt.ctx.now().getTime();
  const people = await db
    .selectFrom('candidates as c')
    .leftJoin('attempts as a', 'a.candidate_id', 'c.id')
    .select([
      'c.id',
      'c.seat',
      'c.ticket',
      'c.name',
      'c.absent',
      'a.id as attempt_id',
      'a.status',
      'a.paper_id',
      ...CLOCK_COLUMNS,
    ])
    .where('c.room_id', '=', roomId)
    .orderBy('c.seat')
    .execute();
  const answered = await db
    .selectFrom('answers as x')
    .innerJoin('attempts as a', 'a.id', 'x.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['x.attempt_id', (e) => e.fn.countAll<number>().as('n')])
    .where('c.room_id', '=', roomId)
    .where('x.canonical_json', '!=', toJson(null))
    .groupBy('x.attempt_id')
    .execute();
  const events = await db
    .selectFrom('attempt_events as x')
    .innerJoin('attempts as a', 'a.id', 'x.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['x.attempt_id', (e) => e.fn.countAll<number>().as('n')])
    .where('c.room_id', '=', roomId)
    // Coming back (to fullscreen, the window, the network) ends an anomaly; it is not one.
    .where('x.kind', 'not in', RETURN_EVENT_KINDS)
    .groupBy('x.attempt_id')
    .execute();
  // Each attempt's latest event; events reported together share a server time, the client's time breaks the tie.
  const latest = await db
    .selectFrom('attempt_events as x')
    .innerJoin('attempts as a', 'a.id', 'x.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['x.attempt_id', 'x.kind', 'x.at', 'x.client_at'])
    .where('c.room_id', '=', roomId)
    .where('x.at', '=', (eb) =>
      eb
        .selectFrom('attempt_events as y')
        .select((e) => e.fn.max('y.at').as('m'))
        .whereRef('y.attempt_id', '=', 'x.attempt_id'),
    )
    .execute();
  const lastEventBy = new Map<string, { kind: string; at: string; clientAt: string }>();
  for (const e of latest) {
    const seen = lastEventBy.get(e.attempt_id);
    if (seen === undefined || (e.client_at ?? '') >= seen.clientAt)
      lastEventBy.set(e.attempt_id, { kind: e.kind, at: e.at, clientAt: e.client_at ?? '' });
  }
  const lastEventOf = (attemptId: string) => {
    const e = lastEventBy.get(attemptId);
    return e === undefined ? null : { kind: e.kind, at: e.at };
  };
  const transfers = await db
    .selectFrom('device_transfers as t')
    .innerJoin('attempts as a', 'a.id', 't.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['t.id', 't.attempt_id'])
    .where('c.room_id', '=', roomId)
    .where('t.status', '=', 'pending')
    .orderBy('t.requested_at')
    .execute();
  const totals = new Map<string, number>();
  for (const id of new Set(people.flatMap((p) => (p.paper_id === null ? [] : [p.paper_id]))))
    totals.set(
      id,
      (await paperOf(rt, id)).sections.reduce((n, s) => n + s.items.length, 0),
    );
  const count = (rows: { attempt_id: string; n: number }[]) => new Map(rows.map((r) => [r.attempt_id, Number(r.n)]));
  const answeredBy = count(answered);
  const eventsBy = count(events);
  const transferBy = new Map(transfers.map((t) => [t.attempt_id, t.id]));
  const seats = people.map((p): SeatView => {
    const base = { seat: p.seat, candidateId: p.id, ticket: p.ticket, name: p.name };
    if (p.attempt_id === null || p.duration_ms === null || p.extension_ms === null || p.paused_ms === null)
      return {
        ...base,
        status: p.absent === 1 ? 'absent' : 'not_logged_in',
        answered: 0,
        total: 0,
        lastHeartbeat: null,
        events: 0,
        lastEvent: null,
        remainingSeconds: null,
        deadline: null,
        transferId: null,
      };
    const seen = rt.presence.get(p.attempt_id);
    const activity = {
      answered: answeredBy.get(p.attempt_id) ?? 0,
      total: totals.get(p.paper_id ?? '') ?? 0,
      lastHeartbeat: seen === undefined ? null : new Date(seen).toISOString(),
      events: eventsBy.get(p.attempt_id) ?? 0,
      lastEvent: lastEventOf(p.attempt_id),
      transferId: transferBy.get(p.attempt_id) ?? null,
    };
    // Logged in, reading the confirmation screen: no clock runs until the candidate starts.
    // Submitted without ever starting (the window closed on the confirmation screen): submitted, no clock.
    if (p.started_at === null)
      return {
        ...base,
        ...activity,
        ...(p.status === 'submitted'
          ? { status: 'submitted', remainingSeconds: 0 }
          : { status: 'not_started', remainingSeconds: null }),
        deadline: null,
      };
    const clock = clockOfRow({
      started_at: p.started_at,
      duration_ms: p.duration_ms,
      extension_ms: p.extension_ms,
      paused_ms: p.paused_ms,
      paused_since: p.paused_since,
    });
    const submitted = p.status === 'submitted';
    const deadline = deadlineOf(clock);
    return {
      ...base,
      ...activity,
      status: submitted ? 'submitted' : clock.pausedSince !== null ? 'paused' : 'in_progress',
      remainingSeconds: submitted ? 0 : Math.floor(remainingMs(clock, now) / 1000),
      deadline: deadline === null ? null : new Date(deadline).toISOString(),
    };
  });
  const realname = await realnameOfRoom(db, roomId);
  return {
    roomId,
    code: room.code,
    name: room.name,
    status: room.status,
    paused: room.paused_at !== null,
    serverTime: new Date(now).toISOString(),
    seats: seats.map((s) => ({ ...s, realname: realname.get(s.candidateId) })),
    log: await feed.read(),
  };
}
