import {
  BATCH_STAGE_NAMES,
  batchStage,
  type BatchFacts,
  type BatchStage,
  KaowuError,
  rosterLineOpen,
  rosterLinesOpen,
} from '@kaowu/domain';
import type { Executor } from '../audit/writer.ts';

/** What the batch list shows beside a batch's identity: where it stands, when, how many, which occupation. */
export interface BatchProgress {
  readonly stage: BatchStage;
  readonly candidates: number;
  /** The first window's start and the last window's end (ISO); null for a batch without windows. */
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  /** The occupation's name (电工), when its outline is loaded. */
  readonly occupationName: string | null;
}

const countBy = async (
  db: Executor,
  table: 'candidates' | 'decisions' | 'certificates',
  ids: readonly string[],
): Promise<Map<string, number>> => {
  const rows = await db
    .selectFrom(table)
    .select(['batch_id', (e) => e.fn.countAll<number>().as('n')])
    .where('batch_id', 'in', ids)
    .groupBy('batch_id')
    .execute();
  return new Map(rows.map((r) => [r.batch_id, Number(r.n)]));
};

/** Each batch's stored facts (BatchFacts) and the stage they prove, read in a few queries for the whole list. */
export async function batchProgress(db: Executor, ids: readonly string[]): Promise<Map<string, BatchProgress>> {
  if (ids.length === 0) return new Map();
  const [candidates, decisions, certificates] = await Promise.all([
    countBy(db, 'candidates', ids),
    countBy(db, 'decisions', ids),
    countBy(db, 'certificates', ids),
  ]);
  const rooms = await db
    .selectFrom('rooms')
    .select(['batch_id', 'status', 'opened_at'])
    .where('batch_id', 'in', ids)
    .execute();
  const published = new Set(
    (await db.selectFrom('publicities').select('batch_id').where('batch_id', 'in', ids).execute()).map(
      (p) => p.batch_id,
    ),
  );
  const windows = await db
    .selectFrom('exam_windows')
    .select(['batch_id', (e) => e.fn.min('starts_at').as('first'), (e) => e.fn.max('ends_at').as('last')])
    .where('batch_id', 'in', ids)
    .groupBy('batch_id')
    .execute();
  const batches = await db
    .selectFrom('batches')
    .leftJoin('occupations', 'occupations.code', 'batches.occupation_code')
    .select(['batches.id', 'occupations.name'])
    .where('batches.id', 'in', ids)
    .execute();
  const progress = new Map<string, BatchProgress>();
  for (const b of batches) {
    const mine = rooms.filter((r) => r.batch_id === b.id);
    const facts: BatchFacts = {
      candidates: candidates.get(b.id) ?? 0,
      rooms: mine.length,
      roomsOpened: mine.filter((r) => r.opened_at !== null).length,
      roomsOpen: mine.filter((r) => r.status === 'open').length,
      decisions: decisions.get(b.id) ?? 0,
      published: published.has(b.id),
      certificates: certificates.get(b.id) ?? 0,
    };
    const w = windows.find((x) => x.batch_id === b.id);
    progress.set(b.id, {
      stage: batchStage(facts),
      candidates: facts.candidates,
      startsAt: (w?.first as string | undefined) ?? null,
      endsAt: (w?.last as string | undefined) ?? null,
      occupationName: b.name ?? null,
    });
  }
  return progress;
}

/** One batch's stage (a batch without a row reads as 计划: callers have found the batch already). */
export async function stageOf(db: Executor, batchId: string): Promise<BatchStage> {
  return (await batchProgress(db, [batchId])).get(batchId)?.stage ?? 'plan';
}

/**
 * Refuses a change to candidates' roster lines once the batch's exam is over (rosterLinesOpen), and to the line of
 * any of `candidateIds` who has handed in (rosterLineOpen), writing nothing: roster_closed.
 */
export async function requireLinesOpen(
  db: Executor,
  batchId: string,
  candidateIds: readonly string[] = [],
): Promise<void> {
  const stage = await stageOf(db, batchId);
  if (!rosterLinesOpen(stage))
    throw new KaowuError(
      'roster_closed',
      `本批次考试已结束（${BATCH_STAGE_NAMES[stage]}），考生信息、照片和便利安排不得再更改`,
      `the exam is over (${stage}): candidates’ details, photos and accommodations no longer change`,
    );
  if (candidateIds.length === 0) return;
  const attempts = await db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['a.status', 'c.ticket'])
    .where('a.candidate_id', 'in', candidateIds)
    .orderBy('c.ticket')
    .execute();
  const sat = attempts.filter((a) => !rosterLineOpen(stage, a.status)).map((a) => a.ticket);
  if (sat.length > 0)
    throw new KaowuError(
      'roster_closed',
      `考生 ${sat.join('、')} 已交卷，其信息、照片和便利安排不得再更改`,
      `${sat.join(', ')} handed in: their details, photos and accommodations no longer change`,
    );
}
