/** Shared test fixtures: the one outline and the one blueprint that tests across the packages and apps build on. */
import type { BlueprintInput } from './blueprint.ts';
import type { Outline } from './outline.ts';

/** 电工 五级: area A flat with two core points, area B holding a sub-area BA with a core and a general point. */
export const TEST_OUTLINE: Outline = {
  occupation: { code: '6-31-01-03', edition: 2022, name: '电工' },
  level: 5,
  basis: '测试用细目表',
  areas: [
    {
      code: 'A',
      name: '安全',
      weight: 40,
      points: [
        { code: 'A001', name: '安全电压', importance: 'X' },
        { code: 'A002', name: '触电急救', importance: 'X' },
      ],
    },
    {
      code: 'B',
      name: '基础',
      weight: 60,
      areas: [
        {
          code: 'BA',
          name: '直流电路',
          points: [
            { code: 'BA001', name: '欧姆定律', importance: 'X' },
            { code: 'BA002', name: '电功率', importance: 'Y' },
          ],
        },
      ],
    },
  ],
};

/**
 * The 电工 五级 theory paper of the demo bank's blueprint.yaml, with type codes and without its mean difficulty and
 * exposure rule: 40 判断 and 140 单选 at 0.5 points, 10 多选 at 1, 100 points in 90 minutes.
 */
export const TEST_BLUEPRINT: BlueprintInput = {
  occupation: '6-31-01-03',
  level: 5,
  title: '电工（五级/初级工）理论知识考试试卷',
  durationMinutes: 90,
  totalScore: 100,
  sections: [
    { type: 'true_false', count: 40, points: 0.5 },
    { type: 'single', count: 140, points: 0.5 },
    { type: 'multiple', count: 10, points: 1 },
  ],
};
