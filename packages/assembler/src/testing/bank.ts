import {
  itemContentHash,
  snapshotHash,
  type BankSnapshot,
  type ItemContent,
  type ItemType,
  type Outline,
  type ShuffleRule,
  type SnapshotItem,
} from '@kaowu/domain';
import { rng } from '../rng.ts';

/** Test and bench fixtures: outlines and bank snapshots built to order, deterministically. */

export const areaCode = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : `Y${String.fromCharCode(65 + (i % 26))}`;

/**
 * An outline with `areas` top-level areas holding `points` points each; weights as given or as even as integers
 * allow.
 */
export function makeOutline(areas: number, options: { points?: number; weights?: readonly number[] } = {}): Outline {
  const points = options.points ?? 3;
  const even = Array.from({ length: areas }, (_, i) => Math.floor(100 / areas) + (i < 100 % areas ? 1 : 0));
  const weights = options.weights ?? even;
  return {
    occupation: { code: '6-31-01-03', edition: 2022, name: '电工' },
    level: 5,
    basis: '测试大纲',
    areas: Array.from({ length: areas }, (_, i) => ({
      code: areaCode(i),
      name: `范围${areaCode(i)}`,
      weight: weights[i] ?? 0,
      points: Array.from({ length: points }, (_, p) => ({
        code: `${areaCode(i)}${String(p + 1).padStart(3, '0')}`,
        name: `鉴定点${p + 1}`,
        importance: 'X' as const,
      })),
    })),
  };
}

/** One item's content; the key and option count come from the stream, the shuffle rule is chosen. */
export function makeContent(
  type: ItemType,
  point: string,
  difficulty: number,
  label: string,
  shuffle: ShuffleRule = 'all',
  draw = rng(label),
): ItemContent {
  const d = difficulty as 1 | 2 | 3 | 4 | 5;
  const stem = `${label} 题干`;
  if (type === 'true_false') return { type, point, difficulty: d, stem, explanation: '', key: draw.below(2) === 0 };
  const count = 4 + draw.below(2);
  const options = Array.from({ length: count }, (_, i) => `${label} 选项${i + 1}`);
  if (type === 'single')
    return { type, point, difficulty: d, stem, explanation: `${label} 解析`, options, key: draw.below(count), shuffle };
  const key = [...new Set([draw.below(count), draw.below(count), draw.below(count)])].sort((a, b) => a - b);
  if (key.length < 2) key.push(key[0] === 0 ? 1 : 0);
  return {
    type,
    point,
    difficulty: d,
    stem,
    explanation: `${label} 解析`,
    options,
    key: key.sort((a, b) => a - b),
    shuffle,
  };
}

export function makeSnapshot(
  outline: Outline,
  contents: readonly { code: string; content: ItemContent }[],
): BankSnapshot {
  const items: SnapshotItem[] = contents
    .map(({ code, content }) => ({ code, version: 1, contentHash: itemContentHash(content), content }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    occupationCode: outline.occupation.code,
    level: outline.level,
    hash: snapshotHash(outline.occupation.code, outline.level, items),
    outline,
    items,
  };
}

export const TYPES: readonly ItemType[] = ['true_false', 'single', 'multiple'];

/**
 * A bank with exactly `count(area, type, difficulty)` items in each cell, spread over the area's points.
 * Item codes are `<point>-<type letter><difficulty>-<n>`, so a code tells where the item sits.
 */
export function cellBank(
  outline: Outline,
  count: (area: number, type: ItemType, difficulty: number) => number,
  seed = 'bank',
): BankSnapshot {
  const draw = rng(seed);
  const contents: { code: string; content: ItemContent }[] = [];
  const rules: ShuffleRule[] = ['all', 'all', 'all', 'keep-last', 'none'];
  outline.areas.forEach((area, a) => {
    const points = area.points ?? [];
    for (const type of TYPES)
      for (let d = 1; d <= 5; d++)
        for (let k = 0; k < count(a, type, d); k++) {
          const point = points[k % points.length]!.code;
          const code = `${point}-${type[0]!.toUpperCase()}${d}-${String(k + 1).padStart(4, '0')}`;
          contents.push({ code, content: makeContent(type, point, d, code, rules[draw.below(rules.length)]!, draw) });
        }
  });
  return makeSnapshot(outline, contents);
}
