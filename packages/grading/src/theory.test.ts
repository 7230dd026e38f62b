import { describe, expect, it } from 'vitest';
import { rescoreTheory, scoreTheory, type CanonicalResponse, type PaperItem } from './index.ts';

const paper: PaperItem[] = [
  { code: 'T1', type: 'true_false', key: true, points: 1, section: '判断题', area: 'A' },
  { code: 'T2', type: 'true_false', key: false, points: 1, section: '判断题', area: 'B' },
  { code: 'S1', type: 'single', key: 2, points: 1, section: '单选题', area: 'A' },
  { code: 'S2', type: 'single', key: 0, points: 1, section: '单选题', area: 'B' },
  { code: 'M1', type: 'multiple', key: [0, 2, 3], points: 2, section: '多选题', area: 'A' },
];

const answer = (pairs: Record<string, CanonicalResponse['response']>): CanonicalResponse[] =>
  Object.entries(pairs).map(([itemCode, response]) => ({ itemCode, response }));

describe('scoring a theory attempt', () => {
  it('gives true/false and single choice full points or zero', () => {
    const result = scoreTheory(paper, answer({ T1: true, T2: true, S1: 2, S2: 1, M1: null }));
    expect(result.items.map((i) => [i.code, i.verdict, i.earned])).toEqual([
      ['T1', 'correct', 1],
      ['T2', 'wrong', 0],
      ['S1', 'correct', 1],
      ['S2', 'wrong', 0],
      ['M1', 'blank', 0],
    ]);
    expect(result.earned).toBe(2);
    expect(result.max).toBe(6);
  });

  it('scores multiple choice all-or-nothing by default: missing, extra or wrong choices score zero', () => {
    const verdict = (r: number[]): string => scoreTheory(paper, answer({ M1: r })).items[4]?.verdict ?? '';
    expect(verdict([3, 0, 2])).toBe('correct'); // order does not matter
    expect(verdict([0, 2])).toBe('wrong'); // missing
    expect(verdict([0, 1, 2, 3])).toBe('wrong'); // extra
    expect(verdict([0, 1, 2])).toBe('wrong'); // wrong
    expect(scoreTheory(paper, answer({ M1: [0, 2] })).earned).toBe(0);
  });

  it('grants a plan-set share for a correct subset with no wrong choice', () => {
    const half = { mode: 'subset', percent: 50 } as const;
    const subset = scoreTheory(paper, answer({ M1: [0, 3] }), half).items[4];
    expect(subset).toMatchObject({ verdict: 'partial', earned: 1 });
    expect(scoreTheory(paper, answer({ M1: [0, 1] }), half).items[4]).toMatchObject({ verdict: 'wrong', earned: 0 });
    expect(scoreTheory(paper, answer({ M1: [0, 2, 3] }), half).items[4]).toMatchObject({
      verdict: 'correct',
      earned: 2,
    });
  });

  it('grants points in proportion to the correct choices under the proportional rule, rounded to 0.01', () => {
    const item = scoreTheory(paper, answer({ M1: [2] }), { mode: 'proportional' }).items[4];
    expect(item).toMatchObject({ verdict: 'partial', earned: 0.67 });
  });

  it('treats an answer of the wrong shape as invalid and scores it zero', () => {
    const result = scoreTheory(paper, answer({ T1: 1, S1: true, M1: 2 }));
    expect(result.items.filter((i) => i.verdict === 'invalid').map((i) => i.code)).toEqual(['T1', 'S1', 'M1']);
  });

  it('reports points per section and per outline area, and responses naming no item', () => {
    const result = scoreTheory(paper, answer({ T1: true, T2: false, S1: 0, S2: 0, M1: [0, 2, 3], X9: true }));
    expect(result.sections).toEqual([
      { name: '判断题', earned: 2, max: 2 },
      { name: '单选题', earned: 1, max: 2 },
      { name: '多选题', earned: 2, max: 2 },
    ]);
    expect(result.areas).toEqual([
      { name: 'A', earned: 3, max: 4 },
      { name: 'B', earned: 2, max: 2 },
    ]);
    expect(result.unknownResponses).toEqual(['X9']);
  });

  it('converts to a score out of 100, half up to one decimal', () => {
    // 4 of 6 points = 66.666… → 66.7; 1 of 6 = 16.666… → 16.7
    expect(scoreTheory(paper, answer({ T1: true, T2: false, S1: 2, S2: 0 })).score).toBe(66.7);
    expect(scoreTheory(paper, answer({ T1: true })).score).toBe(16.7);
    expect(scoreTheory(paper, answer({ T1: true, T2: false, S1: 2, S2: 0, M1: [0, 2, 3] })).score).toBe(100);
  });
});

describe('rescoring after a key correction', () => {
  const responses = answer({ T1: true, T2: true, S1: 1, S2: 0, M1: [0, 2, 3] });

  it('recomputes from the same responses and lists the items whose points changed', () => {
    const result = rescoreTheory(paper, responses, [
      { itemCode: 'S1', key: 1 },
      { itemCode: 'T2', key: true },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.before.earned).toBe(4);
    expect(result.value.after.earned).toBe(6);
    expect(result.value.changed.map((c) => [c.code, c.before.verdict, c.after.verdict])).toEqual([
      ['T2', 'wrong', 'correct'],
      ['S1', 'wrong', 'correct'],
    ]);
  });

  it('rejects corrections for unknown items or of the wrong shape', () => {
    const result = rescoreTheory(paper, responses, [
      { itemCode: 'Z1', key: true },
      { itemCode: 'M1', key: [3, 0] },
      { itemCode: 'T1', key: 0 },
    ]);
    expect(result).toEqual({
      ok: false,
      error: [
        '试卷中没有试题 Z1',
        '试题 M1：多选题答案应为按顺序排列、不重复的选项',
        '试题 T1：判断题的答案应为正确或错误',
      ],
    });
  });
});
