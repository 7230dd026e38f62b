import {
  err,
  ok,
  type AnswerKey,
  type ItemScore,
  type ItemType,
  type ItemVerdict,
  type MultipleChoiceRule,
  type Result,
  type ScoreBucket,
  type TheoryScore,
} from '@kaowu/domain';
import { divideHalfUp, fromTenths } from './tenths.ts';

/** The result types live in @kaowu/domain so the schema can name them; grading's callers still find them here. */
export type { AnswerKey, ItemScore, ItemVerdict, ScoreBucket, TheoryScore } from '@kaowu/domain';

/** One item of a paper as grading sees it: its key, points and where it sits (paper section, outline area). */
export interface PaperItem {
  readonly code: string;
  readonly type: ItemType;
  readonly key: AnswerKey;
  readonly points: number;
  readonly section: string;
  readonly area: string;
}

/** A response already mapped back from the candidate's variant to the item's canonical option order. */
export interface CanonicalResponse {
  readonly itemCode: string;
  readonly response: boolean | number | readonly number[] | null;
}

export const ALL_OR_NOTHING: MultipleChoiceRule = { mode: 'all_or_nothing' };

/** Points are kept in hundredths (0.5 → 50) so totals are exact. */
const hundredths = (points: number): number => Math.round(points * 100);

function verdictOf(
  item: PaperItem,
  response: CanonicalResponse['response'],
  rule: MultipleChoiceRule,
): { verdict: ItemVerdict; earned: number } {
  const max = hundredths(item.points);
  if (response === null || (Array.isArray(response) && response.length === 0)) return { verdict: 'blank', earned: 0 };
  if (item.type === 'true_false') {
    if (typeof response !== 'boolean') return { verdict: 'invalid', earned: 0 };
    return response === item.key ? { verdict: 'correct', earned: max } : { verdict: 'wrong', earned: 0 };
  }
  if (item.type === 'single') {
    if (typeof response !== 'number' || !Number.isInteger(response)) return { verdict: 'invalid', earned: 0 };
    return response === item.key ? { verdict: 'correct', earned: max } : { verdict: 'wrong', earned: 0 };
  }
  if (!Array.isArray(response) || !response.every((r) => Number.isInteger(r))) return { verdict: 'invalid', earned: 0 };
  const key = new Set(item.key as number[]);
  const chosen = new Set(response as number[]);
  const wrong = [...chosen].some((c) => !key.has(c));
  const right = [...chosen].filter((c) => key.has(c)).length;
  if (!wrong && right === key.size) return { verdict: 'correct', earned: max };
  // Partial credit is only ever for a correct subset: any wrong choice scores zero under every rule.
  if (wrong || rule.mode === 'all_or_nothing') return { verdict: 'wrong', earned: 0 };
  const earned = rule.mode === 'subset' ? divideHalfUp(max * rule.percent, 100) : divideHalfUp(max * right, key.size);
  return { verdict: 'partial', earned };
}

function addTo(buckets: Map<string, { earned: number; max: number }>, name: string, earned: number, max: number): void {
  const bucket = buckets.get(name) ?? { earned: 0, max: 0 };
  bucket.earned += earned;
  bucket.max += max;
  buckets.set(name, bucket);
}

const bucketList = (buckets: Map<string, { earned: number; max: number }>): ScoreBucket[] =>
  [...buckets].map(([name, b]) => ({ name, earned: b.earned / 100, max: b.max / 100 }));

/**
 * Scores a theory attempt: 判断题 and 单选题 full or zero; 多选题 by the plan's rule (all-or-nothing by
 * default). A pure function of the paper's keys and the responses, so rescoring is calling it again.
 */
export function scoreTheory(
  items: readonly PaperItem[],
  responses: readonly CanonicalResponse[],
  rule: MultipleChoiceRule = ALL_OR_NOTHING,
): TheoryScore {
  const byCode = new Map(responses.map((r) => [r.itemCode, r.response]));
  const known = new Set(items.map((i) => i.code));
  const sections = new Map<string, { earned: number; max: number }>();
  const areas = new Map<string, { earned: number; max: number }>();
  let earned = 0;
  let max = 0;
  const scored = items.map((item): ItemScore => {
    const itemMax = hundredths(item.points);
    const v = verdictOf(item, byCode.get(item.code) ?? null, rule);
    earned += v.earned;
    max += itemMax;
    addTo(sections, item.section, v.earned, itemMax);
    addTo(areas, item.area, v.earned, itemMax);
    return { code: item.code, verdict: v.verdict, earned: v.earned / 100, max: itemMax / 100 };
  });
  const score = max === 0 ? 0 : fromTenths(divideHalfUp(earned * 1000, max));
  return {
    earned: earned / 100,
    max: max / 100,
    score,
    items: scored,
    sections: bucketList(sections),
    areas: bucketList(areas),
    unknownResponses: responses.filter((r) => !known.has(r.itemCode)).map((r) => r.itemCode),
  };
}

export interface KeyCorrection {
  readonly itemCode: string;
  readonly key: AnswerKey;
}

function keyProblem(type: ItemType, key: AnswerKey): string | undefined {
  if (type === 'true_false') return typeof key === 'boolean' ? undefined : '判断题的答案应为正确或错误';
  if (type === 'single')
    return typeof key === 'number' && Number.isInteger(key) && key >= 0 ? undefined : '单选题的答案应为一个选项';
  if (!Array.isArray(key) || key.length < 2) return '多选题至少有 2 个正确选项';
  if (!key.every((k, i) => Number.isInteger(k) && k >= 0 && (i === 0 || k > (key[i - 1] ?? 0))))
    return '多选题答案应为按顺序排列、不重复的选项';
  return undefined;
}

/** The paper's items with corrected keys; every correction must name an item of the paper and fit its type. */
export function applyKeyCorrections(
  items: readonly PaperItem[],
  corrections: readonly KeyCorrection[],
): Result<PaperItem[], string[]> {
  const problems: string[] = [];
  const byCode = new Map(items.map((i) => [i.code, i]));
  const fixed = new Map<string, AnswerKey>();
  for (const c of corrections) {
    const item = byCode.get(c.itemCode);
    if (item === undefined) {
      problems.push(`试卷中没有试题 ${c.itemCode}`);
      continue;
    }
    const problem = keyProblem(item.type, c.key);
    if (problem !== undefined) problems.push(`试题 ${c.itemCode}：${problem}`);
    else fixed.set(c.itemCode, c.key);
  }
  if (problems.length > 0) return err(problems);
  return ok(items.map((i) => (fixed.has(i.code) ? { ...i, key: fixed.get(i.code) as AnswerKey } : i)));
}

export interface Rescore {
  readonly before: TheoryScore;
  readonly after: TheoryScore;
  /** Items whose points changed for this attempt. */
  readonly changed: readonly { code: string; before: ItemScore; after: ItemScore }[];
}

/** Rescoring after a key correction (the audit record is the caller's): before and after, item by item. */
export function rescoreTheory(
  items: readonly PaperItem[],
  responses: readonly CanonicalResponse[],
  corrections: readonly KeyCorrection[],
  rule: MultipleChoiceRule = ALL_OR_NOTHING,
): Result<Rescore, string[]> {
  const corrected = applyKeyCorrections(items, corrections);
  if (!corrected.ok) return corrected;
  const before = scoreTheory(items, responses, rule);
  const after = scoreTheory(corrected.value, responses, rule);
  const changed = after.items.flatMap((a, i) => {
    const b = before.items[i];
    return b !== undefined && (b.earned !== a.earned || b.verdict !== a.verdict)
      ? [{ code: a.code, before: b, after: a }]
      : [];
  });
  return ok({ before, after, changed });
}
