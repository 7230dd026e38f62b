import { describe, expect, it } from 'vitest';
import type { Outline } from './index.ts';
import { indexOutline, outlineProblems } from './index.ts';

const base: Outline = {
  occupation: { code: '6-31-01-03', edition: 2022, name: '电工' },
  level: 5,
  basis: '测试',
  areas: [
    { code: 'A', name: '甲', weight: 30, points: [{ code: 'A001', name: '点', importance: 'X' }] },
    {
      code: 'B',
      name: '乙',
      weight: 70,
      areas: [
        {
          code: 'BA',
          name: '丙',
          areas: [{ code: 'BAA', name: '丁', points: [{ code: 'BAA001', name: '点', importance: 'Z' }] }],
        },
      ],
    },
  ],
};

describe('assessment outline', () => {
  it('indexes nested areas and points with their path', () => {
    const index = indexOutline(base);
    expect(index.points.get('BAA001')?.areaPath).toEqual(['B', 'BA', 'BAA']);
    expect(index.topAreas).toEqual([
      { code: 'A', name: '甲', weight: 30 },
      { code: 'B', name: '乙', weight: 70 },
    ]);
    expect(outlineProblems(base)).toEqual([]);
  });
  it('finds weights not adding up, codes that do not nest, duplicates and empty areas', () => {
    const bad: Outline = {
      ...base,
      areas: [
        { code: 'A', name: '甲', weight: 30, points: [{ code: 'B001', name: '点', importance: 'X' }] },
        { code: 'B', name: '乙', weight: 60, areas: [{ code: 'CA', name: '丙', weight: 5 }] },
        {
          code: 'C',
          name: '丙',
          points: [
            { code: 'C001', name: '点', importance: 'X' },
            { code: 'C001', name: '点', importance: 'Y' },
          ],
        },
      ],
    };
    expect(outlineProblems(bad)).toEqual(
      expect.arrayContaining([
        '鉴定点 B001 的代码应以所属范围 A 开头',
        '鉴定范围 CA 应以上级代码 B 开头并多一个字母',
        '鉴定范围 CA 不是一级范围，不应设置理论权重',
        '鉴定范围 CA 下没有鉴定点',
        '一级鉴定范围 C 缺少理论权重',
        '代码 C001 重复',
        '一级鉴定范围的理论权重合计为 90%，应为 100%',
      ]),
    );
  });
});
