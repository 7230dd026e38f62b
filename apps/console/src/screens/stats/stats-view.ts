/** The numbers behind the 统计分析 tab, apart from the components so they can be tested. */

/** What the tab reads of an item line (GET …/stats): any line with these fields will do. */
export interface StatsLine {
  readonly itemCode: string;
  readonly type: string;
  readonly band: number;
  readonly n: number;
  readonly facility: number | null;
  readonly discrimination: number | null;
  readonly discriminativeEfficiency: number | null;
  readonly rasch: { readonly difficulty: number | null; readonly infit: number | null } | null;
  readonly flags: readonly { readonly flag: string }[];
}

/** The item table's sortable columns. */
export const SORT_KEYS = {
  itemCode: '试题',
  band: '认证难度',
  n: '人数',
  facility: '通过率',
  discrimination: '区分度',
  discriminativeEfficiency: '区分效率',
  difficulty: 'Rasch 难度',
  infit: 'infit',
  flags: '标记',
} as const;
export type SortKey = keyof typeof SORT_KEYS;

const sortValue = (l: StatsLine, key: SortKey): string | number | null => {
  switch (key) {
    case 'difficulty':
      return l.rasch?.difficulty ?? null;
    case 'infit':
      return l.rasch?.infit ?? null;
    case 'flags':
      return l.flags.length;
    default:
      return l[key];
  }
};

/** The lines sorted by a column, ascending or not; an empty figure (null) always goes last; ties by code. */
export function sortLines<T extends StatsLine>(lines: readonly T[], key: SortKey, ascending: boolean): T[] {
  return [...lines].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? a.itemCode.localeCompare(b.itemCode) : x === null ? 1 : -1;
    const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return d === 0 ? a.itemCode.localeCompare(b.itemCode) : ascending ? d : -d;
  });
}

/** The Rasch model's probability of a right answer at ability θ for an item of difficulty b (logits). */
export const raschProbability = (theta: number, b: number): number => 1 / (1 + Math.exp(b - theta));

/**
 * The item characteristic chart's two series per score group: the observed proportion correct, and the Rasch
 * curve at the group's mean ability (null where either is unknown).
 */
export function characteristic(
  icc: readonly { readonly observed: number; readonly theta: number | null; readonly n: number }[],
  difficulty: number | null | undefined,
): { labels: string[]; observed: number[]; expected: (number | null)[] } {
  return {
    labels: icc.map((g, n) => `第${n + 1}组${g.theta === null ? '' : `（θ≈${g.theta.toFixed(1)}）`}`),
    observed: icc.map((g) => g.observed),
    expected: icc.map((g) => (g.theta === null || difficulty == null ? null : raschProbability(g.theta, difficulty))),
  };
}

/** A share as a percentage with one decimal, or — when unknown. */
export const pct = (v: number | null | undefined): string => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
/** A figure with fixed decimals, or — when unknown. */
export const fixed = (v: number | null | undefined, digits = 2): string => (v == null ? '—' : v.toFixed(digits));
