/**
 * pnpm bench: the assembler's three performance targets on a generated 10,000-item bank
 * (30 areas × 3 types × 5 difficulties, about 22 items per cell).
 */
import { loadavg } from 'node:os';
import type { Blueprint, BlueprintInput } from '@kaowu/domain';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { assemble, variant } from '../src/index.ts';
import { cellBank, makeOutline } from '../src/testing/bank.ts';
import { testBlueprint } from '../src/testing/blueprint.ts';
import { violations } from '../src/testing/check.ts';
import { benchCalibration, equatedFormsBlueprint, scoreWindowBlueprint } from './problems.ts';

const outline = makeOutline(30, { points: 4 });
const bank = cellBank(outline, (a, _t, d) => 21 + ((a * 7 + d * 3) % 4), 'bench-bank');

const base: BlueprintInput = {
  ...TEST_BLUEPRINT,
  title: '基准测试试卷',
  sections: [
    { type: 'true_false', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } },
    { type: 'single', count: 140, points: 0.5, difficulty: { 1: 21, 2: 42, 3: 42, 4: 25, 5: 10 } },
    { type: 'multiple', count: 20, points: 0.5, difficulty: { 1: 3, 2: 6, 3: 6, 4: 4, 5: 1 } },
  ],
};
const blueprintOf = (input: BlueprintInput): Blueprint => testBlueprint(input, outline);
const banded = blueprintOf(base);
const byMean = blueprintOf({
  ...base,
  sections: base.sections.map(({ difficulty: _bands, ...section }) => section),
  meanDifficulty: { target: 2.7, tolerance: 0.05 },
});
const fourForms = blueprintOf({ ...base, meanDifficulty: undefined, forms: { count: 4, maxOverlap: 0.2 } });

// Exposure measured over the last 3 batches, capped at 2 of any 3, after three earlier papers; and measured at a
// cut (expected score, information) with every other item calibrated.
const byExposure = blueprintOf({ ...base, exposure: { lastBatches: 3, maxRate: 0.67 }, cut: { ability: 0.4 } });
const history = ['h1', 'h2', 'h3'].map((seed) => {
  const r = assemble(bank, banded, seed);
  if (!r.ok) throw new Error(r.error.zh);
  return r.value[0]!.sections.flatMap((s) => s.items.map((i) => i.code));
});
const usage = { recentBatches: history, useCounts: {} };
const calibration = Object.fromEntries(
  bank.items
    .filter((_, k) => k % 2 === 0)
    .map((i) => [i.code, i.content.difficulty - 3 + ((i.code.length % 7) - 3) / 10]),
);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(runs: number, run: (i: number) => void): number {
  run(-1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}
/** Timed runs only assemble; the first run of each figure is also checked against every constraint. */
const checked = new Set<Blueprint>();
function assembled(blueprint: Blueprint, seed: string) {
  const result = assemble(bank, blueprint, seed);
  if (!result.ok) throw new Error(result.error.zh);
  if (!checked.has(blueprint)) {
    checked.add(blueprint);
    const problems = violations(result.value, bank, blueprint);
    if (problems.length > 0) throw new Error(problems.join('; '));
  }
  return result.value;
}

const line = (label: string, ms: number, target: number): void =>
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   target ≤ ${target} ms   ${ms <= target ? 'ok' : 'OVER'}`,
  );

console.log(`bank: ${bank.items.length} items, ${outline.areas.length} areas × 3 types × 5 difficulties`);
line(
  'one 200-item paper, band counts (median)',
  time(21, (i) => void assembled(banded, `one-${i}`)),
  50,
);
line(
  'one 200-item paper, mean difficulty (median)',
  time(21, (i) => void assembled(byMean, `mean-${i}`)),
  50,
);
line(
  'one 200-item paper, exposure over 3 batches (median)',
  time(21, (i) => {
    const r = assemble(bank, byExposure, `exposure-${i}`, usage, calibration);
    if (!r.ok) throw new Error(r.error.zh);
    if (i === 0) {
      const problems = violations(r.value, bank, byExposure, usage);
      if (problems.length > 0) throw new Error(problems.join('; '));
    }
  }),
  50,
);
line(
  'four parallel forms, ≤ 20 % overlap (median)',
  time(7, (i) => void assembled(fourForms, `four-${i}`)),
  1000,
);
const paper = assembled(banded, 'variants')[0]!;
line(
  '1,000 candidate variants (median)',
  time(11, (i) => {
    for (let c = 0; c < 1000; c++) variant(paper, `candidate-${i}-${c}`);
  }),
  100,
);
// Issue 14: a window on the expected score at the cut, and four forms equated at the cut, assembled jointly.
const load = (): string => `load ${loadavg()[0]!.toFixed(2)}`;
const benchCalibrated = benchCalibration(bank);
const byScore = scoreWindowBlueprint(outline, { min: 62, max: 62.5 });
const equated = equatedFormsBlueprint(outline);
function measured(blueprint: Blueprint, seed: string) {
  const result = assemble(bank, blueprint, seed, undefined, benchCalibrated);
  if (!result.ok) throw new Error(result.error.zh);
  return result.value;
}
{
  const papers = measured(byScore, 'score-check');
  const problems = violations(papers, bank, byScore, undefined, benchCalibrated);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const four = measured(equated, 'equated-check');
  const fourProblems = violations(four, bank, equated, undefined, benchCalibrated);
  if (fourProblems.length > 0) throw new Error(fourProblems.join('; '));
}
line(
  `one paper, expected score 62–62.5 at the cut (median, ${load()})`,
  time(21, (i) => void measured(byScore, `score-${i}`)),
  50,
);
line(
  `4 equated forms (±0.5), ≤ 20 % overlap, jointly (median, ${load()})`,
  time(7, (i) => void measured(equated, `equated-${i}`)),
  1000,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
