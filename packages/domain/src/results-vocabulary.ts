/**
 * The words of results: decisions, eligibility, publicity and objections, as the console, the CLI, the forms
 * and the audit trail name them. Typed records: a new value without its Chinese name fails the typecheck.
 */

/** A candidate's decision. */
export const DECISION_OUTCOMES = ['pass', 'fail', 'pending'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_NAMES: Readonly<Record<DecisionOutcome, string>> = {
  pass: '合格',
  fail: '不合格',
  pending: '待定',
};

/** A candidate against the plan's eligibility conditions; `missing`: no application entered yet. */
export const ELIGIBILITY_OUTCOMES = ['eligible', 'ineligible', 'missing'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];
export const ELIGIBILITY_OUTCOME_NAMES: Readonly<Record<EligibilityOutcome, string>> = {
  eligible: '符合',
  ineligible: '不符合',
  missing: '未录入申报信息',
};

/** Where a batch's publicity stands. */
export const PUBLICITY_STATES = ['open', 'awaiting_objections', 'final'] as const;
export type PublicityState = (typeof PUBLICITY_STATES)[number];
export const PUBLICITY_STATE_NAMES: Readonly<Record<PublicityState, string>> = {
  open: '公示中',
  awaiting_objections: '公示期满，尚有异议未处理',
  final: '公示期满无异议，结果生效',
};

/** How the evaluation committee resolved an objection. */
export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];
export const OBJECTION_OUTCOME_NAMES: Readonly<Record<ObjectionOutcome, string>> = {
  upheld: '异议成立',
  dismissed: '异议不成立',
};
