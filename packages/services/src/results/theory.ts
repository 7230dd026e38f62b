import { toCanonicalResponse, variant } from '@kaowu/assembler';
import { canonicalJson, contentHash, type AssessmentPlan, type Paper } from '@kaowu/domain';
import {
  ALL_OR_NOTHING,
  applyKeyCorrections,
  scoreTheory,
  type AnswerKey,
  type CanonicalResponse,
  type ComponentResult,
  type PaperItem,
  type TheoryScore,
} from '@kaowu/grading';
import { type Database, fromJson, type TheoryDetail, toJson } from '@kaowu/db';
import type { Insertable, Selectable } from 'kysely';
import type { AuditWriter, Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { gradingItems } from '../exam/submit.ts';
import { fail } from '../shared/failures.ts';
import { loadPaper } from '../papers/papers.ts';
import type { ResultsBatch } from './batch.ts';
import { chunksOf } from '../shared/chunks.ts';

const detailOf = (s: TheoryScore): TheoryDetail => ({
  earned: s.earned,
  max: s.max,
  score: s.score,
  sections: s.sections,
  areas: s.areas,
  items: s.items.map((i) => [i.code, i.verdict, i.earned] as const),
});

/** A paper with the batch's key corrections applied, and the hash of everything a score on it depends on. */
export interface GradingBasis {
  readonly paper: Paper;
  readonly items: readonly PaperItem[];
  readonly corrections: readonly { itemCode: string; key: AnswerKey }[];
  readonly hash: string;
}

export async function gradingBasis(db: Executor, paperId: string, plan: AssessmentPlan): Promise<GradingBasis> {
  const { paper } = await loadPaper({ db }, paperId);
  const rows = await db
    .selectFrom('key_corrections')
    .select(['item_code', 'key_json'])
    .where('paper_id', '=', paperId)
    .orderBy('item_code')
    .execute();
  const corrections = rows.map((r) => ({ itemCode: r.item_code, key: fromJson(r.key_json) }));
  const corrected = applyKeyCorrections(gradingItems(paper), corrections);
  if (!corrected.ok)
    throw fail.invalid(
      `试卷 ${paperId} 的答案更正无效：${corrected.error.join('；')}`,
      'stored key corrections invalid',
    );
  const rule = plan.components.find((c) => c.kind === 'theory')?.multipleChoice ?? ALL_OR_NOTHING;
  return {
    paper,
    items: corrected.value,
    corrections,
    hash: contentHash({ paper: paper.hash, corrections: corrections.map((c) => [c.itemCode, c.key]), rule }),
  };
}

type StoredAnswer = Pick<Selectable<Database['answers']>, 'item_code' | 'response_json' | 'canonical_json'>;

/**
 * A candidate's responses in the paper's canonical option order. Each answer is mapped again from what the
 * candidate clicked through their own variant (keyed by candidate id, as the exam server shows it) and
 * checked against the canonical form recorded at save time: a disagreement means the record was altered.
 */
function canonicalResponses(
  paper: Paper,
  candidateId: string,
  answers: readonly StoredAnswer[],
): { ok: true; responses: CanonicalResponse[] } | { ok: false; reason: string } {
  const { mapping } = variant(paper, candidateId);
  const responses: CanonicalResponse[] = [];
  for (const a of answers) {
    const mapped = toCanonicalResponse(mapping, a.item_code, fromJson(a.response_json));
    if (!mapped.ok) return { ok: false, reason: `答卷记录有误：${mapped.error.zh}` };
    // The exam server writes JSON.stringify of the same value, so equal text is the common case;
    // else compare canonically.
    if (
      JSON.stringify(mapped.value) !== a.canonical_json &&
      canonicalJson(mapped.value) !== canonicalJson(fromJson(a.canonical_json))
    )
      return { ok: false, reason: `答卷记录不一致：试题 ${a.item_code} 的作答与记录的标准答案顺序不符，须核查` };
    responses.push({ itemCode: a.item_code, response: mapped.value });
  }
  return { ok: true, responses };
}

export interface TheoryChange {
  readonly candidateId: string;
  readonly attemptId: string;
  readonly before: number;
  readonly after: number;
  readonly items: readonly { code: string; before: string; after: string }[];
}

export interface TheoryRun {
  readonly results: Map<string, ComponentResult>;
  /** Attempts scored in this run (first time, or again because the paper's keys or the rule changed). */
  readonly scored: number;
  readonly changed: readonly TheoryChange[];
}

/**
 * The theory component of every candidate of the batch: a submitted attempt is scored from its answers with
 * the paper's (corrected) keys and the plan's multiple-choice rule, and stored. A stored score is reused
 * while its basis is unchanged; when a key correction changes the basis, the attempt is rescored and the
 * change (items and totals) is audited. No started attempt: absent once the exam windows are over.
 */
export async function theoryRun(
  trx: Executor,
  ctx: ServiceContext,
  writer: AuditWriter,
  by: string,
  batch: ResultsBatch,
  plan: AssessmentPlan,
): Promise<TheoryRun> {
  const results = new Map<string, ComponentResult>();
  if (!plan.components.some((c) => c.kind === 'theory')) return { results, scored: 0, changed: [] };
  const people = await trx.selectFrom('candidates').select(['id', 'absent']).where('batch_id', '=', batch.id).execute();
  const attempts = await trx
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['a.id', 'a.candidate_id', 'a.paper_id', 'a.status'])
    .where('c.batch_id', '=', batch.id)
    // Logged in but never started (even if the window's end then closed the attempt): did not sit the exam.
    .where('a.started_at', 'is not', null)
    .execute();
  const stored = new Map(
    (
      await trx
        .selectFrom('theory_scores')
        .select(['candidate_id', 'attempt_id', 'score', 'basis_hash'])
        .where('batch_id', '=', batch.id)
        .execute()
    ).map((s) => [s.candidate_id, s]),
  );
  const lastWindow = await trx
    .selectFrom('exam_windows')
    .select('ends_at')
    .where('batch_id', '=', batch.id)
    .orderBy('ends_at', 'desc')
    .executeTakeFirst();
  const examOver = lastWindow !== undefined && Date.parse(lastWindow.ends_at) < ctx.now().getTime();

  const bases = new Map<string, GradingBasis>();
  for (const paperId of new Set(attempts.map((a) => a.paper_id)))
    bases.set(paperId, await gradingBasis(trx, paperId, plan));
  const rule = plan.components.find((c) => c.kind === 'theory')?.multipleChoice ?? ALL_OR_NOTHING;

  const submitted = attempts.filter((a) => a.status === 'submitted');
  const due = submitted.filter((a) => {
    const s = stored.get(a.candidate_id);
    return s === undefined || s.attempt_id !== a.id || s.basis_hash !== bases.get(a.paper_id)?.hash;
  });
  const answers = new Map<string, StoredAnswer[]>();
  for (const chunk of chunksOf(due, 500)) {
    const rows = await trx
      .selectFrom('answers')
      .select(['attempt_id', 'item_code', 'response_json', 'canonical_json'])
      .where(
        'attempt_id',
        'in',
        chunk.map((a) => a.id),
      )
      .execute();
    for (const r of rows) {
      const list = answers.get(r.attempt_id) ?? [];
      answers.set(r.attempt_id, list);
      list.push(r);
    }
  }
  // The item-by-item detail of scores about to be replaced, to audit what a rescoring changed.
  const previousDetail = new Map<string, TheoryDetail>();
  const replaced = due.filter((a) => stored.get(a.candidate_id)?.attempt_id === a.id).map((a) => a.candidate_id);
  for (const chunk of chunksOf(replaced, 500))
    for (const r of await trx
      .selectFrom('theory_scores')
      .select(['candidate_id', 'detail_json'])
      .where('candidate_id', 'in', chunk)
      .execute())
      previousDetail.set(r.candidate_id, fromJson(r.detail_json));
  const inconsistent = new Map<string, string>();
  const changed: TheoryChange[] = [];
  const rows: Insertable<Database['theory_scores']>[] = [];
  const at = isoNow(ctx);
  for (const a of due) {
    const basis = bases.get(a.paper_id)!;
    const mapped = canonicalResponses(basis.paper, a.candidate_id, answers.get(a.id) ?? []);
    if (!mapped.ok) {
      inconsistent.set(a.candidate_id, mapped.reason);
      continue;
    }
    const score = scoreTheory(basis.items, mapped.responses, rule);
    const detail = detailOf(score);
    rows.push({
      candidate_id: a.candidate_id,
      batch_id: batch.id,
      attempt_id: a.id,
      score: score.score,
      detail_json: toJson(detail),
      basis_hash: basis.hash,
      scored_at: at,
    });
    const before = stored.get(a.candidate_id);
    if (before !== undefined && before.attempt_id === a.id) {
      const old = new Map(
        (previousDetail.get(a.candidate_id)?.items ?? []).map(([code, verdict, earned]) => [
          code,
          `${verdict} ${earned}`,
        ]),
      );
      const items = detail.items.flatMap(([code, verdict, earned]) =>
        old.get(code) !== `${verdict} ${earned}`
          ? [{ code, before: old.get(code) ?? '', after: `${verdict} ${earned}` }]
          : [],
      );
      if (items.length > 0 || before.score !== score.score) {
        changed.push({ candidateId: a.candidate_id, attemptId: a.id, before: before.score, after: score.score, items });
        await writer.append({
          actor: by,
          action: 'results.theory.rescore',
          entity: 'attempt',
          entityId: a.id,
          detail: { before: before.score, after: score.score, items, basis: basis.hash },
        });
      }
    }
  }
  for (const chunk of chunksOf(rows, 400)) {
    await trx
      .deleteFrom('theory_scores')
      .where(
        'candidate_id',
        'in',
        chunk.map((r) => r.candidate_id),
      )
      .execute();
    await trx.insertInto('theory_scores').values(chunk).execute();
  }
  if (rows.length > 0)
    await writer.append({
      actor: by,
      action: 'results.theory.score',
      entity: 'batch',
      entityId: batch.id,
      detail: { scored: rows.length, rescored: changed.length },
    });

  const fresh = new Map(rows.map((r) => [r.candidate_id, r.score]));
  const attemptOf = new Map(attempts.map((a) => [a.candidate_id, a]));
  for (const p of people) {
    const a = attemptOf.get(p.id);
    if (a === undefined) {
      if (p.absent === 1 || examOver) results.set(p.id, { status: 'absent' });
      continue;
    }
    if (a.status !== 'submitted') results.set(p.id, { status: 'blocked', reason: '理论考试尚未交卷' });
    else if (inconsistent.has(p.id)) results.set(p.id, { status: 'blocked', reason: inconsistent.get(p.id)! });
    else results.set(p.id, { status: 'scored', score: fresh.get(p.id) ?? stored.get(p.id)!.score });
  }
  return { results, scored: rows.length, changed };
}
