import { err, FILING_STEP_NAMES, ok, type FilingState, type FilingStep, type Result } from '@kaowu/domain';
import { addWorkingDays, workingDayBefore, type WorkingDaysProblem } from './working-days.ts';

/** The regions whose filing deadlines Kaowu knows, from their policy documents. */
export const FILING_REGIONS = ['nanxun', 'hefei', 'sichuan', 'jiangmen'] as const;
export type FilingRegion = (typeof FILING_REGIONS)[number];

/** Deadlines in working days; null where the region's document sets none. */
export interface FilingRules {
  /** The plan filed with the authority this many working days before the exam. */
  readonly planWorkingDays: number | null;
  /** The candidate list published this many working days before the exam. */
  readonly candidateListWorkingDays: number;
  /** The results publicity lasts at least this many working days. */
  readonly publicityWorkingDays: number;
  /** The results filed within this many working days after the publicity ends. */
  readonly resultsWorkingDays: number | null;
}

export interface FilingPreset {
  readonly name: string;
  /** The document the numbers come from. */
  readonly source: string;
  readonly rules: FilingRules;
}

/**
 * Each region's numbers as its document states them. Jiangmen counts its publicity in calendar days (≥5 天);
 * Kaowu's publicity is always ≥5 working days, which covers it. Results are due after the publicity ends
 * (Hefei 第十六条 "经公示无异议的，10个工作日内"; Jiangmen "公示结束后的20个工作日内").
 */
export const FILING_PRESETS: Readonly<Record<FilingRegion, FilingPreset>> = {
  nanxun: {
    name: '湖州市南浔区',
    source: '浔人社发〔2023〕5号',
    rules: { planWorkingDays: null, candidateListWorkingDays: 5, publicityWorkingDays: 5, resultsWorkingDays: null },
  },
  hefei: {
    name: '合肥市',
    source: '合人社秘〔2023〕132号 第十四、十六条',
    rules: { planWorkingDays: 10, candidateListWorkingDays: 5, publicityWorkingDays: 5, resultsWorkingDays: 10 },
  },
  sichuan: {
    name: '四川省',
    source: '川人社办发〔2019〕94号',
    rules: { planWorkingDays: 15, candidateListWorkingDays: 5, publicityWorkingDays: 5, resultsWorkingDays: null },
  },
  jiangmen: {
    name: '江门市',
    source: '江人社发〔2024〕36号',
    rules: { planWorkingDays: 5, candidateListWorkingDays: 5, publicityWorkingDays: 5, resultsWorkingDays: 20 },
  },
};

export interface FilingDone {
  /** YYYY-MM-DD (China date). */
  readonly on: string;
  readonly by: string;
}

export interface TimelineInput {
  readonly rules: FilingRules;
  /** The first and last exam days (China dates). */
  readonly examFirstDay: string;
  readonly examLastDay: string;
  /** The results publicity's window once published. */
  readonly publicity?: { readonly firstDay: string; readonly lastDay: string } | undefined;
  readonly done: Partial<Record<FilingStep, FilingDone>>;
  readonly today: string;
}

export interface TimelineStep {
  readonly step: FilingStep;
  readonly name: string;
  /** The rule in words: 考试前 10 个工作日. */
  readonly rule: string;
  readonly dueOn: string | null;
  /** The due date is an estimate: counted from the earliest the publicity can end, until it is published. */
  readonly estimated: boolean;
  readonly done: FilingDone | null;
  readonly state: FilingState;
}

const stateOf = (dueOn: string | null, done: FilingDone | undefined, today: string): FilingState => {
  if (done !== undefined) return dueOn !== null && done.on > dueOn ? 'late' : 'done';
  return dueOn !== null && today > dueOn ? 'overdue' : 'pending';
};

/**
 * The batch's filing timeline. Refuses (holiday_data_missing) when a date falls in a year chinese-days has no
 * holiday arrangement for, rather than counting weekends only.
 */
export function filingTimeline(input: TimelineInput): Result<TimelineStep[], WorkingDaysProblem> {
  const { rules, done, today } = input;
  const steps: TimelineStep[] = [];
  const push = (step: FilingStep, rule: string, dueOn: string | null, estimated = false) =>
    steps.push({
      step,
      name: FILING_STEP_NAMES[step],
      rule,
      dueOn,
      estimated,
      done: done[step] ?? null,
      state: stateOf(dueOn, done[step], today),
    });
  try {
    const must = (r: Result<string, WorkingDaysProblem>): string => {
      if (!r.ok) throw r.error;
      return r.value;
    };
    const plan = rules.planWorkingDays;
    push(
      'plan_filed',
      plan === null ? '本地区文件未规定备案期限' : `考试前 ${plan} 个工作日`,
      plan === null ? null : must(workingDayBefore(input.examFirstDay, plan)),
    );
    const list = rules.candidateListWorkingDays;
    push('candidate_list', `考试前 ${list} 个工作日公示`, must(workingDayBefore(input.examFirstDay, list)));
    const p = rules.publicityWorkingDays;
    // The publicity starts after the exam: the earliest it can end is p working days after the last exam day.
    const publicityEnd = input.publicity?.lastDay ?? must(addWorkingDays(input.examLastDay, p));
    push(
      'results_publicity',
      `考试后公示不少于 ${p} 个工作日`,
      input.publicity === undefined ? null : input.publicity.lastDay,
    );
    const r = rules.resultsWorkingDays;
    push(
      'results_filed',
      r === null ? '本地区文件未规定备案期限' : `公示期满后 ${r} 个工作日内`,
      r === null ? null : must(addWorkingDays(publicityEnd, r)),
      r !== null && input.publicity === undefined,
    );
  } catch (e) {
    return err(e as WorkingDaysProblem);
  }
  return ok(steps);
}
