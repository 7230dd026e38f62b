import { describe, expect, it } from 'vitest';
import { blankDraft, contentOf, draftOf, draftProblems } from './index.ts';

const points = new Set(['AA001', 'AA002']);
/** A multiple-choice draft on the point, as the editor holds it. */
const multiple = (point: string, stem: string, options: string[], key: number[]) => ({
  ...blankDraft(point),
  type: 'multiple' as const,
  stem,
  options,
  key,
});

describe('the item editor checks as you type', () => {
  it('names every problem of an empty single-choice draft', () => {
    expect(draftProblems(blankDraft(), points)).toEqual([
      '请选择鉴定点',
      '题干不能为空',
      '选项A不能为空',
      '选项B不能为空',
      '选项C不能为空',
      '选项D不能为空',
      '单选题应有 1 个正确答案',
    ]);
  });

  it('refuses a point outside the outline, HTML and duplicate options, and a multiple choice with one key', () => {
    const d = multiple('ZZ999', '<b>题干</b>', ['甲', '乙', '甲'], [1]);
    expect(draftProblems(d, points)).toEqual([
      '鉴定点 ZZ999 不在细目表中',
      '题干：不支持 HTML 标签，请使用纯文本（**粗体**、*斜体*、![说明](asset:图片.png)）',
      '选项C与前面的选项相同',
      '多选题至少有 2 个正确选项',
    ]);
  });

  it('turns a complete draft into item content the server accepts, and back', () => {
    const d = multiple('AA001', '题干', ['甲', '乙', '丙'], [2, 0]);
    expect(draftProblems(d, points)).toEqual([]);
    const content = contentOf(d);
    expect(content).toEqual({
      type: 'multiple',
      point: 'AA001',
      difficulty: 3,
      stem: '题干',
      explanation: '',
      options: ['甲', '乙', '丙'],
      key: [0, 2],
      shuffle: 'all',
    });
    expect(contentOf(draftOf(content))).toEqual(content);
    const tf = { ...blankDraft('AA002'), type: 'true_false' as const, stem: '对吗', options: [], key: [1] };
    expect(contentOf(tf)).toEqual({
      type: 'true_false',
      point: 'AA002',
      difficulty: 3,
      stem: '对吗',
      explanation: '',
      key: false,
    });
  });
});
