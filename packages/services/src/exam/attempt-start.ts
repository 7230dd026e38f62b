import { audit } from '../audit/writer.ts';
import { attemptsWithWindow } from './access.ts';
import { attemptState, ownAttempt, stateAt, type AttemptState, type CandidateAuth } from './attempts.ts';
import { deadlineOf, startClock, type AttemptClock } from './clock.ts';
import { type Accommodation, KaowuError, NO_ACCOMMODATION } from '@kaowu/domain';
import { fromRow } from './accommodations.ts';
import { clockColumns, paperOf, type ExamRuntime } from './runtime.ts';

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
    const started = await rt.commit.write(
      async (
        trx,
      ): Promise<{ clock: AttemptClock; roomPaused: boolean; endsAt: number; accommodation: Accommodation } | null> => {
        // One statement (one round trip on PostgreSQL) for everything the start depends on, accommodation included.
        const row = await attemptsWithWindow(trx)
          .leftJoin('candidate_accommodations as ca', 'ca.candidate_id', 'a.candidate_id')
          .select([
            'a.status',
            'c.ticket',
            'c.absent',
            'r.paused_at',
            'w.ends_at',
            'ca.extra_minutes',
            'ca.time_factor',
            'ca.large_font',
          ])
          .where('a.id', '=', attempt.id)
          .executeTakeFirstOrThrow();
        // Started (or submitted) by a request queued just before this one: nothing left to do.
        if (row.status !== 'not_started') return null;
        if (row.absent === 1)
          throw new KaowuError('candidate_absent', '您已被登记为缺考，请联系监考员', 'candidate marked absent');
        // Read inside the transaction: the start time is when the clock's row is written.
        const now = ctx.now().getTime();
        const endsAt = Date.parse(row.ends_at);
        if (now >= endsAt)
          throw new KaowuError(
            'outside_window',
            '本场考试时间已结束，不能再开始答题，请联系监考员',
            `the exam window ended at ${row.ends_at}`,
          );
        const accommodation =
          row.extra_minutes === null || row.time_factor === null || row.large_font === null
            ? NO_ACCOMMODATION
            : fromRow({ extra_minutes: row.extra_minutes, time_factor: row.time_factor, large_font: row.large_font });
        const clock = startClock(now, paper.durationMinutes, endsAt, row.paused_at !== null, accommodation);
        await trx
          .updateTable('attempts')
          .set({ status: 'in_progress', started_at: new Date(now).toISOString(), ...clockColumns(clock) })
          .where('id', '=', attempt.id)
          .execute();
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
            roomPaused: row.paused_at !== null,
            ...(accommodation === NO_ACCOMMODATION ? {} : { accommodation }),
          },
        });
        return { clock, roomPaused: row.paused_at !== null, endsAt, accommodation };
      },
    );
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
