import type { Blueprint, BlueprintInput, Outline, UsageHistory } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble } from './index.ts';
import { rng, shuffle } from './rng.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';
import { violations } from './testing/check.ts';
import { FEATURE_FIXTURE, readBlueprint } from './testing/files.ts';

const outline = makeOutline(8, { weights: [5, 20, 15, 12, 18, 18, 7, 5] });
const typeIndex = { true_false: 0, single: 1, multiple: 2 } as const;
// 4–10 items per area × type × difficulty: uneven, about 840 items.
const bank = cellBank(outline, (a, type, d) => 4 + ((a * 3 + d * 2 + typeIndex[type] * 5) % 7));

/** The test blueprint with difficulty bands on every section (Chinese type names, as files spell them). */
const BANDED_SECTIONS: BlueprintInput['sections'] = [
  { type: '判断题', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } },
  { type: '单选题', count: 140, points: 0.5, difficulty: { 1: 21, 2: 42, 3: 42, 4: 25, 5: 10 } },
  { type: '多选题', count: 10, points: 1, difficulty: { 1: 1, 2: 3, 3: 3, 4: 2, 5: 1 } },
];
const blueprintOf = (input: Partial<BlueprintInput>, against: Outline = outline): Blueprint =>
  testBlueprint({ sections: BANDED_SECTIONS, ...input }, against);

const SEEDS = Array.from({ length: 30 }, (_, i) => `seed-${i}`);

function expectAllHold(blueprint: Blueprint, usage?: UsageHistory, seeds = SEEDS): string[] {
  const hashes: string[] = [];
  for (const seed of seeds) {
    const result = assemble(bank, blueprint, seed, usage);
    if (!result.ok) throw new Error(`${seed}: ${result.error.zh}`);
    expect(violations(result.value, bank, blueprint, usage), seed).toEqual([]);
    hashes.push(result.value.map((p) => p.hash).join('/'));
  }
  return hashes;
}

describe('every hard constraint holds exactly, whatever the seed', () => {
  it('with difficulty band counts per section and areas by the outline weights', () => {
    const hashes = expectAllHold(blueprintOf({}));
    expect(new Set(hashes).size).toBe(SEEDS.length);
  });

  it('with a target mean difficulty and area counts', () => {
    const sections = blueprintOf({}).sections.map(({ difficulty: _bands, ...s }) => s);
    const counts = { A: 12, B: 30, C: 30, D: 20, E: 30, F: 30, G: 20, H: 18 };
    expectAllHold(blueprintOf({ sections, areas: { counts }, meanDifficulty: { target: 3.1, tolerance: 0.02 } }));
  });

  it('with a mean target narrower than one item can move it (exact subset choice)', () => {
    const sections = blueprintOf({}).sections.map(({ difficulty: _bands, ...s }) => s);
    // ±0.005 × 100 points: the weighted sum must land within one half-point item of difficulty 1.
    expectAllHold(
      blueprintOf({ sections, meanDifficulty: { target: 2.6, tolerance: 0.005 } }),
      undefined,
      SEEDS.slice(0, 10),
    );
  });

  it('with every feature of the fixture blueprint, against a usage history', () => {
    const blueprint = readBlueprint(FEATURE_FIXTURE, outline);
    const codes = bank.items.map((i) => i.code);
    const draw = rng('usage');
    const batch = (): string[] => shuffle([...codes], draw).slice(0, 85);
    const recentBatches = [[...batch(), 'C002-T1-0002'], batch(), batch()];
    const useCounts = Object.fromEntries(codes.map((c) => [c, draw.below(5)]));
    const usage: UsageHistory = { recentBatches, useCounts };
    expectAllHold(blueprint, usage, SEEDS.slice(0, 12));
    // Pinned items are placed despite exposure (C002-T1-0002 was in the last batch).
    const paper = assemble(bank, blueprint, 'x', usage);
    expect(paper.ok).toBe(true);
    if (paper.ok)
      expect(paper.value[0]!.sections.flatMap((s) => s.items).some((i) => i.code === 'C002-T1-0002')).toBe(true);
  });

  it('gives the same papers for the same inputs, and records those inputs in each paper', () => {
    const blueprint = blueprintOf({ forms: { count: 2, maxOverlap: 0.5 } });
    const one = assemble(bank, blueprint, 'same');
    const two = assemble(bank, blueprint, 'same');
    expect(one.ok && two.ok).toBe(true);
    if (!one.ok || !two.ok) return;
    expect(JSON.stringify(one.value)).toBe(JSON.stringify(two.value));
    expect(one.value.map((p) => p.inputs.form)).toEqual(['A', 'B']);
    expect(one.value[0]!.inputs).toMatchObject({ snapshotHash: bank.hash, seed: 'same', assemblerVersion: '1.1.0' });
  });
});

describe('parallel forms', () => {
  // Two areas, one section of 20 single-choice items (10 per area), 15 items per area in the bank.
  const small = makeOutline(2, { weights: [50, 50] });
  const tight = cellBank(small, (_a, type, d) => (type === 'single' && d <= 3 ? 5 : 0), 'tight');
  const formsOf = (count: number, maxOverlap: number): Blueprint =>
    blueprintOf({ sections: [{ type: 'single', count: 20, points: 5 }], forms: { count, maxOverlap } }, small);

  it('shares no more items than the cap between any two forms, even when the cap binds', () => {
    // 30 items, 20 per form: B must take all 10 fresh items and 10 of A's; C then needs 10 items from A only
    // and 10 from B only — any other mix breaks the cap of 10 with one of them.
    for (const seed of SEEDS.slice(0, 10)) {
      const blueprint = formsOf(3, 0.5);
      const result = assemble(tight, blueprint, seed);
      expect(result.ok, seed).toBe(true);
      if (!result.ok) continue;
      expect(violations(result.value, tight, blueprint)).toEqual([]);
      const sets = result.value.map((p) => new Set(p.sections.flatMap((s) => s.items.map((i) => i.code))));
      const shared = (x: Set<string>, y: Set<string>): number => [...x].filter((c) => y.has(c)).length;
      expect([shared(sets[0]!, sets[1]!), shared(sets[0]!, sets[2]!), shared(sets[1]!, sets[2]!)]).toEqual([
        10, 10, 10,
      ]);
    }
  });

  it('fails naming the form and the cells short of fresh items when the cap cannot be kept', () => {
    const result = assemble(tight, formsOf(2, 0.4), 'seed');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('assembly_overlap');
    expect(result.error.zh).toContain('试卷 B');
    expect(result.error.zh).toContain('至少要重复使用之前试卷中的 10 道题');
    expect(result.error.problems.some((p) => p.shortfall?.inEarlierForms === 10)).toBe(true);
  });
});
