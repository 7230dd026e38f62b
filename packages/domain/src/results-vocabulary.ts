/**
 * The words of results: decisions, eligibility, publicity and objections, as the console, the CLI, the forms
 * and the audit trail name them. Each is written once, as its names record: no value exists without its Chinese
 * name, and a table keyed by the value type elsewhere fails the typecheck when a value is added.
 */

import { keysOf } from './keys-of.ts';

/** A candidate's decision. */
export const DECISION_OUTCOME_NAMES = { pass: '合格', fail: '不合格', pending: '待定' } as const;
export type DecisionOutcome = keyof typeof DECISION_OUTCOME_NAMES;
export const DECISION_OUTCOMES = keysOf(DECISION_OUTCOME_NAMES);

/** A candidate against the plan's eligibility conditions; `missing`: no application entered yet. */
export const ELIGIBILITY_OUTCOME_NAMES = { eligible: '符合', ineligible: '不符合', missing: '未录入申报信息' } as const;
export type EligibilityOutcome = keyof typeof ELIGIBILITY_OUTCOME_NAMES;
export const ELIGIBILITY_OUTCOMES = keysOf(ELIGIBILITY_OUTCOME_NAMES);

/** Where a batch's publicity stands. */
export const PUBLICITY_STATE_NAMES = {
  open: '公示中',
  awaiting_objections: '公示期满，尚有异议未处理',
  final: '公示期满无异议，结果生效',
} as const;
export type PublicityState = keyof typeof PUBLICITY_STATE_NAMES;
export const PUBLICITY_STATES = keysOf(PUBLICITY_STATE_NAMES);

/** How the evaluation committee resolved an objection. */
export const OBJECTION_OUTCOME_NAMES = { upheld: '异议成立', dismissed: '异议不成立' } as const;
export type ObjectionOutcome = keyof typeof OBJECTION_OUTCOME_NAMES;
export const OBJECTION_OUTCOMES = keysOf(OBJECTION_OUTCOME_NAMES);
