/**
 * Item analysis of 10,000 candidates × 200 items, and Rasch calibration of 10,000 × 200 with 30 % of the
 * cells missing by design (5 forms, each without a different block of 60 items).
 * Run: pnpm --filter @kaowu/analysis bench
 */
import seedrandom from 'seedrandom';
import {
  analyse,
  analyseByForm,
  calibrate,
  type ItemMeta,
  normal,
  type ResponseMatrix,
  simulateRasch,
} from '../src/index.ts';

const N = Number(process.env.CANDIDATES ?? 10_000);
const K = Number(process.env.ITEMS ?? 200);
const rng = seedrandom('kaowu-analysis-bench');
const abilities = Float64Array.from({ length: N }, () => 0.6 + normal(rng));
const difficulties = Float64Array.from({ length: K }, () => 1.2 * normal(rng));

function report(work: string, ms: number, targetMs: number) {
  const ok = ms <= targetMs ? 'ok' : 'SLOW';
  console.log(`${work.padEnd(62)} ${(ms / 1000).toFixed(2).padStart(6)} s   target ≤ ${targetMs / 1000} s  ${ok}`);
}

// statistics: complete matrix, 4-option single-choice items, option chosen = key when correct
const full = simulateRasch(abilities, difficulties, rng);
const items: ItemMeta[] = Array.from({ length: K }, (_, i) => ({
  code: `Q${i}`,
  maxScore: 1,
  options: 4,
  key: [i % 4],
}));
const score = Float64Array.from(full.x);
const choice = Int32Array.from(full.x, (v, c) => 1 << ((v ? c % K : (c % K) + 1 + (c % 3)) % 4));
const matrix: ResponseMatrix = {
  items,
  persons: N,
  forms: Array.from({ length: N }, (_, p) => (p % 2 ? 'A' : 'B')),
  score,
  choice,
};
let t = performance.now();
const stats = analyse(matrix);
report(`statistics ${N} × ${K}`, performance.now() - t, 1000);
console.log(`  α = ${stats.test.alpha?.toFixed(3)}, mean = ${stats.test.mean?.toFixed(1)}`);
t = performance.now();
analyseByForm(matrix);
report(`statistics ${N} × ${K}, pooled and per form (2 forms)`, performance.now() - t, 2000);

const forms = 5;
const missing = simulateRasch(abilities, difficulties, rng, (p, i) => {
  const start = (p % forms) * 40;
  return (i - start + K) % K >= 60;
});
t = performance.now();
const rasch = calibrate(missing);
report(`Rasch calibration ${N} × ${K}, 30 % missing by design`, performance.now() - t, 5000);
const err = rasch.items.reduce(
  (s, it, i) => s + Math.abs(it.difficulty! - (difficulties[i]! - meanOf(difficulties))),
  0,
);
console.log(`  ${rasch.iterations} iterations, mean |estimate − true| = ${(err / K).toFixed(3)} logits`);

function meanOf(a: Float64Array) {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
