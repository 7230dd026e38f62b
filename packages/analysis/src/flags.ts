/**
 * Which items a batch's statistics send back to their authors, and why. Every threshold is a rule passed in
 * (the services read them from settings), so the policy is data and this is only arithmetic.
 */
import type { Difficulty, StatsFlag } from '@kaowu/domain';
import type { ItemStats } from './ctt.ts';
import type { RaschItem } from './rasch.ts';

export interface FlagRules {
  /** the facility range each certified band expects, [min, max] */
  facilityRange: Readonly<Record<Difficulty, readonly [number, number]>>;
  /** discrimination below this is flagged (default 0.2) */
  minDiscrimination: number;
  /** a distractor chosen by fewer than this share of candidates does not function (default 0.05) */
  deadDistractorShare: number;
  /** infit or outfit mean square outside [min, max] (default 0.7–1.3) AND its |ZSTD| ≥ fitZ is misfit */
  fitRange: readonly [number, number];
  /** the standardised fit beyond which a mean square outside fitRange is misfit, not chance (default 2) */
  fitZ: number;
  /** fewer presenters than this: too few to judge anything (default 30) */
  minResponses: number;
  /**
   * How unlikely the upper third's preference for a distractor over the key must be by chance (one-sided sign
   * test, default 0.05): 8 against 5 of 22 strong candidates is noise on a hard item, 17 against 3 is not.
   */
  keySuspectP: number;
  /**
   * How unlikely so few choosers must be if the wrong answers spread evenly over the distractors (binomial lower
   * tail, default 0.02, strict as a bank has hundreds of distractors): on an easy item 60 candidates give 6 wrong answers, and 0 of them on one of three
   * distractors happens by chance one time in eleven; 0 of 24 on a 中等 item does not.
   */
  deadDistractorP: number;
  /** how unlikely the facility must be if the item truly sat at the nearer end of its band's range (default 0.05) */
  facilityP: number;
}

export const DEFAULT_FLAG_RULES: FlagRules = {
  facilityRange: { 1: [0.8, 1], 2: [0.65, 0.92], 3: [0.45, 0.8], 4: [0.25, 0.6], 5: [0, 0.4] },
  minDiscrimination: 0.2,
  deadDistractorShare: 0.05,
  fitRange: [0.7, 1.3],
  fitZ: 2,
  minResponses: 30,
  keySuspectP: 0.05,
  deadDistractorP: 0.02,
  facilityP: 0.05,
};

/** P(X ≥ a) for X ~ Binomial(a + b, ½): the chance of a preference at least this strong between equals. */
export function signTestP(a: number, b: number): number {
  const n = a + b;
  let term = 0.5 ** n; // C(n, 0) / 2^n
  let tail = 0;
  for (let k = 0; k <= n; k++) {
    if (k >= a) tail += term;
    term = (term * (n - k)) / (k + 1);
  }
  return Math.min(1, tail);
}

/** P(X ≤ a) for X ~ Binomial(n, p), summed in logs so that n in the thousands does not underflow. */
export function binomialLowerP(a: number, n: number, p: number): number {
  if (a >= n || p <= 0) return 1;
  if (p >= 1) return a >= n ? 1 : 0;
  const odds = Math.log(p / (1 - p));
  let log = n * Math.log1p(-p); // k = 0
  let tail = 0;
  for (let k = 0; k <= a; k++) {
    tail += Math.exp(log);
    log += Math.log((n - k) / (k + 1)) + odds;
  }
  return Math.min(1, tail);
}

export interface Finding {
  flag: StatsFlag;
  /** the option concerned (key suspect, dead distractor) */
  option?: number;
  /** the figures behind it, in words (zh) */
  detail: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const LETTERS = 'ABCDEFGH';

/** The findings for one item; empty when it behaves or had too few presenters to tell. */
export function flagItem(
  s: ItemStats,
  band: Difficulty | null,
  rasch: RaschItem | null,
  rules: FlagRules = DEFAULT_FLAG_RULES,
): Finding[] {
  if (s.n < rules.minResponses) return [];
  const out: Finding[] = [];
  if (band !== null && s.facility !== null) {
    const [lo, hi] = rules.facilityRange[band];
    // and beyond chance for the sample: 45 of 60 right is 75 %, yet an item whose true facility is 80 % gives
    // that or fewer one time in five (binomial tail at the nearer end of the range, on the score in marks)
    const right = Math.round(s.facility * s.n);
    const chance =
      s.facility < lo ? binomialLowerP(right, s.n, lo) : s.facility > hi ? binomialLowerP(s.n - right, s.n, 1 - hi) : 1;
    if (chance < rules.facilityP)
      out.push({
        flag: 'facility_out_of_band',
        detail: `通过率 ${pct(s.facility)}，认证难度等级 ${band} 应在 ${pct(lo)}–${pct(hi)}`,
      });
  }
  if (s.discrimination !== null && s.discrimination < 0)
    out.push({ flag: 'negative_discrimination', detail: `区分度 ${s.discrimination.toFixed(2)} < 0` });
  else if (s.discrimination !== null && s.discrimination < rules.minDiscrimination)
    out.push({
      flag: 'low_discrimination',
      detail: `区分度 ${s.discrimination.toFixed(2)} < ${rules.minDiscrimination}`,
    });
  const keyed = s.options.filter((o) => o.keyed);
  const distractors = s.options.filter((o) => !o.keyed);
  if (keyed.length > 0 && s.upperN > 0) {
    const weakestKey = Math.min(...keyed.map((o) => o.upperCount));
    const keyRest = Math.min(...keyed.map((o) => o.meanRest ?? Number.POSITIVE_INFINITY));
    // and its choosers are at least as strong as the key's: on a hard item the upper third may scatter, but
    // then the key's choosers still score higher on the rest of the test
    for (const d of distractors)
      if (
        d.upperCount > weakestKey &&
        (d.meanRest ?? Number.NEGATIVE_INFINITY) >= keyRest &&
        signTestP(d.upperCount, weakestKey) < rules.keySuspectP
      )
        out.push({
          flag: 'key_suspect',
          option: d.option,
          detail: `高分组（前三分之一，${s.upperN} 人）选 ${LETTERS[d.option]} 的 ${d.upperCount} 人，多于选答案的 ${weakestKey} 人`,
        });
  }
  // a 判断题 has no distractor to write better: its wrong answer is the other truth value
  // and fewer than chance explains: the wrong answers (distractor choices) spread evenly would give it 1/D
  const wrong = distractors.reduce((acc, d) => acc + d.count, 0);
  for (const d of s.options.length > 2 ? distractors : [])
    if (
      d.share < rules.deadDistractorShare &&
      binomialLowerP(d.count, wrong, 1 / distractors.length) < rules.deadDistractorP
    )
      out.push({
        flag: 'dead_distractor',
        option: d.option,
        detail: `干扰项 ${LETTERS[d.option]} 仅 ${pct(d.share)} 的考生选择（< ${pct(rules.deadDistractorShare)}；选干扰项的 ${wrong} 人次中仅 ${d.count} 人次）`,
      });
  if (rasch?.infit != null && rasch.outfit != null) {
    const [lo, hi] = rules.fitRange;
    // outside the range AND beyond chance (|ZSTD| ≥ 2, Wilson–Hilferty as Winsteps and eRm): with 60
    // candidates a mean square of 1.35 is noise as often as not, and with 10,000 a ZSTD of 3 is a trifle
    const bad = (
      [
        ['infit', rasch.infit, rasch.infitZ],
        ['outfit', rasch.outfit, rasch.outfitZ],
      ] as const
    ).filter(([, v, z]) => (v < lo || v > hi) && z != null && Math.abs(z) >= rules.fitZ);
    if (bad.length > 0)
      out.push({
        flag: 'misfit',
        detail: `${bad.map(([k, v, z]) => `${k} ${v.toFixed(2)}（ZSTD ${z!.toFixed(1)}）`).join('，')}，均方应在 ${lo}–${hi} 或 |ZSTD| < ${rules.fitZ}`,
      });
  }
  return out;
}
