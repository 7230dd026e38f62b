import type { PanelSettings } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { aggregatePanel, aggregatePanels, sheetProblem, type Panel, type PanelSheet } from './index.ts';

const settings: PanelSettings = { assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 };
const panel: Panel = {
  leaderId: 'a1',
  members: [
    { id: 'a1', name: '王组长' },
    { id: 'a2', name: '李考评' },
    { id: 'a3', name: '赵考评' },
    { id: 'a4', name: '钱考评' },
    { id: 'a5', name: '孙考评' },
  ],
};
const sheets = (...scores: number[]): PanelSheet[] =>
  scores.map((score, i) => ({ candidateId: 'c1', componentCode: 'skill', assessorId: `a${i + 1}`, score }));

describe('panel-scored components', () => {
  it('averages the independent scores, half up to one decimal', () => {
    expect(aggregatePanel(settings, panel, [], sheets(70, 71, 71))).toMatchObject({
      status: 'scored',
      score: 70.7,
      spread: 1,
    });
    expect(aggregatePanel(settings, panel, [], sheets(80, 80.5, 80))).toMatchObject({ status: 'scored', score: 80.2 });
  });

  it('drops the highest and lowest under the trimmed mean setting', () => {
    const trimmed = { ...settings, aggregation: 'trimmed_mean' } as const;
    expect(aggregatePanel(trimmed, panel, [], sheets(60, 72, 74, 75, 70))).toMatchObject({
      status: 'scored',
      score: 72,
    });
  });

  it('allows a spread exactly at the threshold and blocks one above it', () => {
    expect(aggregatePanel(settings, panel, [], sheets(60, 75, 70))).toMatchObject({ status: 'scored', spread: 15 });
    expect(aggregatePanel(settings, panel, [], sheets(60, 75.1, 70))).toMatchObject({
      status: 'blocked',
      reason: '考评员评分最高与最低相差 15.1 分，超过 15 分，须由考评组长裁定分差',
    });
  });

  it('lets only the panel leader resolve a wide spread, and only with a reason', () => {
    const wide = sheets(55, 80, 70);
    const resolved = aggregatePanel(settings, panel, [], wide, { by: 'a1', reason: '复核评分表，操作失误扣分有据' });
    expect(resolved).toMatchObject({ status: 'scored', score: 68.3, resolution: { by: 'a1' } });
    expect(aggregatePanel(settings, panel, [], wide, { by: 'a2', reason: '同意' })).toMatchObject({
      status: 'blocked',
      reason: expect.stringContaining('处理人李考评不是考评组长'),
    });
    expect(aggregatePanel(settings, panel, [], wide, { by: 'a1', reason: ' ' })).toMatchObject({
      status: 'blocked',
      reason: expect.stringContaining('考评组长须填写裁定理由'),
    });
  });

  it('rejects the score of an assessor related to the candidate (回避) with the reason', () => {
    const relations = [{ assessorId: 'a2', candidateId: 'c1', relation: '亲属' }];
    expect(sheetProblem(panel, relations, sheets(70, 71)[1]!)).toBe(
      '考评员李考评与该考生存在回避关系（亲属），不得为其评分',
    );
    const outcome = aggregatePanel(settings, panel, relations, sheets(70, 71, 72, 73));
    expect(outcome.rejected.map((r) => r.sheet.assessorId)).toEqual(['a2']);
    expect(outcome).toMatchObject({ status: 'scored', score: 71.7 });
  });

  it('needs at least the plan’s number of assessors and an odd count', () => {
    expect(aggregatePanel(settings, panel, [], sheets(70, 71))).toMatchObject({
      status: 'blocked',
      reason: '有效评分 2 份，至少需要 3 名考评员独立评分',
    });
    expect(aggregatePanel(settings, panel, [], sheets(70, 71, 72, 73))).toMatchObject({
      status: 'blocked',
      reason: '有效评分 4 份，评分考评员人数应为奇数',
    });
  });

  it('rejects outsiders, repeated sheets and scores out of range or beyond one decimal', () => {
    const odd = [
      ...sheets(70, 71, 72),
      { candidateId: 'c1', componentCode: 'skill', assessorId: 'x9', score: 70 },
      { candidateId: 'c1', componentCode: 'skill', assessorId: 'a1', score: 90 },
      { candidateId: 'c1', componentCode: 'skill', assessorId: 'a4', score: 101 },
      { candidateId: 'c1', componentCode: 'skill', assessorId: 'a5', score: 70.25 },
    ];
    expect(aggregatePanel(settings, panel, [], odd).rejected.map((r) => r.reason)).toEqual([
      'x9不是本考评组成员，评分无效',
      '考评员王组长重复评分，只采纳第一份',
      '考评员钱考评的评分 101 超出 0–100 分',
      '考评员孙考评的评分 70.25 应保留一位小数',
    ]);
  });

  it('aggregates a whole batch by candidate and component', () => {
    const all = [...sheets(70, 71, 72), ...sheets(80, 80, 80).map((s) => ({ ...s, candidateId: 'c2' }))];
    const result = aggregatePanels(settings, { skill: panel }, [], all);
    expect(result.get('c1')?.get('skill')).toMatchObject({ status: 'scored', score: 71 });
    expect(result.get('c2')?.get('skill')).toMatchObject({ status: 'scored', score: 80 });
    const noPanel = aggregatePanels(settings, {}, [], all);
    expect(noPanel.get('c1')?.get('skill')).toMatchObject({ status: 'blocked', reason: '组成部分 skill 没有考评组' });
  });
});
