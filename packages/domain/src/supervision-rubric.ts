/**
 * 附件2 职业技能等级认定内部督导情况报告 (Nanxun 第十条(三)(四)) as data: six core indicators (核心指标) worth
 * 100 points, their sub-indicators (分项指标) with the annex's wording and points, and the three veto items
 * (否决项). Browser-safe (no zod, no node:) so the console scores with the same function as the server.
 */

/**
 * When the supervisor fills an indicator: on exam day (现场认定), or after the results' publicity, when the
 * policy asks for the report's 剩余部分 (成绩公示 and 诉求反馈).
 */
export const SUPERVISION_PARTS = ['exam_day', 'after_publicity'] as const;
export type SupervisionPart = (typeof SUPERVISION_PARTS)[number];
export const SUPERVISION_PART_NAMES: Readonly<Record<SupervisionPart, string>> = {
  exam_day: '认定当天填写',
  after_publicity: '成绩公示结束后填写',
};

export interface SupervisionOption {
  readonly points: number;
  /** The annex's wording of this grade. */
  readonly text: string;
}

export interface SupervisionChecklistItem {
  readonly points: number;
  readonly text: string;
}

interface CriterionBase {
  readonly code: string;
  /** 分项指标 */
  readonly name: string;
  readonly max: number;
}

/** One grade is chosen (e.g. 理论考核方式: 机考 7, 纸笔 5, 随意变更 0). */
export interface ChoiceCriterion extends CriterionBase {
  readonly kind: 'choice';
  readonly options: readonly SupervisionOption[];
}

/** Each item executed (执行到位) scores its points; an item not executed scores none. */
export interface ChecklistCriterion extends CriterionBase {
  readonly kind: 'checklist';
  readonly items: readonly SupervisionChecklistItem[];
}

export type SupervisionCriterion = ChoiceCriterion | ChecklistCriterion;

export interface SupervisionIndicator {
  readonly code: string;
  /** 核心指标 */
  readonly name: string;
  readonly max: number;
  readonly part: SupervisionPart;
  readonly criteria: readonly SupervisionCriterion[];
}

export interface SupervisionVeto {
  readonly code: string;
  readonly text: string;
}

const choice = (code: string, name: string, options: readonly [number, string][]): ChoiceCriterion => ({
  kind: 'choice',
  code,
  name,
  max: Math.max(...options.map(([p]) => p)),
  options: options.map(([points, text]) => ({ points, text })),
});
const checklist = (code: string, name: string, items: readonly [number, string][]): ChecklistCriterion => ({
  kind: 'checklist',
  code,
  name,
  max: items.reduce((s, [p]) => s + p, 0),
  items: items.map(([points, text]) => ({ points, text })),
});
const indicator = (
  code: string,
  name: string,
  part: SupervisionPart,
  criteria: readonly SupervisionCriterion[],
): SupervisionIndicator => ({
  code,
  name,
  part,
  criteria,
  max: criteria.reduce((s, c) => s + c.max, 0),
});

/** The builders, for the other supervision annex (附件3, external-supervision-rubric.ts). */
export { checklist as rubricChecklist, choice as rubricChoice, indicator as rubricIndicator };

/** The annex's rubric, in the annex's order. */
export const SUPERVISION_INDICATORS: readonly SupervisionIndicator[] = [
  indicator('plan', '计划执行', 'exam_day', [
    choice('scope', '认定范围、时间', [
      [3, '认定职业（工种）等级、时间与工作方案、公告一致'],
      [0, '不一致'],
    ]),
    choice('venue', '认定地点', [
      [2, '认定地点与核定公布信息一致'],
      [0, '不完全一致'],
    ]),
  ]),
  indicator('eligibility', '资格审核', 'exam_day', [
    choice('candidates', '考生资格', [
      [5, '考生资格符合国家职业技能标准（评价规范）'],
      [0, '认定过程中发现考生资格不符合国家职业技能标准（评价规范）'],
    ]),
    choice('eligibility_publicity', '资格公示', [
      [5, '通过审核的考生名单已经过公示'],
      [0, '未经过公示'],
    ]),
  ]),
  indicator('security', '试题保密', 'exam_day', [
    choice('theory_mode', '理论考核方式', [
      [7, '按规定考核方案采用机考'],
      [5, '采用纸笔作答'],
      [0, '未按规定考核方案，随意变更考核方式'],
    ]),
    checklist('paper_handling', '制卷、传送', [
      [2, '在专用保密室完成制卷、封装'],
      [2, '保密室出入执行双人双锁'],
      [2, '试卷传送同时2人以上在场'],
      [2, '试卷交接执行签字手续'],
    ]),
  ]),
  indicator('organisation', '考务组织', 'exam_day', [
    // The annex gives no lower grade: rooms that cannot hold the exam are a veto (否决项).
    choice('rooms', '教室、工位安排', [
      [5, '教室、工位安排根据实际认定人数符合规格与安全要求，间隔合理，数量充足'],
      [3, '符合规格与安全要求，但间隔与数量稍欠缺'],
    ]),
    checklist('room_setup', '考场布置', [
      // The annex prints 市场内, a typo for 考场内.
      [2, '考场内张贴考场规则'],
      [2, '张贴考生名单'],
      [2, '黑板书写警示语及考试科目信息，如：提示关闭手机，本场考试时间等'],
      [2, '有清晰的导向或指示标识'],
      [2, '有指定存放物品的场地'],
    ]),
    choice('video', '视频监控', [
      [10, '考试现场全程视频监控，影像清晰，考试过程可追溯'],
      [5, '监控覆盖不全，或影像欠清晰'],
      [0, '无视频监控'],
    ]),
    choice('exam_staff', '考务人员安排', [
      [5, '现场工作人员、监考人员安排到位，数量充足，岗位职责执行到位'],
      [3, '工作人员、监考人员安排数量稍欠缺，岗位职责执行基本到位'],
      [0, '考务人员安排与岗位职责执行不到位'],
    ]),
    checklist('assessors', '考评人员安排', [
      [2, '考评人员派遣数量符合认定人数要求'],
      [2, '派遣遵循回避制、轮换制、考评组长负责制'],
      [3, '考评人员工作行为良好，公正执评'],
      [3, '考评人员评分记录清晰，履行签字手续'],
    ]),
    choice('order', '考场秩序', [
      [10, '考场秩序良好，未出现违纪违规行为，或考场秩序基本正常，出现违纪违规行为并按规定处理'],
      [0, '出现违纪违规行为，但未发现或发现未进行处理'],
    ]),
  ]),
  indicator('results', '成绩公示', 'after_publicity', [
    checklist('score_entry', '成绩录入', [
      [3, '成绩录入实行双人复核'],
      [3, '按规定在一体化平台内上传成绩汇总表'],
      [2, '不随意对外透露成绩信息'],
      [2, '涉及成绩信息的试卷、表单等做好保存'],
    ]),
    choice('result_publicity', '结果公示', [
      [5, '认定结果按规定时间公示，公示信息脱敏'],
      [3, '按规定时间公示，公示信息未脱敏'],
      [0, '未按规定时间公示'],
    ]),
  ]),
  indicator('complaints', '诉求反馈', 'after_publicity', [
    choice('complaint_handling', '投诉处理', [
      [5, '当次考试无投诉'],
      [3, '出现投诉，处理及时，未造成后续影响'],
      [0, '出现投诉，未处理造成后续影响'],
    ]),
  ]),
];

/** 否决项: any one zeroes the report and halts this batch (暂停本次认定). */
export const SUPERVISION_VETOES: readonly SupervisionVeto[] = [
  { code: 'leak', text: '认定试卷在考前泄题。' },
  { code: 'unfit_rooms', text: '考场安排、工位数量无法满足实际考核，不符合认定规格与安全要求。' },
  { code: 'disorder', text: '考场秩序混乱，出现大范围违纪违规行为，或评价机构协助、纵容考生舞弊。' },
];

export const SUPERVISION_MAX = 100;
export const SUPERVISION_VETO_NOTE = '说明：触犯任何一项即本次内督得分为0，且暂停本次认定。';
export const SUPERVISION_REPORT_TITLE = '职业技能等级认定内部督导情况报告';

export const SUPERVISION_CRITERIA: readonly (SupervisionCriterion & { readonly indicator: SupervisionIndicator })[] =
  SUPERVISION_INDICATORS.flatMap((i) => i.criteria.map((c) => ({ ...c, indicator: i })));
const CRITERIA_BY_CODE = new Map(SUPERVISION_CRITERIA.map((c) => [c.code, c]));
export const supervisionCriterion = (
  code: string,
): (SupervisionCriterion & { readonly indicator: SupervisionIndicator }) | undefined => CRITERIA_BY_CODE.get(code);

/** The annex's 评估标准 column: the grades with their points, or the numbered checklist with its rule. */
export function criterionStandard(c: SupervisionCriterion): string {
  if (c.kind === 'choice') return `${c.options.map((o) => `${o.text}（${o.points}分）`).join('；')}。`;
  const items = c.items.map((item, i) => `${i + 1}.${item.text}（${item.points}分）；`).join('\n');
  return `${items}\n（上述项目全部执行到位得${c.max}分，有未执行的该项目不得分，总得分在0-${c.max}分间）`;
}

/** A choice: the option's index; a checklist: the indices of the items executed (an empty list: none executed). */
export type SupervisionAnswer = number | readonly number[];

/** What the supervisor records; the header fields beside the rubric's answers. */
export interface SupervisionReport {
  /** 督导时间, YYYY-MM-DD. */
  readonly supervisedOn: string;
  /** 督导员工作单位 */
  readonly supervisorUnit: string;
  /** By criterion code; an absent code is not yet assessed. */
  readonly answers: Readonly<Record<string, SupervisionAnswer>>;
  /** Codes of the veto items found (否决项 打钩). */
  readonly vetoes: readonly string[];
  /** 内督人员意见或其他问题说明 */
  readonly opinion: string;
}

export interface CriterionScore {
  readonly code: string;
  readonly name: string;
  readonly max: number;
  /** null: not yet assessed. */
  readonly score: number | null;
}

export interface IndicatorScore {
  readonly code: string;
  readonly name: string;
  readonly max: number;
  readonly part: SupervisionPart;
  /** The points of the criteria assessed so far. */
  readonly score: number;
  readonly criteria: readonly CriterionScore[];
  readonly complete: boolean;
}

export interface SupervisionScore {
  readonly indicators: readonly IndicatorScore[];
  /** The sum of the indicators, before any veto. */
  readonly points: number;
  /** 合计: 0 when vetoed. */
  readonly total: number;
  readonly vetoed: boolean;
  /**
   * Every criterion assessed — or a veto found, which ends the assessment: the score is 0 and the batch is
   * halted, so there is no publicity left to assess.
   */
  readonly complete: boolean;
  /** Codes of the criteria not yet assessed, in the annex's order. */
  readonly missing: readonly string[];
}

/** The names of the criteria not yet assessed (`missing` holds their codes), in the annex's order, for people. */
export const missingNames = (score: SupervisionScore): string[] =>
  score.indicators.flatMap((i) => i.criteria.filter((c) => c.score === null).map((c) => c.name));

export function criterionScore(c: SupervisionCriterion, answer: SupervisionAnswer | undefined): number | null {
  if (answer === undefined) return null;
  if (c.kind === 'choice') return typeof answer === 'number' ? (c.options[answer]?.points ?? null) : null;
  if (typeof answer === 'number') return null;
  return [...new Set(answer)].reduce((s, i) => s + (c.items[i]?.points ?? 0), 0);
}

/** Each criterion of an indicator with its points for the answers (null: not assessed). */
const scoreEveryCriterion = (
  i: SupervisionIndicator,
  answers: SupervisionReport['answers'],
): readonly CriterionScore[] =>
  i.criteria.map((c) => ({ code: c.code, name: c.name, max: c.max, score: criterionScore(c, answers[c.code]) }));

/**
 * Scores a report against a rubric (附件2, 附件3): each indicator the sum of its criteria assessed so far, 合计
 * their sum or 0 when a veto is ticked, and what is not yet assessed. `criteriaOf` picks and scores an indicator's
 * criteria, where a rubric offers alternatives (附件3's two 试卷管理 lists); by default every criterion counts.
 */
export function scoreRubric(
  indicators: readonly SupervisionIndicator[],
  vetoes: readonly SupervisionVeto[],
  report: Pick<SupervisionReport, 'answers' | 'vetoes'>,
  criteriaOf: (
    i: SupervisionIndicator,
    answers: SupervisionReport['answers'],
  ) => readonly CriterionScore[] = scoreEveryCriterion,
): SupervisionScore {
  const scored = indicators.map((i): IndicatorScore => {
    const criteria = criteriaOf(i, report.answers);
    return {
      code: i.code,
      name: i.name,
      max: i.max,
      part: i.part,
      criteria,
      score: criteria.reduce((s, c) => s + (c.score ?? 0), 0),
      complete: criteria.every((c) => c.score !== null),
    };
  });
  const points = scored.reduce((s, i) => s + i.score, 0);
  const vetoed = report.vetoes.some((v) => vetoes.some((known) => known.code === v));
  const missing = scored.flatMap((i) => i.criteria.filter((c) => c.score === null).map((c) => c.code));
  return {
    indicators: scored,
    points,
    total: vetoed ? 0 : points,
    vetoed,
    complete: vetoed || missing.length === 0,
    missing,
  };
}

/**
 * Scores a report (validated by `supervisionReportInput`; an answer that does not fit its criterion counts as
 * not assessed). Partial reports score what has been assessed and name what has not.
 */
export function scoreSupervision(report: Pick<SupervisionReport, 'answers' | 'vetoes'>): SupervisionScore {
  return scoreRubric(SUPERVISION_INDICATORS, SUPERVISION_VETOES, report);
}
