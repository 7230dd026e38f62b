import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_SUPERVISION_INDICATORS,
  EXTERNAL_SUPERVISION_MAX,
  EXTERNAL_SUPERVISION_VETOES,
  missingNames,
  scoreExternalSupervision,
  type SupervisionAnswer,
} from './index.ts';

/** Every criterion at its best grade (choices: option 0; checklists: every item), on the given paper form. */
const fullMarks = (form: 'papers_paper' | 'papers_computer'): Record<string, SupervisionAnswer> =>
  Object.fromEntries(
    EXTERNAL_SUPERVISION_INDICATORS.flatMap((i) => i.criteria)
      .filter((c) => !c.code.startsWith('papers_') || c.code === form)
      .map((c) => [c.code, c.kind === 'choice' ? 0 : c.items.map((_, i) => i)]),
  );

describe('附件3 外督情况登记表: the rubric against the document', () => {
  it('has the annex’s core indicators and sub-indicators with their points, 100 in all', () => {
    // The annex's 核心指标 (分值) and 分项指标 分值 column, read off seed 004.
    expect(EXTERNAL_SUPERVISION_INDICATORS.map((i) => [i.name, i.max])).toEqual([
      ['计划执行', 5],
      ['前期准备', 20],
      ['考场与设备', 30],
      ['资格认定管理', 40],
      ['诉求反馈', 5],
    ]);
    const max = (code: string) =>
      EXTERNAL_SUPERVISION_INDICATORS.flatMap((i) => i.criteria).find((c) => c.code === code)!.max;
    expect([max('scope'), max('venue'), max('handbook'), max('papers_paper'), max('papers_computer')]).toEqual([
      3, 2, 10, 10, 10,
    ]);
    // 考场布置 12 (split where the annex grades a line), 场地设备 3 + 3, 监控设备 12.
    expect(max('signage') + max('zones') + max('room_setup')).toBe(12);
    expect([max('theory_rooms'), max('skill_rooms'), max('monitoring') + max('recording')]).toEqual([3, 3, 12]);
    expect([max('exam_staff'), max('assessors'), max('internal_supervisors'), max('order')]).toEqual([7, 12, 6, 15]);
    expect(max('complaint_handling')).toBe(5);
    expect(EXTERNAL_SUPERVISION_INDICATORS.reduce((s, i) => s + i.max, 0)).toBe(EXTERNAL_SUPERVISION_MAX);
    expect(EXTERNAL_SUPERVISION_VETOES).toHaveLength(3);
  });

  it('scores full marks as 100 on either paper form, and a veto as 0', () => {
    for (const form of ['papers_paper', 'papers_computer'] as const) {
      const s = scoreExternalSupervision({ answers: fullMarks(form), vetoes: [] });
      expect([s.total, s.complete, s.missing]).toEqual([100, true, []]);
    }
    const vetoed = scoreExternalSupervision({ answers: fullMarks('papers_computer'), vetoes: ['accident'] });
    expect([vetoed.points, vetoed.total, vetoed.vetoed]).toEqual([100, 0, true]);
  });

  it('scores a mixed report as counted by hand, and names what is not yet assessed', () => {
    const answers = {
      ...fullMarks('papers_paper'),
      signage: 1, // 覆盖不全 1
      room_setup: [0, 1, 3], // 警示语 missing: 6 of 8
      recording: 1, // 影像部分欠清晰 3 of 6
      order: 1, // 经提醒后处理 8 of 15
      complaint_handling: 1, // 投诉已及时处理 2 of 5
      papers_paper: [0, 1, 3], // 传送少于 2 人: 7 of 10
    };
    // 100 − 1 − 2 − 3 − 7 − 3 − 3 = 81
    expect(scoreExternalSupervision({ answers, vetoes: [] }).total).toBe(81);
    const { papers_paper: _p, order: _o, ...partial } = answers;
    const s = scoreExternalSupervision({ answers: partial, vetoes: [] });
    expect([s.complete, s.missing]).toEqual([false, ['papers', 'order']]);
    // People read them by the annex's names: the unanswered paper lists as 试卷管理.
    expect(missingNames(s)).toEqual(['试卷管理', '考场秩序']);
  });
});
