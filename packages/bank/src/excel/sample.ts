import { type Importance, indexOutline, type ItemContent, type Outline } from '@kaowu/domain';
import { writeItemWorkbook } from './write-items.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const IMPORTANCES: readonly Importance[] = ['X', 'Y', 'Z'];

/**
 * A valid outline for tests and benchmarks: `areas` top-level areas (A, B, …) sharing the theory weight, each
 * with one sub-area (AA, BA, …) holding `pointsPerArea` points (AA001, …).
 */
export function sampleOutline(areas: number, pointsPerArea: number): Outline {
  if (!Number.isInteger(areas) || areas < 1 || areas > LETTERS.length)
    throw new RangeError(`areas must be 1–${LETTERS.length}`);
  if (!Number.isInteger(pointsPerArea) || pointsPerArea < 1 || pointsPerArea > 999)
    throw new RangeError('pointsPerArea must be 1–999');
  const share = Math.floor(100 / areas);
  return {
    occupation: { code: '6-31-01-03', edition: 2015, name: '电工' },
    level: 5,
    basis: '国家职业技能标准 电工（2018 年版）',
    areas: [...LETTERS.slice(0, areas)].map((letter, a) => ({
      code: letter,
      name: `鉴定范围 ${letter}`,
      // The first areas take the remainder so the weights add up to exactly 100.
      weight: share + (a < 100 - share * areas ? 1 : 0),
      areas: [
        {
          code: `${letter}A`,
          name: `鉴定范围 ${letter}A`,
          points: Array.from({ length: pointsPerArea }, (_, p) => ({
            code: `${letter}A${String(p + 1).padStart(3, '0')}`,
            name: `鉴定点 ${letter}A${String(p + 1).padStart(3, '0')}`,
            importance: IMPORTANCES[p % IMPORTANCES.length] ?? 'X',
          })),
        },
      ],
    })),
  };
}

/** The n-th sample item: types, difficulties and points cycle so every combination appears. */
function sampleItem(points: readonly string[], n: number, seed: string): ItemContent {
  const point = points[n % points.length] ?? '';
  const difficulty = ((Math.floor(n / 3) % 5) + 1) as ItemContent['difficulty'];
  const common = { point, difficulty, explanation: `第 ${n + 1} 题的解析（${seed}）。` };
  const stem = (what: string): string => `【${seed}-${n + 1}】关于鉴定点 ${point} 的${what}`;
  switch (n % 3) {
    case 0:
      return {
        type: 'single',
        ...common,
        stem: stem('单选题，正确的是（ ）。'),
        options: ['甲', '乙', '丙', '丁'].map((o) => `选项${o}`),
        key: n % 4,
        shuffle: 'all',
      };
    case 1:
      return {
        type: 'multiple',
        ...common,
        stem: stem('多选题，正确的有（ ）。'),
        options: ['甲', '乙', '丙', '丁', '戊'].map((o) => `选项${o}`),
        key: [n % 5, (n + 2) % 5].sort((a, b) => a - b),
        shuffle: 'all',
      };
    default:
      return { type: 'true_false', ...common, stem: stem('判断题。'), key: n % 2 === 0 };
  }
}

/** A workbook of `n` valid, distinct items spread over the outline's points, types and difficulties; deterministic. */
export async function sampleItemWorkbook(outline: Outline, n: number, seed = 'S'): Promise<Uint8Array> {
  const points = [...indexOutline(outline).points.keys()];
  const items = Array.from({ length: n }, (_, i) => ({
    code: `${seed}-${String(i + 1).padStart(5, '0')}`,
    content: sampleItem(points, i, seed),
  }));
  return writeItemWorkbook(items);
}
