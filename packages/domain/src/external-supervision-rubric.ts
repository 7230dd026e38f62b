/**
 * 附件3 技能人才评价专家资格认定外督情况登记表（试行）(seed 004) as data, in the same shapes as 附件2: five core
 * indicators worth 100 points, their sub-indicators with the annex's wording and points, and three veto items.
 * The internal and the external supervisor (外督人员) fill it together on exam day. Browser-safe.
 *
 * Where the annex grades one line of a numbered list (考场布置 1 and 2 have a 1-point middle grade), that line is
 * its own choice; 试卷管理 has two alternative lists (纸笔形式, 机考形式) of which the batch's form applies.
 */

import {
  criterionScore,
  rubricChecklist as checklist,
  rubricChoice as choice,
  rubricIndicator as indicator,
  scoreRubric,
  type SupervisionCriterion,
  type SupervisionIndicator,
  type SupervisionReport,
  type SupervisionScore,
  type SupervisionVeto,
} from './supervision-rubric.ts';

export const EXTERNAL_SUPERVISION_TITLE = '技能人才评价专家资格认定外督情况登记表（试行）';
export const EXTERNAL_SUPERVISION_MAX = 100;

/** 试卷管理: exactly one of these applies (the batch's exam form), each worth the sub-indicator's 10 points. */
export const PAPER_MANAGEMENT_FORMS = ['papers_paper', 'papers_computer'] as const;

const paperForms: readonly SupervisionCriterion[] = [
  checklist('papers_paper', '试卷管理（纸笔形式）', [
    [3, '专人负责试卷保存，符合保密要求'],
    [2, '保密室出入执行双人双锁'],
    [3, '专人负责试卷传送，且同时2人及以上在场'],
    [2, '试卷交接执行签字手续'],
  ]),
  checklist('papers_computer', '试卷管理（机考形式）', [
    [5, '计算机设备、网络等符合保密安全要求'],
    [5, '试题传输、保存等由专人操作执行，且2人及以上在场'],
  ]),
];

const handbook = checklist('handbook', '考务手册', [
  [2, '确定考试人数、对象、考核方式'],
  [2, '明确考试时间'],
  [2, '明确考务人员安排（考务人员含监考人员、现场工作人员、考评人员、内督人员等，按实际考务要求配备）'],
  [2, '明确考务人员工作流程、职责'],
  [2, '明确考场规则与相关制度、应急预案等'],
]);

export const EXTERNAL_SUPERVISION_INDICATORS: readonly SupervisionIndicator[] = [
  indicator('plan', '计划执行', 'exam_day', [
    choice('scope', '资格认定范围与时间', [
      [3, '评价专家资格认定职业（工种）与等级、时间与工作方案、公告一致'],
      [0, '不一致'],
    ]),
    choice('venue', '认定地点', [
      [2, '资格认定地点与核定公布信息一致'],
      [0, '不完全一致'],
    ]),
  ]),
  // Its max is 考务手册 10 + 试卷管理 10: only one of the two paper lists counts.
  { ...indicator('preparation', '前期准备', 'exam_day', [handbook, ...paperForms]), max: handbook.max + 10 },
  indicator('rooms', '考场与设备', 'exam_day', [
    choice('signage', '考场布置·导向标识', [
      [2, '进入考场有清晰的导向或指示标识'],
      [1, '有导向或指示标识，但覆盖不全'],
      [0, '无导向或指示标识'],
    ]),
    choice('zones', '考场布置·功能区域', [
      [2, '考场功能区域（如：候考区、检录区、应急通道、进离场线路等）安排、划分清晰，设置合理'],
      [1, '划分欠缺，未对考试及现场秩序造成较大影响'],
      [0, '无功能区域安排划分，或安排不妥当，造成秩序混乱，或对考试造成较大影响'],
    ]),
    checklist('room_setup', '考场布置', [
      [2, '张贴考场规则'],
      [2, '张贴考生名单'],
      [2, '考场内有明显警示语及评价专家类型相关信息，如：提示评价专家类型、本场考试时间等'],
      [2, '考场内有指定存放物品的场地'],
    ]),
    choice('theory_rooms', '场地设备·理论考场', [
      [3, '教室、机位安排符合资格认定所需的规格与安全要求，间隔合理，数量充足'],
      [0, '符合规格、安全要求，但考位数量、间隔设置不够合理，无法满足考核要求'],
    ]),
    choice('skill_rooms', '场地设备·专业技能考场', [
      [3, '场地、工位安排符合资格认定所需的规格与安全要求，间隔合理，数量充足'],
      [0, '符合规格、安全要求，但考位数量、间隔设置不够合理，无法满足考核要求'],
    ]),
    checklist('monitoring', '监控设备', [
      [3, '考场前、后或重点区域均设置监控设备，监控全覆盖'],
      [3, '考试现场有专人负责监控大屏调试或管理'],
    ]),
    choice('recording', '监控设备·录制', [
      [6, '考试现场实行全程视频监控并录制，影像清晰，考试过程可追溯'],
      [3, '考试现场全程视频监控，影像部分欠清晰，但尚可追溯'],
      [0, '监控覆盖不全，或影像不清晰，或未对考试现场进行录制'],
    ]),
  ]),
  indicator('management', '资格认定管理', 'exam_day', [
    choice('exam_staff', '考务人员安排', [
      [7, '现场工作人员、监考人员数量符合资格认定要求，持证上岗，岗位职责履行到位'],
      [3, '工作人员数量不足，且未持证上岗，岗位职责履行基本到位'],
      [0, '考务人员未全面安排工作或岗位职责履行不到位'],
    ]),
    checklist('assessors', '考评人员安排', [
      [4, '考评人员数量符合资格认定要求（至少3人及以上），符合国家职业标准相关要求'],
      [2, '考评人员持证上岗'],
      [3, '考评人员工作行为良好，公正执评'],
      [3, '考评人员评分记录清晰，履行签字手续'],
    ]),
    choice('internal_supervisors', '内督人员安排', [
      [6, '内督人员数量符合要求（至少2人），持证上岗，履行职责到位'],
      [3, '人数不足或未持证上岗，履行职责基本到位'],
      [0, '未派遣内督人员，或履行职责不到位'],
    ]),
    choice('order', '考场秩序', [
      [15, '考场秩序正常，无违纪违规行为；或出现个别违纪违规行为，能按规定及时处理，并做好完整记录'],
      [8, '考场秩序基本正常，出现个别违纪违规行为，监考人员未发现，经督导人员提醒后能按规定处理并做好完整记录'],
      [4, '考场秩序基本正常，出现个别违纪违规行为，处理记录不够完整'],
      [0, '出现个别违纪违规行为，监考人员未当场发现，未能及时处理或处理过程记录严重缺失'],
    ]),
  ]),
  indicator('complaints', '诉求反馈', 'exam_day', [
    choice('complaint_handling', '投诉处理', [
      [5, '考试现场无投诉'],
      [2, '出现投诉，处理及时，未造成后续影响'],
      [0, '出现投诉，未处理造成后续影响'],
    ]),
  ]),
];

/** 否决项: any one makes the external supervision score 0 (当次外督得分为0分). */
export const EXTERNAL_SUPERVISION_VETOES: readonly SupervisionVeto[] = [
  { code: 'leak', text: '试卷在资格认定前泄题。' },
  { code: 'disorder', text: '考场秩序混乱，出现大范围违纪违规行为，或资格认定管理人员协助、纵容考生舞弊。' },
  { code: 'accident', text: '考试现场出现安全事故，或出现事故后，第一责任人未及时到场处理。' },
];

const isPaperForm = (code: string): boolean => (PAPER_MANAGEMENT_FORMS as readonly string[]).includes(code);

/**
 * Scores a 附件3 report like scoreSupervision scores 附件2. Of the two 试卷管理 lists the one answered counts
 * (the first, should both be); neither answered leaves 试卷管理 missing, named `papers`.
 */
export function scoreExternalSupervision(report: Pick<SupervisionReport, 'answers' | 'vetoes'>): SupervisionScore {
  const form = PAPER_MANAGEMENT_FORMS.find((code) => report.answers[code] !== undefined);
  return scoreRubric(EXTERNAL_SUPERVISION_INDICATORS, EXTERNAL_SUPERVISION_VETOES, report, (i, answers) =>
    i.criteria
      .filter((c) => !isPaperForm(c.code) || c.code === (form ?? PAPER_MANAGEMENT_FORMS[0]))
      .map((c) => ({
        code: isPaperForm(c.code) && form === undefined ? 'papers' : c.code,
        name: isPaperForm(c.code) && form === undefined ? '试卷管理' : c.name,
        max: c.max,
        score: criterionScore(c, answers[c.code]),
      })),
  );
}
