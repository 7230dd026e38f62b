import { type Database, isPostgres } from '@kaowu/db';
import { type Accommodation, KaowuError, NO_ACCOMMODATION, type Paper } from '@kaowu/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { audit } from '../audit/writer.ts';
import { attemptsWithWindow } from './access.ts';
import { fromRow } from './accommodations.ts';
import { attemptState, ownAttempt, stateAt, type AttemptState, type CandidateAuth } from './attempts.ts';
import { deadlineOf, startClock, type AttemptClock } from './clock.ts';
import { coalesced } from './coalesce.ts';
import { clockColumns, paperOf, type ExamRuntime, type LiveAttempt } from './runtime.ts';

/**
 * 开始答题: starts the attempt's clock at the server's time — the paper's duration, never past the end of the
 * room's exam window; paused from the start if the proctor has paused the room. Idempotent: an attempt that
 * already runs (another click, a retry after a lost answer, a new device after a transfer) keeps its clock.
 * Refused once the window has ended (the expiry sweep then submits the unstarted attempt) and for a candidate
 * marked absent. Returns the state, as GET …/state would.
 */
export async function startAttempt(rt: ExamRuntime, auth: CandidateAuth, attemptId: string): Promise<AttemptState> {
  const attempt = ownAttempt(auth, attemptId);
  if (attempt.status === 'not_started') {
    const { ctx } = rt;
    const paper = rt.papers.get(attempt.paperId) ?? (await paperOf(rt, attempt.paperId));
    const started = await startWriter(rt)({ attempt, paper });
    // The cached attempt follows the commit, as the proctor's clock changes do (a concurrent start found it started).
    if (started !== null && attempt.status === 'not_started') {
      attempt.clock = started.clock;
      attempt.status = 'in_progress';
      rt.hub.changed(attempt.roomId);
      // Nothing to read back: an attempt that had not started holds no answers (saves were refused).
      return stateAt(attempt, ctx.now().getTime(), {
        answers: [],
        roomPaused: started.roomPaused,
        windowEndsAt: started.endsAt,
        accommodation: started.accommodation,
        submittedAt: null,
      });
    }
  }
  return attemptState(rt, auth, attemptId);
}

interface StartWrite {
  readonly attempt: LiveAttempt;
  readonly paper: Paper;
}

/** A started clock; null when the attempt was started (or submitted) already, by a request queued before. */
type Started = { clock: AttemptClock; roomPaused: boolean; endsAt: number; accommodation: Accommodation } | null;

const startWriters = new WeakMap<ExamRuntime, (w: StartWrite) => Promise<Started>>();

/** The starts of one turn of the event loop, written by one group-commit work (see startWrites). */
function startWriter(rt: ExamRuntime): (w: StartWrite) => Promise<Started> {
  let writer = startWriters.get(rt);
  if (writer === undefined) {
    writer = coalesced<StartWrite, Started>(async (writes) => {
      try {
        return await rt.commit.write((trx) => startWrites(rt, trx, writes));
      } catch (e) {
        // Nothing committed: no notification of these starts will come.
        for (const w of writes) rt.ownStarts.delete(w.attempt.id);
        throw e;
      }
    });
    startWriters.set(rt, writer);
  }
  return writer;
}

/** Rows per statement: the update binds 11 parameters a row, far below SQLite's 32,766 and PostgreSQL's 65,535. */
const CHUNK = 500;

/**
 * Starts the clocks of many attempts in one transaction with two statements per 500 (a room starting at once:
 * one round trip each on PostgreSQL): one select of everything the starts depend on — status, absence, room
 * pause, window end and accommodation, read inside the transaction — and one update of every started clock
 * (on PostgreSQL; SQLite updates each row with one cached statement). A refusal (absent, window over) is a value for that candidate alone: nothing is written for it.
 */
async function startWrites(
  rt: ExamRuntime,
  trx: Transaction<Database>,
  writes: readonly StartWrite[],
): Promise<(Started | KaowuError)[]> {
  const { ctx } = rt;
  const ids = [...new Set(writes.map((w) => w.attempt.id))];
  const rows = new Map<string, Awaited<ReturnType<typeof startFacts>>[number]>();
  for (let k = 0; k < ids.length; k += CHUNK)
    for (const r of await startFacts(trx, ids.slice(k, k + CHUNK))) rows.set(r.id, r);
  // Read inside the transaction: the start time is when the clock's row is written.
  const now = ctx.now().getTime();
  const results: (Started | KaowuError)[] = [];
  const clocks: { id: string; clock: AttemptClock }[] = [];
  for (const { attempt, paper } of writes) {
    const row = rows.get(attempt.id);
    if (row === undefined) throw new Error(`attempt ${attempt.id} is not in the database`);
    // Started (or submitted) by a request queued just before this one: nothing left to do.
    if (row.status !== 'not_started') {
      results.push(null);
      continue;
    }
    if (row.absent === 1) {
      results.push(new KaowuError('candidate_absent', '您已被登记为缺考，请联系监考员', 'candidate marked absent'));
      continue;
    }
    const endsAt = Date.parse(row.ends_at);
    if (now >= endsAt) {
      results.push(
        new KaowuError(
          'outside_window',
          '本场考试时间已结束，不能再开始答题，请联系监考员',
          `the exam window ended at ${row.ends_at}`,
        ),
      );
      continue;
    }
    const accommodation =
      row.extra_minutes === null || row.time_factor === null || row.large_font === null
        ? NO_ACCOMMODATION
        : fromRow({ extra_minutes: row.extra_minutes, time_factor: row.time_factor, large_font: row.large_font });
    const roomPaused = row.paused_at !== null;
    const clock = startClock(now, paper.durationMinutes, endsAt, roomPaused, accommodation);
    // A second start of the same attempt in this group finds it started.
    row.status = 'in_progress';
    clocks.push({ id: attempt.id, clock });
    const deadline = deadlineOf(clock);
    await audit(trx, ctx, {
      actor: `candidate:${row.ticket}`,
      action: 'attempt.start',
      entity: 'attempt',
      entityId: attempt.id,
      detail: {
        device: attempt.deviceId,
        durationMs: clock.durationMs,
        deadline: deadline === null ? null : new Date(deadline).toISOString(),
        roomPaused,
        ...(accommodation === NO_ACCOMMODATION ? {} : { accommodation }),
      },
    });
    results.push({ clock, roomPaused, endsAt, accommodation });
  }
  const startedAt = new Date(now).toISOString();
  const pg = isPostgres(trx as unknown as Kysely<unknown>);
  // Registered before the commit, so the notification cannot overtake it (see ExamRuntime.ownStarts).
  if (pg) for (const c of clocks) rt.ownStarts.add(c.id);
  // SQLite (in process, no round trips): one cached statement per attempt beats a CASE that grows with the group.
  if (!pg)
    for (const c of clocks)
      await trx
        .updateTable('attempts')
        .set({ status: 'in_progress', started_at: startedAt, ...clockColumns(c.clock) })
        .where('id', '=', c.id)
        .execute();
  for (let k = 0; pg && k < clocks.length; k += CHUNK) {
    const chunk = clocks.slice(k, k + CHUNK).map((c) => ({ id: c.id, ...clockColumns(c.clock) }));
    // One value per attempt and column: `case id when … then … end`. PostgreSQL types a parameter there from the
    // other branches, not from the column: it is told the column's type, as a plain `set` would infer it.
    const column = <T>(name: keyof (typeof chunk)[number], type: 'bigint' | 'text') =>
      sql<T>`case id ${sql.join(
        chunk.map((c) => sql`when ${c.id} then ${pg ? sql`cast(${c[name]} as ${sql.raw(type)})` : sql`${c[name]}`}`),
        sql` `,
      )} end`;
    await trx
      .updateTable('attempts')
      .set({
        status: 'in_progress',
        started_at: startedAt,
        duration_ms: column<number>('duration_ms', 'bigint'),
        extension_ms: column<number>('extension_ms', 'bigint'),
        paused_ms: column<number>('paused_ms', 'bigint'),
        paused_since: column<string | null>('paused_since', 'text'),
        deadline_at: column<string | null>('deadline_at', 'text'),
      })
      .where(
        'id',
        'in',
        chunk.map((c) => c.id),
      )
      .execute();
  }
  return results;
}

/** Everything a start depends on, for each of `ids`. */
const startFacts = (trx: Transaction<Database>, ids: readonly string[]) =>
  attemptsWithWindow(trx)
    .leftJoin('candidate_accommodations as ca', 'ca.candidate_id', 'a.candidate_id')
    .select([
      'a.id',
      'a.status',
      'c.ticket',
      'c.absent',
      'r.paused_at',
      'w.ends_at',
      'ca.extra_minutes',
      'ca.time_factor',
      'ca.large_font',
    ])
    .where('a.id', 'in', ids)
    .execute();
