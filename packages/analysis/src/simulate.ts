/**
 * Rasch-model responses for benches, tests and the demo: P(correct) = 1 / (1 + e^(b − θ)).
 * Randomness is passed in (a seeded generator), so every run is reproducible.
 */
import type { BinaryMatrix } from './rasch.ts';

export type Rng = () => number;

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** presented(p, i) says whether item i is on person p's form (missing by design otherwise). */
export function simulateRasch(
  abilities: ArrayLike<number>,
  difficulties: ArrayLike<number>,
  rng: Rng,
  presented: (p: number, i: number) => boolean = () => true,
): BinaryMatrix {
  const N = abilities.length;
  const K = difficulties.length;
  const x = new Int8Array(N * K);
  for (let p = 0; p < N; p++) {
    for (let i = 0; i < K; i++) {
      x[p * K + i] = presented(p, i) ? (rng() < 1 / (1 + Math.exp(difficulties[i]! - abilities[p]!)) ? 1 : 0) : -1;
    }
  }
  return { persons: N, items: K, x };
}
