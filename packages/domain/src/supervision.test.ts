import { describe, expect, it } from 'vitest';
import {
  criterionStandard,
  scoreSupervision,
  SUPERVISION_CRITERIA,
  SUPERVISION_INDICATORS,
  SUPERVISION_MAX,
  SUPERVISION_VETOES,
  supervisionCriterion,
  supervisionReportInput,
  type SupervisionAnswer,
} from './index.ts';

const header = { supervisedOn: '2026-11-02', supervisorUnit: '质量管理部' };

/** Every criterion at its best grade (choice: option 0; checklist: every item). */
const best = (): Record<string, SupervisionAnswer> =>
  Object.fromEntries(SUPERVISION_CRITERIA.map((c) => [c.code, c.kind === 'choice' ? 0 : c.items.map((_, i) => i)]));

const messages = (input: unknown): string[] => {
  const r = supervisionReportInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('the 附件2 rubric', () => {
  it('has the annex’s six core indicators and their points, summing to 100', () => {
    expect(SUPERVISION_INDICATORS.map((i) => [i.name, i.max])).toEqual([
      ['计划执行', 5],
      ['资格审核', 10],
      ['试题保密', 15],
      ['考务组织', 50],
      ['成绩公示', 15],
      ['诉求反馈', 5],
    ]);
    expect(SUPERVISION_INDICATORS.reduce((s, i) => s + i.max, 0)).toBe(SUPERVISION_MAX);
    expect(SUPERVISION_CRITERIA).toHaveLength(15);
    expect(SUPERVISION_VETOES).toHaveLength(3);
  });

  it('grades choices as the annex does and scores checklists item by item', () => {
    const mode = supervisionCriterion('theory_mode');
    expect(mode?.kind === 'choice' && mode.options.map((o) => o.points)).toEqual([7, 5, 0]);
    expect(criterionStandard(mode!)).toBe(
      '按规定考核方案采用机考（7分）；采用纸笔作答（5分）；未按规定考核方案，随意变更考核方式（0分）。',
    );
    const points = (code: string) => {
      const c = supervisionCriterion(code);
      return c?.kind === 'checklist' ? c.items.map((i) => i.points) : [];
    };
    expect(points('paper_handling')).toEqual([2, 2, 2, 2]);
    expect(points('room_setup')).toEqual([2, 2, 2, 2, 2]);
    expect(points('assessors')).toEqual([2, 2, 3, 3]);
    expect(points('score_entry')).toEqual([3, 3, 2, 2]);
    const setup = supervisionCriterion('room_setup');
    expect(setup?.kind === 'checklist' && setup.items[0]?.text).toBe('考场内张贴考场规则');
    expect(criterionStandard(setup!)).toContain(
      '（上述项目全部执行到位得10分，有未执行的该项目不得分，总得分在0-10分间）',
    );
  });

  it('puts 成绩公示 and 诉求反馈 after the publicity, everything else on exam day', () => {
    expect(SUPERVISION_INDICATORS.filter((i) => i.part === 'after_publicity').map((i) => i.name)).toEqual([
      '成绩公示',
      '诉求反馈',
    ]);
  });
});

describe('scoring a report', () => {
  it('gives 100 for every criterion at its best grade, complete with nothing missing', () => {
    const score = scoreSupervision(supervisionReportInput.parse({ ...header, answers: best() }));
    expect(score).toMatchObject({ total: 100, points: 100, vetoed: false, complete: true, missing: [] });
    expect(score.indicators.map((i) => i.score)).toEqual([5, 10, 15, 50, 15, 5]);
  });

  it('scores lower grades and the checklist items executed', () => {
    const answers = { ...best(), theory_mode: 1, paper_handling: [0, 3], assessors: [2], video: 2 };
    const score = scoreSupervision(supervisionReportInput.parse({ ...header, answers }));
    const security = score.indicators.find((i) => i.code === 'security');
    expect(security?.criteria.map((c) => c.score)).toEqual([5, 4]);
    expect(security?.score).toBe(9);
    expect(score.total).toBe(100 - 2 - 4 - 7 - 10);
  });

  it('zeroes the total when any veto is found, and the vetoed report counts as complete', () => {
    const full = scoreSupervision(supervisionReportInput.parse({ ...header, answers: best(), vetoes: ['disorder'] }));
    expect(full).toMatchObject({ total: 0, points: 100, vetoed: true, complete: true });
    const early = scoreSupervision(
      supervisionReportInput.parse({ ...header, answers: { scope: 0 }, vetoes: ['leak'] }),
    );
    expect(early).toMatchObject({ total: 0, vetoed: true, complete: true });
    expect(early.missing).toHaveLength(14);
  });

  it('scores a partial report (the exam-day part) and names what is still missing, in the annex’s order', () => {
    const examDay = Object.fromEntries(
      Object.entries(best()).filter(([code]) => supervisionCriterion(code)?.indicator.part === 'exam_day'),
    );
    const score = scoreSupervision(supervisionReportInput.parse({ ...header, answers: examDay }));
    expect(score).toMatchObject({
      total: 80,
      complete: false,
      missing: ['score_entry', 'result_publicity', 'complaint_handling'],
    });
    expect(score.indicators.find((i) => i.code === 'results')).toMatchObject({ score: 0, complete: false });
    expect(score.indicators.find((i) => i.code === 'results')?.criteria.map((c) => c.score)).toEqual([null, null]);
    const empty = scoreSupervision(supervisionReportInput.parse(header));
    expect(empty).toMatchObject({ total: 0, complete: false });
    expect(empty.missing).toHaveLength(15);
  });

  it('counts an empty checklist as assessed with nothing executed', () => {
    const score = scoreSupervision(supervisionReportInput.parse({ ...header, answers: { ...best(), room_setup: [] } }));
    expect(score).toMatchObject({ total: 90, complete: true });
  });
});

describe('validating a report against the rubric', () => {
  it('refuses an option or item that does not exist, naming the criterion', () => {
    expect(messages({ ...header, answers: { theory_mode: 3 } })).toEqual([
      '「试题保密·理论考核方式」没有第 4 个评估标准（共 3 个）',
    ]);
    expect(messages({ ...header, answers: { paper_handling: [0, 4] } })).toEqual([
      '「试题保密·制卷、传送」没有第 5 项（共 4 项）',
    ]);
    expect(messages({ ...header, answers: { room_setup: [1, 1] } })).toEqual(['「考务组织·考场布置」第 2 项重复']);
    expect(messages({ ...header, answers: { video: -1 } })).toEqual([
      '「考务组织·视频监控」没有第 0 个评估标准（共 3 个）',
    ]);
  });

  it('refuses a list for a choice, a number for a checklist, unknown criteria and vetoes', () => {
    expect(messages({ ...header, answers: { scope: [0] } })).toEqual(['「计划执行·认定范围、时间」应选择一个评估标准']);
    expect(messages({ ...header, answers: { assessors: 2 } })).toEqual([
      '「考务组织·考评人员安排」应列出执行到位的项目',
    ]);
    expect(messages({ ...header, answers: { bribery: 0 } })).toEqual(['没有评估项 bribery']);
    expect(messages({ ...header, vetoes: ['leak', 'leak', 'fire'] })).toEqual(['否决项 leak 重复', '没有否决项 fire']);
    expect(messages({ ...header, answers: { theory_mode: 1.5 } })).toHaveLength(1);
  });

  it('needs the date and the supervisor’s unit', () => {
    expect(messages({ supervisedOn: '2026/11/02', supervisorUnit: ' ' })).toEqual([
      '督导时间应为日期，例如 2026-11-02',
      '请填写督导员工作单位',
    ]);
    expect(messages({ supervisedOn: '2026-11-02' })).toEqual(['请填写督导员工作单位']);
    expect(messages({ ...header, answers: { scope: 'yes' }, extra: 1 })).toEqual([
      '评估结果应为所选评估标准的序号，或执行到位的项目序号列表',
      '督导报告没有这些内容：extra',
    ]);
  });

  it('orders checklist items and vetoes, so equal reports are equal', () => {
    const a = supervisionReportInput.parse({
      ...header,
      answers: { room_setup: [4, 0, 2] },
      vetoes: ['disorder', 'leak'],
    });
    expect(a.answers.room_setup).toEqual([0, 2, 4]);
    expect(a.vetoes).toEqual(['leak', 'disorder']);
    expect(a.opinion).toBe('');
  });
});
