import { z } from 'zod';
import { eligibilitySettings } from './candidate.ts';
import { err, ok, type Result } from './errors.ts';
import { levelCode } from './level-schema.ts';
import { isTechnicianLevel } from './levels.ts';
import { occupationCode } from './occupation.ts';
import { keysOf } from './keys-of.ts';

/** The ways an enterprise may assess an occupation × level (Hefei 第十一条). */
export const ASSESSMENT_METHOD_NAMES = {
  assessment: '考核认定',
  modular: '模块化考核',
  direct_recognition: '直接认定',
  performance_review: '业绩评审',
  competition: '竞赛选拔',
} as const;
export type AssessmentMethod = keyof typeof ASSESSMENT_METHOD_NAMES;
export const ASSESSMENT_METHODS = keysOf(ASSESSMENT_METHOD_NAMES);

/** theory is scored from the paper; every other kind by an assessor panel. */
export const COMPONENT_KIND_NAMES = {
  theory: '理论知识',
  practical: '操作技能',
  review: '综合评审',
  defense: '答辩',
  ability: '能力评价',
  performance: '业绩评价',
} as const;
export type ComponentKind = keyof typeof COMPONENT_KIND_NAMES;
export const COMPONENT_KINDS = keysOf(COMPONENT_KIND_NAMES);

/**
 * How a multiple-choice item (多选题) is scored. National practice is all-or-nothing; a plan may grant
 * `percent` of the points for a correct subset with no wrong choice, or points in proportion to the
 * correct choices picked (again only with no wrong choice).
 */
export const multipleChoiceRule = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('all_or_nothing') }),
  z.strictObject({ mode: z.literal('subset'), percent: z.number().int().min(1).max(99) }),
  z.strictObject({ mode: z.literal('proportional') }),
]);
export type MultipleChoiceRule = z.infer<typeof multipleChoiceRule>;

const score100 = z.number().min(0).max(100);
const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { message: '代码应以字母开头，只含字母、数字、-、_' });

/** One line of a practical score sheet: what is assessed and its points (the maximum an assessor may give). */
export const practicalCriterion = z.strictObject({
  code,
  name: z.string().trim().min(1),
  points: z.number().positive().max(100).multipleOf(0.5),
});
export type PracticalCriterion = z.infer<typeof practicalCriterion>;

/** A component is scored out of 100; its criteria's points must add up to that. */
export const COMPONENT_MAX_SCORE = 100;

export const planComponent = z.strictObject({
  code,
  name: z.string().trim().min(1),
  kind: z.enum(COMPONENT_KINDS),
  /** Share of the composite score, in whole percent. */
  weight: z.number().int().min(0).max(100),
  /** null: no pass line of its own (it only counts in the composite). */
  passLine: score100.nullable().default(60),
  /** Elective practical module (选考): the group it is chosen from. Absent: required (必考). */
  group: code.optional(),
  multipleChoice: multipleChoiceRule.optional(),
  /**
   * The practical score sheet's criteria (实操考评表): each with its points, summing to the component's 100.
   * Assessors score each criterion; the sheet's total is their score for the component.
   */
  criteria: z.array(practicalCriterion).min(1).optional(),
});
export type PlanComponent = z.infer<typeof planComponent>;

export const electiveGroup = z.strictObject({
  code,
  name: z.string().trim().min(1),
  /** k of n: how many of the group's modules each candidate takes. */
  choose: z.number().int().min(1),
});
export type ElectiveGroup = z.infer<typeof electiveGroup>;

export const panelSettings = z.strictObject({
  /** Assessors scoring each candidate independently: at least 3 and odd. */
  assessorsPerCandidate: z.number().int().default(3),
  aggregation: z.enum(['mean', 'trimmed_mean']).default('mean'),
  /** Largest allowed max − min among the assessors' scores; a larger spread waits for the panel leader. */
  spreadThreshold: z.number().min(0).max(100).default(15),
});
export type PanelSettings = z.infer<typeof panelSettings>;

/** An assessment plan (认定方案) for one occupation × level. */
export const assessmentPlan = z.strictObject({
  occupation: z.strictObject({
    code: occupationCode,
    name: z.string().trim().min(1),
    trade: z.string().trim().min(1).optional(),
  }),
  level: levelCode,
  method: z.enum(ASSESSMENT_METHODS),
  components: z.array(planComponent).min(1),
  electiveGroups: z.array(electiveGroup).default([]),
  /** Pass line for the weighted composite; null when only the component pass lines apply. */
  compositePassLine: score100.nullable().default(null),
  // prefault: an absent setting is parsed as {} so the defaults live in one place, the settings schemas.
  panel: panelSettings.prefault({}),
  eligibility: eligibilitySettings.prefault({}),
});
export type AssessmentPlan = z.infer<typeof assessmentPlan>;
export type AssessmentPlanInput = z.input<typeof assessmentPlan>;

const kindsOf = (plan: AssessmentPlan): Set<ComponentKind> => new Set(plan.components.map((c) => c.kind));

function methodProblems(plan: AssessmentPlan): string[] {
  const kinds = kindsOf(plan);
  const method = ASSESSMENT_METHOD_NAMES[plan.method];
  const problems: string[] = [];
  const need = (kind: ComponentKind): void => {
    if (!kinds.has(kind)) problems.push(`${method}方案须包含${COMPONENT_KIND_NAMES[kind]}`);
  };
  if (plan.method === 'assessment') {
    need('theory');
    need('practical');
  } else if (plan.method === 'modular') {
    if (!plan.components.some((c) => c.kind === 'practical' && c.group === undefined))
      problems.push('模块化考核方案须包含必考模块');
    if (plan.electiveGroups.length === 0) problems.push('模块化考核方案须包含选考模块组');
  } else if (plan.method === 'direct_recognition') {
    need('ability');
    need('performance');
  } else if (plan.method === 'performance_review') {
    if (!kinds.has('performance') && !kinds.has('review')) problems.push('业绩评审方案须包含业绩评价或综合评审');
  }
  // Technician levels: 综合评审 in every method; direct recognition may use an on-site review or a defense instead.
  if (isTechnicianLevel(plan.level)) {
    const ok = kinds.has('review') || (plan.method === 'direct_recognition' && kinds.has('defense'));
    if (!ok) problems.push('技师、高级技师（二级、一级）的认定方案必须包含综合评审');
  }
  return problems;
}

function weightProblems(plan: AssessmentPlan): string[] {
  const problems: string[] = [];
  let total = 0;
  for (const c of plan.components) if (c.group === undefined) total += c.weight;
  for (const g of plan.electiveGroups) {
    const modules = plan.components.filter((c) => c.group === g.code);
    if (modules.length === 0) {
      problems.push(`选考模块组“${g.name}”没有模块`);
      continue;
    }
    if (g.choose > modules.length)
      problems.push(`选考模块组“${g.name}”要求选 ${g.choose} 个，但只有 ${modules.length} 个模块`);
    // Any k of n must give the same total, so the modules of a group share one weight unless all are taken.
    const weights = new Set(modules.map((m) => m.weight));
    if (weights.size > 1 && g.choose < modules.length)
      problems.push(
        `选考模块组“${g.name}”中各模块权重不同（${[...weights].join('、')}），选考不同模块时权重合计会不一致`,
      );
    total +=
      g.choose >= modules.length ? modules.reduce((s, m) => s + m.weight, 0) : g.choose * (modules[0]?.weight ?? 0);
  }
  if (total !== 100) problems.push(`各组成部分权重合计为 ${total}%，应为 100%`);
  return problems;
}

/** A component's score-sheet criteria: only for panel-scored parts, codes unique, points summing to 100. */
function criteriaProblems(c: PlanComponent): string[] {
  if (c.criteria === undefined) return [];
  if (c.kind === 'theory') return [`理论知识由机考答卷计分，${c.name}不设考评细则`];
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const k of c.criteria) {
    if (codes.has(k.code)) problems.push(`${c.name}的考评细则代码 ${k.code} 重复`);
    codes.add(k.code);
  }
  // Points are whole or half points: sum them in halves, exactly.
  const halves = c.criteria.reduce((sum, k) => sum + Math.round(k.points * 2), 0);
  if (halves !== COMPONENT_MAX_SCORE * 2)
    problems.push(`${c.name}的考评细则分值合计 ${halves / 2} 分，应为 ${COMPONENT_MAX_SCORE} 分`);
  return problems;
}

/** Rules zod cannot express: codes, groups, weights, panel size, method shape, the technician review. */
export function planProblems(plan: AssessmentPlan): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const c of [...plan.components, ...plan.electiveGroups]) {
    if (codes.has(c.code)) problems.push(`代码 ${c.code} 重复`);
    codes.add(c.code);
  }
  const groups = new Set(plan.electiveGroups.map((g) => g.code));
  for (const c of plan.components) {
    if (c.group !== undefined && !groups.has(c.group)) problems.push(`${c.name}所属的选考模块组 ${c.group} 不存在`);
    if (c.group !== undefined && c.kind !== 'practical') problems.push(`只有操作技能模块可以选考，${c.name}不可以`);
    if (c.multipleChoice !== undefined && c.kind !== 'theory')
      problems.push(`多选题计分规则只适用于理论知识，${c.name}不适用`);
    problems.push(...criteriaProblems(c));
  }
  if (plan.components.filter((c) => c.kind === 'theory').length > 1) problems.push('一个方案只能有一项理论知识考试');
  const n = plan.panel.assessorsPerCandidate;
  if (n < 3) problems.push(`每名考生的评分考评员不得少于 3 人，当前为 ${n} 人`);
  else if (n % 2 === 0) problems.push(`每名考生的评分考评员人数应为奇数，当前为 ${n} 人`);
  return [...problems, ...weightProblems(plan), ...methodProblems(plan)];
}

/** Validates a plan as authored: the schema, then the rules above. */
export function parsePlan(input: unknown): Result<AssessmentPlan, string[]> {
  const parsed = assessmentPlan.safeParse(input);
  if (!parsed.success)
    return err(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)));
  const problems = planProblems(parsed.data);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}
