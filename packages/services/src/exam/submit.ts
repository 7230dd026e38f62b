import type { PaperItem } from '@kaowu/grading';
import { scoreTheory } from '@kaowu/grading';
import type { Paper } from '@kaowu/domain';
import { fromJson, toJson } from '@kaowu/db';
import { audit } from '../audit/writer.ts';
import { attemptsWithWindow } from './access.ts';
import { SAVE_GRACE_MS } from './clock.ts';
import { controlled } from './live-hub.ts';
import { paperOf, type ExamRuntime } from './runtime.ts';

export type SubmitReason = 'candidate' | 'proctor' | 'expired';

export interface Submission {
  readonly attemptId: string;
  readonly submittedAt: string;
  readonly reason: SubmitReason;
  readonly score: number;
}

export function gradingItems(paper: Paper): PaperItem[] {
  return paper.sections.flatMap((s) =>
    s.items.map((i) => ({
      code: i.code,
      type: i.content.type,
      key: i.content.key,
      points: i.points,
      section: s.name,
      area: i.area,
    })),
  );
}

/**
 * Submits an attempt and scores it, idempotently: a second submit returns the first one's result. Saves stop
 * the moment the submission is queued (they are refused from then on), so no answer lands after the score.
 */
export async function submitAttempt(
  rt: ExamRuntime,
  attemptId: string,
  actor: string,
  reason: SubmitReason,
  at?: string,
): Promise<Submission> {
  const { ctx } = rt;
  rt.closing.add(attemptId);
  let roomId: string | undefined;
  try {
    const result = await rt.commit.write(async (trx): Promise<Submission> => {
      const row = await trx
        .selectFrom('attempts as a')
        .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
        .select(['a.id', 'a.paper_id', 'a.status', 'a.submitted_at', 'a.submit_reason', 'a.score', 'c.room_id'])
        .where('a.id', '=', attemptId)
        .executeTakeFirstOrThrow();
      roomId = row.room_id;
      if (row.status === 'submitted')
        return {
          attemptId,
          submittedAt: row.submitted_at!,
          reason: row.submit_reason as SubmitReason,
          score: row.score ?? 0,
        };
      const paper = await paperOf(rt, row.paper_id, trx);
      const answers = await trx
        .selectFrom('answers')
        .select(['item_code', 'canonical_json'])
        .where('attempt_id', '=', attemptId)
        .execute();
      const score = scoreTheory(
        gradingItems(paper),
        answers.map((a) => ({ itemCode: a.item_code, response: fromJson(a.canonical_json) })),
      );
      const submittedAt = at ?? ctx.now().toISOString();
      const { items: _perItem, ...summary } = score;
      await trx
        .updateTable('attempts')
        .set({
          status: 'submitted',
          submitted_at: submittedAt,
          submitted_by: actor,
          submit_reason: reason,
          score: score.score,
          score_json: toJson({ ...summary, items: score.items.map((i) => [i.code, i.verdict, i.earned]) }),
        })
        .where('id', '=', attemptId)
        .execute();
      const unstarted = row.status === 'not_started' ? { started: false } : {};
      await audit(trx, ctx, {
        actor,
        action: 'attempt.submit',
        entity: 'attempt',
        entityId: attemptId,
        detail: { reason, score: score.score, answered: answers.length, ...unstarted },
      });
      return { attemptId, submittedAt, reason, score: score.score };
    });
    const live = rt.attempts.get(attemptId);
    if (live) live.status = 'submitted';
    if (roomId !== undefined) controlled(rt.hub, roomId);
    return result;
  } catch (e) {
    rt.closing.delete(attemptId);
    throw e;
  }
}

/**
 * Submits every attempt whose time (plus the grace) has run out, as of its deadline: a score exists even if
 * the client never comes back. An attempt never started (the candidate logged in but did not click 开始答题)
 * runs out with its exam window, as of the window's end, with nothing answered: results then see a paper,
 * not an attempt left open for ever. Run at start-up (it recovers attempts that expired while the server was
 * down) and then every few seconds.
 */
export async function submitExpired(rt: ExamRuntime): Promise<number> {
  const cutoff = new Date(rt.ctx.now().getTime() - SAVE_GRACE_MS).toISOString();
  const due = await rt.ctx.db
    .selectFrom('attempts')
    .select(['id', 'deadline_at as at'])
    .where('status', '=', 'in_progress')
    .where('deadline_at', 'is not', null)
    .where('deadline_at', '<', cutoff)
    .execute();
  const unstarted = await attemptsWithWindow(rt.ctx.db)
    .select(['a.id', 'w.ends_at as at'])
    .where('a.status', '=', 'not_started')
    .where('w.ends_at', '<', cutoff)
    .execute();
  const all = [...due, ...unstarted];
  await Promise.all(all.map((d) => submitAttempt(rt, d.id, 'system', 'expired', d.at!)));
  return all.length;
}
