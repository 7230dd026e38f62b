import { buildMatrix, type ItemMeta, type PersonResponses, type ResponseMatrix } from '@kaowu/analysis';
import { fromJson } from '@kaowu/db';
import type { AnswerKey, Difficulty, ItemResponse, ItemType, Paper } from '@kaowu/domain';
import type { Executor } from '../audit/writer.ts';
import { chunksOf } from '../shared/chunks.ts';
import { fail } from '../shared/failures.ts';
import { findPlan } from '../results/batch.ts';
import { gradingBasis } from '../results/theory.ts';

/** One column of a batch's matrix: a canonical item version, whatever form or variant showed it. */
export interface MatrixColumn {
  readonly code: string;
  readonly version: number;
  readonly type: ItemType;
  /** the difficulty band its experts gave (1 易 … 5 难) */
  readonly band: Difficulty;
}

export interface Excluded {
  /** never started (absent, or logged in without starting) */
  readonly absent: number;
  /** started but not submitted */
  readonly notSubmitted: number;
  /** submitted but not scored yet (or blocked as inconsistent) */
  readonly unscored: number;
}

export interface BatchMatrix {
  readonly matrix: ResponseMatrix;
  readonly columns: readonly MatrixColumn[];
  /** candidate id of each row */
  readonly candidates: readonly string[];
  readonly excluded: Excluded;
}

export const columnKey = (code: string, version: number): string => `${code}@${version}`;

/** A key, or a canonical response, as the option indices it names (判断题: 正确 = 0, 错误 = 1). */
export function optionIndices(value: AnswerKey | ItemResponse): number[] {
  if (value === null) return [];
  if (typeof value === 'boolean') return [value ? 0 : 1];
  return typeof value === 'number' ? [value] : [...value];
}

/**
 * The scored response matrix of a batch's theory attempts. Each scored candidate's answers are the canonical
 * responses recorded at save time (the scoring run checked them against the candidate's variant), so forms
 * and option shuffles are already mapped back; item scores are the stored ones (key corrections included).
 * Candidates who never started, did not submit or are not scored are left out and counted.
 */
export async function batchMatrix(db: Executor, batchId: string, planNumber: string): Promise<BatchMatrix> {
  const plan = await findPlan(db, batchId);
  if (!plan) throw fail.invalid(`批次 ${planNumber} 尚未设置认定方案，没有理论成绩可分析`, 'the batch has no plan');
  const papers = await db
    .selectFrom('papers')
    .select(['id', 'form', 'paper_json'])
    .where('batch_id', '=', batchId)
    .execute();
  const columns: MatrixColumn[] = [];
  const items: ItemMeta[] = [];
  const index = new Map<string, number>();
  const paperInfo = new Map<string, { form: string; versions: Map<string, number> }>();
  for (const p of papers) {
    const paper: Paper = fromJson(p.paper_json);
    const basis = await gradingBasis(db, p.id, plan.plan);
    const keys = new Map(basis.items.map((i) => [i.code, i.key]));
    const versions = new Map<string, number>();
    for (const item of paper.sections.flatMap((s) => s.items)) {
      versions.set(item.code, item.version);
      const key = columnKey(item.code, item.version);
      if (index.has(key)) continue;
      index.set(key, items.length);
      const c = item.content;
      columns.push({ code: item.code, version: item.version, type: c.type, band: c.difficulty });
      items.push({
        code: key,
        maxScore: item.points,
        options: c.type === 'true_false' ? 2 : c.options.length,
        key: optionIndices(keys.get(item.code) ?? c.key),
      });
    }
    paperInfo.set(p.id, { form: paper.inputs.form, versions });
  }
  const people = await db.selectFrom('candidates').select('id').where('batch_id', '=', batchId).execute();
  const attempts = await db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['a.id', 'a.candidate_id', 'a.paper_id', 'a.status'])
    .where('c.batch_id', '=', batchId)
    .where('a.started_at', 'is not', null)
    .execute();
  const scores = new Map(
    (
      await db
        .selectFrom('theory_scores')
        .select(['candidate_id', 'attempt_id', 'detail_json'])
        .where('batch_id', '=', batchId)
        .execute()
    ).map((s) => [s.candidate_id, s]),
  );
  const started = new Set(attempts.map((a) => a.candidate_id));
  const submitted = attempts.filter((a) => a.status === 'submitted');
  const included = submitted.filter(
    (a) => scores.get(a.candidate_id)?.attempt_id === a.id && paperInfo.has(a.paper_id),
  );
  const answers = new Map<string, Map<string, ItemResponse>>();
  for (const chunk of chunksOf(included, 500))
    for (const r of await db
      .selectFrom('answers')
      .select(['attempt_id', 'item_code', 'canonical_json'])
      .where(
        'attempt_id',
        'in',
        chunk.map((a) => a.id),
      )
      .execute()) {
      const m = answers.get(r.attempt_id) ?? new Map<string, ItemResponse>();
      answers.set(r.attempt_id, m);
      m.set(r.item_code, fromJson(r.canonical_json));
    }
  const rows: PersonResponses[] = included.map((a) => {
    const info = paperInfo.get(a.paper_id)!;
    const earned = new Map(fromJson(scores.get(a.candidate_id)!.detail_json).items.map(([code, , e]) => [code, e]));
    const given = answers.get(a.id);
    const cells: PersonResponses['cells'] = items.map(() => null);
    for (const [code, version] of info.versions) {
      const response = given?.get(code) ?? null;
      cells[index.get(columnKey(code, version))!] = { score: earned.get(code) ?? 0, chosen: optionIndices(response) };
    }
    return { form: info.form, cells };
  });
  return {
    matrix: buildMatrix(items, rows),
    columns,
    candidates: included.map((a) => a.candidate_id),
    excluded: {
      absent: people.filter((p) => !started.has(p.id)).length,
      notSubmitted: attempts.length - submitted.length,
      unscored: submitted.length - included.length,
    },
  };
}
