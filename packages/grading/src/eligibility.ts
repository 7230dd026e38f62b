import {
  AWARD_SCOPES,
  EVIDENCE_NAMES,
  LEVELS,
  parseIdNumber,
  type AssessmentPlan,
  type Candidate,
  type EligibilityCondition,
  type EligibilityPath,
  type EligibilityResult,
} from '@kaowu/domain';
import { formatMonths, monthsBetween, yearsBetween } from './dates.ts';
import { defaultEligibilityPaths, describePath } from './eligibility-paths.ts';

export type { EligibilityResult } from '@kaowu/domain';

const CN_NUMBERS = '一二三四五六七八九十';
const ordinal = (i: number): string => `条件${CN_NUMBERS[i] ?? String(i + 1)}`;

/** What a condition lacks for this candidate, or undefined when it is met. Also collects the evidence used. */
function conditionGap(
  plan: AssessmentPlan,
  c: Candidate,
  cond: EligibilityCondition,
  asOf: string,
  evidence: string[],
): string | undefined {
  switch (cond.kind) {
    case 'occupation_years':
      return c.occupationYears >= cond.min ? undefined : `从事本职业 ${c.occupationYears} 年，不足 ${cond.min} 年`;
    case 'apprenticeship':
      return c.apprenticeshipCompleted ? undefined : '无学徒期满记录';
    case 'education': {
      if (!cond.anyOf.includes(c.education)) return '学历不符合';
      if (cond.relevantMajor && !c.educationMajorRelevant) return '所学专业与本职业不相关';
      return undefined;
    }
    case 'award': {
      const min = AWARD_SCOPES.indexOf(cond.minScope);
      const award = c.awards.find((a) => AWARD_SCOPES.indexOf(a.scope) >= min);
      if (award === undefined) return '无符合破格条件的荣誉或成果';
      evidence.push(`${award.name}：${award.evidence}`);
      return undefined;
    }
    case 'certificate': {
      const occupations = new Set([plan.occupation.code, ...plan.eligibility.relatedOccupations]);
      const held = c.certificates
        .filter((h) => h.level === cond.level && occupations.has(h.occupationCode))
        .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : 1))[0];
      const name = LEVELS[cond.level].name;
      if (held === undefined) return `未取得本职业（或相关职业）${name}证书`;
      const months = monthsBetween(held.issuedOn, asOf);
      if (months < Math.round(cond.minYearsSince * 12))
        return `取得${name}证书 ${formatMonths(months)}，不足 ${cond.minYearsSince} 年`;
      evidence.push(`${name}证书${held.number === undefined ? '' : ` ${held.number}`}（${held.issuedOn}）`);
      return undefined;
    }
  }
}

/** General conditions: working age, pension insurance, dispatched workers' year in the enterprise. */
function generalGaps(plan: AssessmentPlan, c: Candidate, asOf: string): string[] {
  const s = plan.eligibility;
  const gaps: string[] = [];
  const id = parseIdNumber(c.idNumber);
  if (!id.ok) gaps.push(id.message);
  else {
    const age = yearsBetween(id.info.birthDate, asOf);
    const retirement = s.retirementAge[id.info.sex];
    if (age < s.minAge) gaps.push(`年龄 ${age} 周岁，未满 ${s.minAge} 周岁（法定劳动年龄）`);
    if (age >= retirement) gaps.push(`年龄 ${age} 周岁，已达到退休年龄 ${retirement} 周岁`);
  }
  if (c.pensionMonths < s.minPensionMonths)
    gaps.push(`养老保险缴费 ${c.pensionMonths} 个月，不足 ${s.minPensionMonths} 个月`);
  if (c.employment === 'dispatched') {
    const months = monthsBetween(c.enterpriseSince, asOf);
    if (months < Math.round(s.dispatchedMinYears * 12))
      gaps.push(`劳务派遣人员在本企业工作 ${formatMonths(months)}，不足 ${s.dispatchedMinYears} 年`);
  }
  return gaps;
}

/**
 * Checks a candidate against the plan's level on `asOf` (the application deadline): the general
 * conditions, then the alternatives (the plan's own paths, else the national-standard defaults).
 * Every ineligible candidate gets the reasons in Chinese.
 */
export function checkEligibility(plan: AssessmentPlan, candidate: Candidate, asOf: string): EligibilityResult {
  const reasons = generalGaps(plan, candidate, asOf);
  const paths = plan.eligibility.paths ?? defaultEligibilityPaths(plan.level);
  const pathGaps: string[] = [];
  let met: { path: EligibilityPath; evidence: string[] } | undefined;
  paths.forEach((path, i) => {
    if (met !== undefined) return;
    const evidence: string[] = [];
    const gaps = path.conditions.flatMap((cond) => conditionGap(plan, candidate, cond, asOf, evidence) ?? []);
    for (const kind of path.evidence) {
      const docs = candidate.evidence.filter((e) => e.kind === kind);
      if (docs.length === 0) gaps.push(`缺少证明材料：${EVIDENCE_NAMES[kind]}`);
      else evidence.push(...docs.map((d) => `${EVIDENCE_NAMES[kind]}：${d.ref}`));
    }
    if (gaps.length === 0) met = { path, evidence };
    else pathGaps.push(`${ordinal(i)}（${describePath(path)}）：${gaps.join('；')}`);
  });
  if (met === undefined) reasons.push(`不符合${LEVELS[plan.level].name}的任一申报条件`, ...pathGaps);
  const eligible = reasons.length === 0;
  return {
    eligible,
    path: met === undefined ? null : { kind: met.path.kind, description: describePath(met.path) },
    reasons,
    evidence: eligible && met !== undefined ? met.evidence : [],
  };
}
