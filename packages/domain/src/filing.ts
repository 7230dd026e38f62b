/** The steps of a batch's filing timeline (issue 16) and their names, shared by the services, CLI and console. */
export const FILING_STEPS = ['plan_filed', 'candidate_list', 'results_publicity', 'results_filed'] as const;
export type FilingStep = (typeof FILING_STEPS)[number];
export const FILING_STEP_NAMES: Readonly<Record<FilingStep, string>> = {
  plan_filed: '认定计划备案',
  candidate_list: '考生名单公示',
  results_publicity: '认定结果公示',
  results_filed: '认定结果备案',
};

/** done: on or before the due date; late: done after it; overdue: not done and the due date has passed. */
export type FilingState = 'done' | 'late' | 'overdue' | 'pending';
export const FILING_STATE_NAMES: Readonly<Record<FilingState, string>> = {
  done: '已完成',
  late: '逾期完成',
  overdue: '已逾期',
  pending: '未到期',
};
