import {
  SUPERVISION_CRITERIA,
  SUPERVISION_VETOES,
  type SupervisionAnswer,
  type SupervisionCriterion,
  type SupervisionVeto,
  type SupervisionReport,
  chinaDate,
} from '@kaowu/domain/browser';

/** The report being filled in: what the form edits, sent as it is on save. */
export interface Draft {
  supervisedOn: string;
  supervisorUnit: string;
  answers: Record<string, SupervisionAnswer>;
  vetoes: string[];
  opinion: string;
}

/** Today in China (the supervisor's calendar), YYYY-MM-DD. */
export const chinaToday = (): string => chinaDate(new Date());

export const draftOf = (report: SupervisionReport | null): Draft =>
  report === null
    ? { supervisedOn: chinaToday(), supervisorUnit: '', answers: {}, vetoes: [], opinion: '' }
    : {
        supervisedOn: report.supervisedOn,
        supervisorUnit: report.supervisorUnit,
        answers: { ...report.answers },
        vetoes: [...report.vetoes],
        opinion: report.opinion,
      };

/**
 * The draft as the server stores it (criteria and items in the annex's order, text trimmed),
 * to tell unsaved changes. The rubric is 附件2's unless another (附件3's) is given.
 */
export function normalised(
  d: Draft,
  criteria: readonly SupervisionCriterion[] = SUPERVISION_CRITERIA,
  vetoes: readonly SupervisionVeto[] = SUPERVISION_VETOES,
): string {
  const answers = criteria.flatMap((c) => {
    const a = d.answers[c.code];
    if (a === undefined) return [];
    return [[c.code, typeof a === 'number' ? a : [...a].sort((x, y) => x - y)] as const];
  });
  return JSON.stringify([
    d.supervisedOn,
    d.supervisorUnit.trim(),
    answers,
    vetoes.filter((v) => d.vetoes.includes(v.code)).map((v) => v.code),
    d.opinion.trim(),
  ]);
}

/**
 * A checklist answer with item `i` ticked or unticked (an untouched checklist becomes
 * "nothing executed" once touched).
 */
export function toggled(answer: SupervisionAnswer | undefined, i: number, on: boolean): number[] {
  const items = Array.isArray(answer) ? answer.filter((x) => x !== i) : [];
  return on ? [...items, i].sort((x, y) => x - y) : items;
}
