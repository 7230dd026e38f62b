import { describe, expect, it } from 'vitest';
import {
  formatAnswerKey,
  itemContentProblems,
  parseAnswerKey,
  parseDifficulty,
  parseItemType,
  parseLevel,
} from './index.ts';

describe('answer spellings', () => {
  it.each(['√', '✓', '对', '正确', 'T', 't', 'true', ' 对 ', '是'])('reads %j as true', (raw) => {
    expect(parseAnswerKey('true_false', raw)).toEqual({ ok: true, key: true });
  });
  it.each(['×', 'X', 'x', '错', '错误', 'F', 'f', 'FALSE', '否'])('reads %j as false', (raw) => {
    expect(parseAnswerKey('true_false', raw)).toEqual({ ok: true, key: false });
  });
  it.each([
    ['A', 0],
    ['b', 1],
    [' C ', 2],
    ['Ｄ', 3],
    ['H', 7],
  ])('reads single choice %j', (raw, key) => {
    expect(parseAnswerKey('single', raw as string)).toEqual({ ok: true, key });
  });
  it.each(['ACD', 'A,C,D', 'A、C、D', 'DCA', 'a c d', 'A，C，D', 'A;C;D', 'A/C/D', 'ＡＣＤ'])(
    'reads multiple choice %j',
    (raw) => {
      expect(parseAnswerKey('multiple', raw)).toEqual({ ok: true, key: [0, 2, 3] });
    },
  );
  it('explains what is wrong with a key', () => {
    expect(parseAnswerKey('single', 'AB')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/只能有一个答案/),
    });
    expect(parseAnswerKey('multiple', 'A')).toMatchObject({ ok: false, message: '多选题至少有 2 个正确选项' });
    expect(parseAnswerKey('multiple', 'AAC')).toMatchObject({ ok: false, message: expect.stringMatching(/重复/) });
    expect(parseAnswerKey('single', 'Z')).toMatchObject({ ok: false, message: expect.stringMatching(/A–H/) });
    expect(parseAnswerKey('true_false', '也许')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/无法识别/),
    });
    expect(parseAnswerKey('single', '  ')).toEqual({ ok: false, message: '答案为空' });
  });
  it('writes keys in one canonical spelling', () => {
    const base = { point: 'A001', difficulty: 1 as const, stem: 's', explanation: '' };
    expect(formatAnswerKey({ type: 'true_false', ...base, key: false })).toBe('错误');
    expect(formatAnswerKey({ type: 'multiple', ...base, options: ['a', 'b', 'c'], key: [0, 2], shuffle: 'all' })).toBe(
      'AC',
    );
  });
});

describe('types, difficulties and levels', () => {
  it('accepts every spelling users write', () => {
    expect(['判断题', '单选题', '单项选择题', '多选题', '多项选择题', ' 单选题 '].map(parseItemType)).toEqual([
      'true_false',
      'single',
      'single',
      'multiple',
      'multiple',
      'single',
    ]);
    expect(parseItemType('填空题')).toBeUndefined();
    expect(['1', 2, '易', '较易', '中等', '较难', '难'].map(parseDifficulty)).toEqual([1, 2, 1, 2, 3, 4, 5]);
    expect(parseDifficulty(6)).toBeUndefined();
    expect(['5', '五级', '初级工', '五级/初级工', 1, '高级技师'].map(parseLevel)).toEqual([5, 5, 5, 5, 1, 1]);
  });
});

describe('item content rules', () => {
  it('finds keys without options, duplicate options and unsafe text', () => {
    const problems = itemContentProblems({
      type: 'single',
      point: 'A001',
      difficulty: 1,
      stem: '<b>粗</b>',
      explanation: '',
      options: ['甲', '甲'],
      key: 3,
      shuffle: 'all',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^题干：不支持 HTML/),
        '答案 D 没有对应的选项',
        '选项B与选项A相同',
      ]),
    );
  });
});
