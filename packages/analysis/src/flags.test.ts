import { describe, expect, it } from 'vitest';
import type { ItemStats, OptionStats } from './ctt.ts';
import { binomialLowerP, DEFAULT_FLAG_RULES, flagItem, signTestP } from './flags.ts';

const option = (o: number, keyed: boolean, share: number, upperCount: number): OptionStats => ({
  option: o,
  keyed,
  count: Math.round(share * 300),
  share,
  meanRest: 10,
  upperCount,
});
const item = (over: Partial<ItemStats>): ItemStats => ({
  item: 0,
  code: 'Q1',
  n: 300,
  facility: 0.6,
  sd: 0.49,
  discrimination: 0.4,
  discriminativeEfficiency: 0.6,
  options: [option(0, true, 0.6, 80), option(1, false, 0.2, 10), option(2, false, 0.1, 5), option(3, false, 0.1, 5)],
  omitted: 0,
  upperN: 100,
  ...over,
});
const flags = (s: ItemStats, band: 1 | 2 | 3 | 4 | 5 | null = 3) => flagItem(s, band, null).map((f) => f.flag);

describe('flags send misbehaving items back with their reasons', () => {
  it('a well-behaved item of the band it was certified for is not flagged', () => {
    expect(flags(item({}))).toEqual([]);
  });

  it('an item certified 较难 (4) that 90 % answer right is out of its band', () => {
    expect(flags(item({ facility: 0.9 }), 4)).toEqual(['facility_out_of_band']);
  });

  it('a facility just outside the band that chance explains for the sample is not flagged', () => {
    // band 1 expects 0.80–1: 45 of 60 right (75 %) — P(X ≤ 45 | 60, 0.8) = 0.207 (scipy.stats.binom.cdf)
    expect(flags(item({ n: 60, facility: 0.75 }), 1)).toEqual([]);
    // 18 of 60 (30 %) for band 3 (0.45–0.80): P(X ≤ 18 | 60, 0.45) = 0.0127 — flagged
    expect(flags(item({ n: 60, facility: 0.3 }), 3)).toEqual(['facility_out_of_band']);
    // the same 75 % over 600 candidates is beyond chance: P(X ≤ 450 | 600, 0.8) = 0.00165
    expect(flags(item({ n: 600, facility: 0.75 }), 1)).toEqual(['facility_out_of_band']);
  });

  it('discrimination below 0.2 is low, below 0 negative (not both)', () => {
    expect(flags(item({ discrimination: 0.15 }))).toEqual(['low_discrimination']);
    expect(flags(item({ discrimination: -0.1 }))).toEqual(['negative_discrimination']);
  });

  it('the upper third choosing a distractor more often than the key makes the key suspect, naming the option', () => {
    const s = item({
      options: [
        option(0, true, 0.4, 30),
        option(1, false, 0.4, 60),
        option(2, false, 0.1, 5),
        option(3, false, 0.1, 5),
      ],
    });
    const found = flagItem(s, 3, null);
    expect(found.map((f) => [f.flag, f.option])).toEqual([['key_suspect', 1]]);
    expect(found[0]!.detail).toContain('B');
  });

  it('a preference of the upper third that chance explains is not enough (sign test)', () => {
    // P(X ≥ 8 | n = 13, ½) = (C(13,8)+…+C(13,13)) / 8192 = (1287+715+286+78+13+1) / 8192 = 2380 / 8192
    expect(signTestP(8, 5)).toBeCloseTo(2380 / 8192, 12);
    // P(X ≥ 17 | n = 20) = (C(20,17)+C(20,18)+C(20,19)+C(20,20)) / 2^20 = (1140+190+20+1) / 1048576
    expect(signTestP(17, 3)).toBeCloseTo(1351 / 1048576, 12);
    const strongB = { ...option(1, false, 0.3, 8), meanRest: 14 };
    const s = item({ options: [option(0, true, 0.3, 5), strongB, option(2, false, 0.2, 5), option(3, false, 0.2, 4)] });
    expect(flagItem(s, 5, null).map((f) => f.flag)).not.toContain('key_suspect');
  });

  it('a hard item whose upper third scatters is not suspect while the key’s choosers are the stronger ones', () => {
    const weakB = { ...option(1, false, 0.4, 60), meanRest: 8 };
    const s = item({ options: [option(0, true, 0.4, 30), weakB, option(2, false, 0.1, 5), option(3, false, 0.1, 5)] });
    expect(flagItem(s, 3, null).map((f) => f.flag)).not.toContain('key_suspect');
  });

  it('a distractor chosen by fewer than 5 % does not function; a 判断题 has no distractor to judge', () => {
    const s = item({
      options: [
        option(0, true, 0.6, 80),
        option(1, false, 0.36, 10),
        option(2, false, 0.03, 5),
        option(3, false, 0.01, 5),
      ],
    });
    expect(flagItem(s, 3, null).map((f) => [f.flag, f.option])).toEqual([
      ['dead_distractor', 2],
      ['dead_distractor', 3],
    ]);
    expect(flags(item({ facility: 0.7, options: [option(0, true, 0.98, 99), option(1, false, 0.02, 1)] }))).toEqual([]);
  });

  it('a distractor few choose on an easy item is chance, not dead, unless the wrong answers clearly avoid it', () => {
    // P(X ≤ 0 | 6, 1/3) = (2/3)^6 = 64/729; P(X ≤ 1 | 6, 1/3) = (64 + 6·32) / 729 = 256/729
    expect(binomialLowerP(0, 6, 1 / 3)).toBeCloseTo(64 / 729, 12);
    expect(binomialLowerP(1, 6, 1 / 3)).toBeCloseTo(256 / 729, 12);
    // P(X ≤ 0 | 24, 1/3) = (2/3)^24
    expect(binomialLowerP(0, 24, 1 / 3)).toBeCloseTo((2 / 3) ** 24, 15);
    // thousands of trials do not underflow: P(X ≤ 2000 | 6000, 1/3) is about one half (normal approximation)
    expect(binomialLowerP(2000, 6000, 1 / 3)).toBeGreaterThan(0.49);
    expect(binomialLowerP(2000, 6000, 1 / 3)).toBeLessThan(0.52);
    // 60 candidates, 90 % right: 6 wrong answers, none on D (4 B, 2 C) — (2/3)^6 = 0.088, chance
    const easy = (counts: number[]) =>
      item({
        n: 60,
        facility: 0.9,
        options: [
          { ...option(0, true, 0.9, 20), count: 54 },
          ...counts.map((c, i) => ({ ...option(i + 1, false, c / 60, 0), count: c })),
        ],
      });
    expect(flags(easy([4, 2, 0]), 1)).toEqual([]);
    // 60 candidates, 60 % right: 24 wrong answers, none on D — (2/3)^24 ≈ 6e-5, dead
    const middling = item({
      n: 60,
      options: [
        { ...option(0, true, 0.6, 20), count: 36 },
        { ...option(1, false, 0.2, 0), count: 12 },
        { ...option(2, false, 0.2, 0), count: 12 },
        { ...option(3, false, 0, 0), count: 0 },
      ],
    });
    expect(flagItem(middling, 3, null).map((f) => [f.flag, f.option])).toEqual([['dead_distractor', 3]]);
  });

  it('Rasch misfit: a mean square outside 0.7–1.3 AND |ZSTD| ≥ 2, either alone is not', () => {
    const rasch = {
      item: 0,
      status: 'calibrated' as const,
      n: 300,
      difficulty: 0,
      se: 0.1,
      infit: 1.02,
      outfit: 1.33,
      infitZ: 0.3,
      outfitZ: 2.6,
    };
    expect(flagItem(item({}), 3, rasch).map((f) => f.flag)).toEqual(['misfit']);
    expect(flagItem(item({}), 3, rasch)[0]!.detail).toContain('outfit 1.33（ZSTD 2.6）');
    // outside the range but within chance (a small sample)
    expect(flagItem(item({}), 3, { ...rasch, outfitZ: 1.9 }).map((f) => f.flag)).toEqual([]);
    // beyond chance but inside the range (a large sample's trifle)
    expect(flagItem(item({}), 3, { ...rasch, outfit: 1.25, outfitZ: 4 }).map((f) => f.flag)).toEqual([]);
    // overfit counts too
    expect(flagItem(item({}), 3, { ...rasch, outfit: 1, outfitZ: 0, infit: 0.62, infitZ: -2.4 })[0]!.detail).toMatch(
      /^infit 0.62/,
    );
  });

  it('fewer presenters than the minimum: nothing is judged', () => {
    expect(flags(item({ n: DEFAULT_FLAG_RULES.minResponses - 1, facility: 0.99, discrimination: -0.5 }))).toEqual([]);
  });
});
