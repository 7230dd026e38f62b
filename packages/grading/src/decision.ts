import {
  LEVELS,
  type AssessmentPlan,
  type ComponentLine,
  type Decision,
  type DecisionOutcome,
  type EligibilityResult,
  type PlanComponent,
} from '@kaowu/domain';
import { divideHalfUp, formatLine, formatScore, fromTenths, hasTenthsPrecision, toTenths } from './tenths.ts';

/** A component's result as it reaches the decision: a final score, absent (缺考), or not decidable yet. */
export type ComponentResult =
  | { readonly status: 'scored'; readonly score: number }
  | { readonly status: 'absent' }
  | { readonly status: 'blocked'; readonly reason: string };

export interface CandidateResults {
  readonly candidateId: string;
  /** Elective group code → chosen module codes. */
  readonly electives?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Component code → result; a missing entry means no final score yet. */
  readonly scores: Readonly<Record<string, ComponentResult | undefined>>;
  /** When given and not eligible, the candidate fails with the eligibility reasons. */
  readonly eligibility?: EligibilityResult | undefined;
}

export type { ComponentLine, ComponentState, Decision } from '@kaowu/domain';

/** The components a candidate takes, or the problems with their elective choices. */
function takenComponents(
  plan: AssessmentPlan,
  results: CandidateResults,
): { taken: PlanComponent[]; problems: string[] } {
  const problems: string[] = [];
  const chosen = new Set<string>();
  for (const g of plan.electiveGroups) {
    const modules = plan.components.filter((c) => c.group === g.code);
    const picks = [...new Set(results.electives?.[g.code] ?? [])];
    const foreign = picks.filter((p) => !modules.some((m) => m.code === p));
    if (foreign.length > 0) problems.push(`所选模块 ${foreign.join('、')} 不属于选考模块组“${g.name}”`);
    else if (picks.length !== g.choose)
      problems.push(`选考模块组“${g.name}”应选 ${g.choose} 个模块，实际选择了 ${picks.length} 个`);
    else picks.forEach((p) => chosen.add(p));
  }
  return { taken: plan.components.filter((c) => c.group === undefined || chosen.has(c.code)), problems };
}

/** Weighted mean in tenths (plain mean when every weight is 0), or null if a score is missing. */
function weightedMean(lines: readonly ComponentLine[]): number | null {
  if (lines.length === 0 || lines.some((l) => l.score === null)) return null;
  const total = lines.reduce((s, l) => s + l.weight, 0);
  const w = (l: ComponentLine): number => (total === 0 ? 1 : l.weight);
  const sum = lines.reduce((s, l) => s + toTenths(l.score ?? 0) * w(l), 0);
  return fromTenths(divideHalfUp(sum, total === 0 ? lines.length : total));
}

/**
 * The decision for one candidate. Pass = every component taken at or above its pass line (exactly 60
 * passes a 60 line) and the composite at or above the plan's composite line, if any.
 *
 * Rounding: component scores are kept to one decimal; the composite Σ score × weight / 100 is computed
 * exactly in integers (tenths × whole-percent weights) and rounded half up once, to one decimal — so
 * 59.95 becomes 60.0, and the composite judged is the composite printed.
 */
export function decide(plan: AssessmentPlan, results: CandidateResults): Decision {
  const { taken, problems: pending } = takenComponents(plan, results);
  const failures: string[] = [];
  const passes: string[] = [];
  const lines = taken.map((c): ComponentLine => {
    const base = { code: c.code, name: c.name, kind: c.kind, weight: c.weight, passLine: c.passLine };
    const r = results.scores[c.code];
    if (r === undefined) {
      pending.push(`${c.name}尚无最终成绩`);
      return { ...base, score: null, state: 'pending' };
    }
    if (r.status === 'blocked') {
      pending.push(`${c.name}：${r.reason}`);
      return { ...base, score: null, state: 'pending' };
    }
    if (r.status === 'absent') {
      failures.push(`${c.name}缺考`);
      return { ...base, score: null, state: 'absent' };
    }
    if (!(r.score >= 0 && r.score <= 100) || !hasTenthsPrecision(r.score)) {
      pending.push(`${c.name}成绩 ${r.score} 无效，应为 0–100 分并保留一位小数`);
      return { ...base, score: null, state: 'pending' };
    }
    const score = fromTenths(toTenths(r.score));
    if (c.passLine === null) return { ...base, score, state: 'counted' };
    if (toTenths(score) < toTenths(c.passLine)) {
      failures.push(`${c.name}成绩 ${formatScore(score)} 分，低于合格线 ${formatLine(c.passLine)} 分`);
      return { ...base, score, state: 'failed' };
    }
    passes.push(`${c.name}成绩 ${formatScore(score)} 分，达到合格线 ${formatLine(c.passLine)} 分`);
    return { ...base, score, state: 'passed' };
  });

  let composite: number | null = null;
  if (lines.every((l) => l.score !== null)) {
    const weighted = lines.reduce((s, l) => s + toTenths(l.score ?? 0) * l.weight, 0);
    composite = fromTenths(divideHalfUp(weighted, 100));
    const line = plan.compositePassLine;
    if (line !== null) {
      const text = `综合成绩 ${formatScore(composite)} 分`;
      if (toTenths(composite) < toTenths(line)) failures.push(`${text}，低于综合合格线 ${formatLine(line)} 分`);
      else passes.push(`${text}，达到综合合格线 ${formatLine(line)} 分`);
    }
  }

  const ineligible = results.eligibility !== undefined && !results.eligibility.eligible;
  const eligibilityReasons = ineligible ? [`不符合申报条件：${results.eligibility?.reasons.join('；')}`] : [];
  const outcome: DecisionOutcome = ineligible
    ? 'fail'
    : pending.length > 0
      ? 'pending'
      : failures.length > 0
        ? 'fail'
        : 'pass';
  const reasons = outcome === 'pass' ? passes : outcome === 'pending' ? pending : [...eligibilityReasons, ...failures];
  const practical = lines.filter((l) => l.kind === 'practical');
  return {
    candidateId: results.candidateId,
    level: plan.level,
    levelName: LEVELS[plan.level].name,
    outcome,
    composite,
    theoryScore: lines.find((l) => l.kind === 'theory')?.score ?? null,
    practicalScore: weightedMean(practical.length > 0 ? practical : lines.filter((l) => l.kind === 'ability')),
    components: lines,
    reasons: reasons.length > 0 || outcome !== 'pass' ? reasons : ['各项成绩均已达到要求'],
  };
}

export const decideAll = (plan: AssessmentPlan, all: readonly CandidateResults[]): Decision[] =>
  all.map((r) => decide(plan, r));
