import { indexOutline, itemContentHash, outline, outlineProblems } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { readItemWorkbook, sampleItemWorkbook, sampleOutline } from './index.ts';

describe('sample data for tests and benchmarks', () => {
  it('generates valid outlines whose weights add up to 100', () => {
    for (const [areas, points] of [
      [1, 1],
      [3, 4],
      [7, 50],
      [26, 2],
    ] as const) {
      const value = sampleOutline(areas, points);
      expect(outline.safeParse(value).success).toBe(true);
      expect(outlineProblems(value)).toEqual([]);
      expect(indexOutline(value).points.size).toBe(areas * points);
    }
    expect(() => sampleOutline(27, 1)).toThrow(RangeError);
  });

  it('generates distinct valid items spread over points, types and difficulties, the same every time', async () => {
    const value = sampleOutline(3, 4);
    const index = indexOutline(value);
    const [first, again, other] = await Promise.all([
      readItemWorkbook(await sampleItemWorkbook(value, 90), index),
      readItemWorkbook(await sampleItemWorkbook(value, 90), index),
      readItemWorkbook(await sampleItemWorkbook(value, 90, 'T'), index),
    ]);
    if (!first.ok || !other.ok) throw new Error('sample did not import');
    expect(again).toEqual(first);
    const contents = first.rows.map((r) => r.content);
    expect(new Set(contents.map(itemContentHash)).size).toBe(90);
    expect(new Set(contents.map((c) => c.point))).toEqual(new Set(index.points.keys()));
    expect(new Set(contents.map((c) => `${c.type} ${c.difficulty}`)).size).toBe(15);
    expect(first.rows[0]?.code).toBe('S-00001');
    expect(other.rows[0]?.content).not.toEqual(first.rows[0]?.content);
  });
});
