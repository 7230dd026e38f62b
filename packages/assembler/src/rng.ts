import seedrandom from 'seedrandom';

/** A seeded random stream. Only seedrandom supplies randomness, so every machine draws the same numbers. */
export interface Rng {
  /** A uniform integer in [0, n). */
  below(n: number): number;
}

/**
 * A stream named by its parts (seed, form letter, purpose…). Naming streams by purpose keeps one use of
 * randomness from shifting another: re-solving with an extra constraint does not reshuffle unrelated choices.
 */
export function rng(...parts: readonly string[]): Rng {
  // Alea: seedrandom's fastest generator (a thousand candidate variants draw ~10⁶ numbers); its arithmetic is
  // plain IEEE-754 double, which every JavaScript engine computes identically.
  const prng = seedrandom.alea(parts.join('\u0000'));
  return { below: (n) => Math.floor(prng() * n) };
}

/** Fisher–Yates in place. */
export function shuffle<T>(values: T[], random: Rng): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const v = values[i] as T;
    values[i] = values[j] as T;
    values[j] = v;
  }
  return values;
}

/** Strings compared by UTF-16 code units: never by locale. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
