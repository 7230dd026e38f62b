import type { AssessmentPlanView, ComponentKind, PlanProblem } from '../../contract.ts';

/**
 * The assessment plan as the editor holds it: text as typed, turned into the plan the server checks. The rules
 * (weights, pass lines, panel size, what a method needs) are the domain's, applied by the server; the form only
 * says when a number is not a number, and adds up the weights as a hint.
 */
export interface ComponentRow {
  code: string;
  name: string;
  kind: ComponentKind;
  weight: string;
  /** '' = no pass line of its own. */
  passLine: string;
  /** '' = required (必考); otherwise the elective group's code (选考). */
  group: string;
  /** Settings the form does not edit (a theory component's multiple-choice rule), kept as loaded. */
  extra: Record<string, unknown>;
}
export interface GroupRow {
  code: string;
  name: string;
  choose: string;
}
export interface PlanForm {
  method: string;
  components: ComponentRow[];
  groups: GroupRow[];
  compositePassLine: string;
  assessorsPerCandidate: string;
  aggregation: 'mean' | 'trimmed_mean';
  spreadThreshold: string;
  minPensionMonths: string;
  dispatchedMinYears: string;
  retirementMale: string;
  retirementFemale: string;
  eligibilityAsOf: string;
  /** The loaded plan's other settings (eligibility paths, related occupations, the trade), sent back unchanged. */
  rest: { eligibility: Record<string, unknown>; occupation?: AssessmentPlanView['occupation'] };
}

/** An internal code not yet taken: `base`, else base2, base3… (people never see or type codes). */
export function freshCode(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
}

const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** A new plan: 考核认定 with theory and practical, the usual pass line of 60, weights for the user to set. */
export function newPlanForm(): PlanForm {
  return {
    method: 'assessment',
    components: [
      { code: 'theory', name: '理论知识', kind: 'theory', weight: '', passLine: '60', group: '', extra: {} },
      { code: 'skill', name: '操作技能', kind: 'practical', weight: '', passLine: '60', group: '', extra: {} },
    ],
    groups: [],
    compositePassLine: '',
    assessorsPerCandidate: '3',
    aggregation: 'mean',
    spreadThreshold: '15',
    minPensionMonths: '',
    dispatchedMinYears: '',
    retirementMale: '',
    retirementFemale: '',
    eligibilityAsOf: '',
    rest: { eligibility: {} },
  };
}

export function planForm(saved: AssessmentPlanView, eligibilityAsOf: string | null): PlanForm {
  // A copy: the settings kept as loaded must not share objects with the saved plan the page shows.
  const plan = structuredClone(saved);
  const { minPensionMonths, dispatchedMinYears, retirementAge, ...eligibility } = plan.eligibility;
  return {
    method: plan.method,
    components: plan.components.map(({ code, name, kind, weight, passLine, group, ...extra }) => ({
      code,
      name,
      kind,
      weight: text(weight),
      passLine: text(passLine),
      group: group ?? '',
      extra,
    })),
    groups: plan.electiveGroups.map((g) => ({ code: g.code, name: g.name, choose: text(g.choose) })),
    compositePassLine: text(plan.compositePassLine),
    assessorsPerCandidate: text(plan.panel.assessorsPerCandidate),
    aggregation: plan.panel.aggregation,
    spreadThreshold: text(plan.panel.spreadThreshold),
    minPensionMonths: text(minPensionMonths),
    dispatchedMinYears: text(dispatchedMinYears),
    retirementMale: text(retirementAge?.male),
    retirementFemale: text(retirementAge?.female),
    eligibilityAsOf: eligibilityAsOf ?? '',
    rest: { eligibility, occupation: plan.occupation },
  };
}

/** A number field that does not read as a number: a hint at its field, and the plan is not sent. */
const NUMBER = /^-?\d+(\.\d+)?$/;

export interface Built {
  /** The plan to check or save, or undefined while some number does not read. */
  readonly plan: Record<string, unknown> | undefined;
  readonly hints: PlanProblem[];
}

export function buildPlan(form: PlanForm): Built {
  const hints: PlanProblem[] = [];
  const num = (value: string, field: string, label: string, optional = false): number | undefined => {
    const t = value.trim();
    if (t === '') {
      if (!optional) hints.push({ field, message: `请填写${label}` });
      return undefined;
    }
    if (!NUMBER.test(t)) {
      hints.push({ field, message: `${label}“${t}”不是数字` });
      return undefined;
    }
    return Number(t);
  };
  const components = form.components.map((c, i) => {
    const passLine = num(c.passLine, `components.${i}.passLine`, '合格线', true);
    return {
      ...c.extra,
      code: c.code.trim(),
      name: c.name.trim(),
      kind: c.kind,
      weight: num(c.weight, `components.${i}.weight`, '权重'),
      passLine: passLine ?? null,
      ...(c.group === '' ? {} : { group: c.group }),
    };
  });
  const electiveGroups = form.groups.map((g, i) => ({
    code: g.code.trim(),
    name: g.name.trim(),
    choose: num(g.choose, `electiveGroups.${i}.choose`, '选考个数'),
  }));
  const male = num(form.retirementMale, 'eligibility.retirementAge.male', '男性退休年龄', true);
  const female = num(form.retirementFemale, 'eligibility.retirementAge.female', '女性退休年龄', true);
  if ((male === undefined) !== (female === undefined))
    hints.push({ field: 'eligibility.retirementAge', message: '退休年龄须同时填写男、女' });
  const minPensionMonths = num(form.minPensionMonths, 'eligibility.minPensionMonths', '养老保险最少月数', true);
  const dispatchedMinYears = num(form.dispatchedMinYears, 'eligibility.dispatchedMinYears', '劳务派遣最少年限', true);
  const eligibility = {
    ...form.rest.eligibility,
    ...(minPensionMonths === undefined ? {} : { minPensionMonths }),
    ...(dispatchedMinYears === undefined ? {} : { dispatchedMinYears }),
    ...(male === undefined || female === undefined ? {} : { retirementAge: { male, female } }),
  };
  const plan = {
    ...(form.rest.occupation ? { occupation: form.rest.occupation } : {}),
    method: form.method,
    components,
    electiveGroups,
    compositePassLine: num(form.compositePassLine, 'compositePassLine', '综合成绩合格线', true) ?? null,
    panel: {
      assessorsPerCandidate: num(form.assessorsPerCandidate, 'panel.assessorsPerCandidate', '每名考生的考评员人数'),
      aggregation: form.aggregation,
      spreadThreshold: num(form.spreadThreshold, 'panel.spreadThreshold', '分差阈值'),
    },
    eligibility,
  };
  return { plan: hints.length === 0 ? plan : undefined, hints };
}

/**
 * The weights as they add up: required components, plus each elective group's chosen share
 * (a hint; the rule is the server's).
 */
export function weightTotal(form: PlanForm): number {
  const w = (t: string): number => (NUMBER.test(t.trim()) ? Number(t) : 0);
  let total = form.components.filter((c) => c.group === '').reduce((s, c) => s + w(c.weight), 0);
  for (const g of form.groups) {
    const modules = form.components.filter((c) => c.group === g.code);
    total += Math.min(w(g.choose), modules.length) * (modules[0] ? w(modules[0].weight) : 0);
  }
  return total;
}

/** Problems at one field (exact path), and those about the plan as a whole or fields the form has no place for. */
export const problemsAt = (problems: readonly PlanProblem[], field: string): PlanProblem[] =>
  problems.filter((p) => p.field === field);

export function generalProblems(problems: readonly PlanProblem[], form: PlanForm): PlanProblem[] {
  const placed = new Set<string>();
  form.components.forEach((_, i) =>
    ['code', 'name', 'kind', 'weight', 'passLine', 'group'].forEach((k) => placed.add(`components.${i}.${k}`)),
  );
  form.groups.forEach((_, i) => ['code', 'name', 'choose'].forEach((k) => placed.add(`electiveGroups.${i}.${k}`)));
  return problems.filter((p) => !placed.has(p.field));
}

/** A field path as users read it: components.1.weight → 第 2 项 权重. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  code: '代码',
  name: '名称',
  kind: '类型',
  weight: '权重',
  passLine: '合格线',
  group: '必考/选考',
  choose: '选考个数',
  method: '认定方式',
  compositePassLine: '综合成绩合格线',
  assessorsPerCandidate: '每名考生的考评员人数',
  spreadThreshold: '分差阈值',
  aggregation: '计分方法',
  minPensionMonths: '养老保险最少月数',
  dispatchedMinYears: '劳务派遣最少年限',
  retirementAge: '退休年龄',
  male: '男',
  female: '女',
  eligibility: '申报条件',
  panel: '考评',
};
export function fieldLabel(field: string): string {
  const parts = field.split('.');
  if (parts[0] === 'components' && parts[1] !== undefined)
    return `第 ${Number(parts[1]) + 1} 个组成部分 ${FIELD_WORDS[parts[2] ?? ''] ?? parts.slice(2).join('.')}`.trim();
  if (parts[0] === 'electiveGroups' && parts[1] !== undefined)
    return `第 ${Number(parts[1]) + 1} 个选考模块组 ${FIELD_WORDS[parts[2] ?? ''] ?? ''}`.trim();
  return parts.map((p) => FIELD_WORDS[p] ?? p).join(' ');
}
