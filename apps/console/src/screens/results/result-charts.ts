/** The numbers behind the results charts, kept apart from the chart so they can be tested. */

/** What the charts read of a decision line (GET …/results/decisions): any line with these fields will do. */
export interface ScoredLine {
  readonly decision: {
    readonly outcome: 'pass' | 'fail' | 'pending';
    readonly composite: number | null;
    readonly components?: readonly { readonly code: string; readonly name: string; readonly score: number | null }[];
  };
}

export const SCORE_BANDS = [
  '0–9',
  '10–19',
  '20–29',
  '30–39',
  '40–49',
  '50–59',
  '60–69',
  '70–79',
  '80–89',
  '90–100',
] as const;

/** Counts of scores in ten-point bands (100 falls in the last). */
export function bands(scores: readonly number[]): number[] {
  const bins = SCORE_BANDS.map(() => 0);
  for (const s of scores) bins[Math.max(0, Math.min(9, Math.floor(s / 10)))]!++;
  return bins;
}

/** One distribution per component (in the order first seen), then the composite. */
export function distributions(lines: readonly ScoredLine[]): { title: string; values: number[] }[] {
  const byComponent = new Map<string, { name: string; scores: number[] }>();
  for (const l of lines)
    for (const c of l.decision.components ?? []) {
      const entry = byComponent.get(c.code) ?? { name: c.name, scores: [] };
      if (typeof c.score === 'number') entry.scores.push(c.score);
      byComponent.set(c.code, entry);
    }
  const composite = lines.flatMap((l) => (typeof l.decision.composite === 'number' ? [l.decision.composite] : []));
  return [
    ...[...byComponent.values()].map((c) => ({ title: `${c.name}成绩分布`, values: bands(c.scores) })),
    { title: '综合成绩分布', values: bands(composite) },
  ];
}

/** Passed, failed and pending, and the pass rate among those decided (null when nobody is decided). */
export function passRate(lines: readonly ScoredLine[]): {
  passed: number;
  failed: number;
  pending: number;
  rate: number | null;
} {
  const passed = lines.filter((l) => l.decision.outcome === 'pass').length;
  const failed = lines.filter((l) => l.decision.outcome === 'fail').length;
  return {
    passed,
    failed,
    pending: lines.length - passed - failed,
    rate: passed + failed === 0 ? null : Math.round((passed / (passed + failed)) * 1000) / 10,
  };
}
