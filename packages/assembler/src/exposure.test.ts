import type { Blueprint, BlueprintInput, Paper, UsageHistory } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble } from './index.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';
import { violations } from './testing/check.ts';

const outline = makeOutline(8, { weights: [5, 20, 15, 12, 18, 18, 7, 5] });
const typeIndex = { true_false: 0, single: 1, multiple: 2 } as const;
const bank = cellBank(outline, (a, type, d) => 4 + ((a * 3 + d * 2 + typeIndex[type] * 5) % 7));
const SECTIONS: BlueprintInput['sections'] = [
  { type: '判断题', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } },
  { type: '单选题', count: 140, points: 0.5, difficulty: { 1: 21, 2: 42, 3: 42, 4: 25, 5: 10 } },
  { type: '多选题', count: 10, points: 1, difficulty: { 1: 1, 2: 3, 3: 3, 4: 2, 5: 1 } },
];
const blueprintOf = (exposure: BlueprintInput['exposure']): Blueprint =>
  testBlueprint({ sections: SECTIONS, exposure }, outline);
const codesOf = (paper: Paper): string[] => paper.sections.flatMap((s) => s.items.map((i) => i.code));
/** Item codes start with their point, whose first letter is the area (A001-S3-0001 lies in area A). */
const inArea = (area: string): string[] => bank.items.map((i) => i.code).filter((c) => c.startsWith(area));

function assembled(blueprint: Blueprint, seed: string, usage: UsageHistory): Paper[] {
  const result = assemble(bank, blueprint, seed, usage);
  if (!result.ok) throw new Error(`${seed}: ${result.error.zh}`);
  expect(violations(result.value, bank, blueprint, usage), seed).toEqual([]);
  return result.value;
}

describe('exposure as an objective: least-used items first, a cap on the rate, the paper’s exposure recorded', () => {
  const everything = bank.items.map((i) => i.code);
  const area = (code: string): string => code[0]!;
  // Area B needs 38 of 190 items (20 % by weight). When every item of B was in the last batch, a paper must take
  // exactly those 38 seen items and can take every other item fresh: 38 is the least exposure possible.
  const onlyB: UsageHistory = { recentBatches: [inArea('B')], useCounts: {} };
  const needB = 38;

  it('takes no seen item where fresh ones suffice, where hard exclusion would refuse the paper', () => {
    const hard = assemble(bank, blueprintOf({ excludeRecentBatches: 1 }), 'x', onlyB);
    expect(hard.ok).toBe(false);
    for (const seed of ['s1', 's2', 's3', 's4', 's5']) {
      const [paper] = assembled(blueprintOf({ lastBatches: 1 }), seed, onlyB) as [Paper];
      const seen = codesOf(paper).filter((c) => area(c) === 'B');
      expect(seen).toHaveLength(needB);
      expect(paper.measures).toEqual({ exposure: { batches: 1, seen: needB, items: 190 } });
    }
  });

  it('prefers items seen in fewer of the last K batches, and without the window ignores them', () => {
    // Every item was in an older batch; half of area B's items also in the last one. A paper without any of
    // those exists (hard exclusion finds one), so the preferring paper, all of whose items are seen, takes none.
    const twice = inArea('B').filter((_, k) => k % 2 === 0);
    const usage: UsageHistory = { recentBatches: [twice, everything], useCounts: {} };
    expect(assemble(bank, blueprintOf({ excludeRecentBatches: 1 }), 'levels', usage).ok).toBe(true);
    for (const seed of ['levels', 'l2', 'l3']) {
      const [paper] = assembled(blueprintOf({ lastBatches: 2 }), seed, usage) as [Paper];
      expect(paper.measures?.exposure).toEqual({ batches: 2, seen: 190, items: 190 });
      expect(codesOf(paper).filter((c) => twice.includes(c))).toEqual([]);
    }
    // Without a window, the same items as with no history at all: usage does not steer the paper.
    const plain = blueprintOf({});
    const [a] = assembled(plain, 'levels', usage) as [Paper];
    const [b] = assembled(plain, 'levels', { recentBatches: [], useCounts: {} }) as [Paper];
    expect(codesOf(a)).toEqual(codesOf(b));
    expect(a.measures).toBeUndefined();
    // After a paper, the next one from the same bank: the preferring paper takes fewer of its items than a blind one.
    const fresh: UsageHistory = { recentBatches: [codesOf(a)], useCounts: {} };
    for (const seed of ['n1', 'n2', 'n3']) {
      const [prefer] = assembled(blueprintOf({ lastBatches: 1 }), seed, fresh) as [Paper];
      const [blind] = assembled(plain, seed, fresh) as [Paper];
      const blindSeen = codesOf(blind).filter((c) => codesOf(a).includes(c)).length;
      expect(prefer.measures?.exposure?.seen).toBeLessThan(blindSeen);
    }
  });

  it('keeps the rate cap over any K consecutive batches, this one included, and the oldest batch drops out', () => {
    // K = 3, rate 0.67: at most 2 of any 3 batches. Area B's items were in both of the last two batches: none may
    // be used. Area D's were in the last one and the third back: the third back is outside the K − 1 counted.
    const b = inArea('B');
    const usage: UsageHistory = { recentBatches: [[...b, ...inArea('D')], b, inArea('D')], useCounts: {} };
    const result = assemble(bank, blueprintOf({ lastBatches: 3, maxRate: 0.67 }), 'cap', usage);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const cell = result.error.problems.find((p) => p.cell?.area === 'B' && p.cell.type === undefined);
    expect(cell?.shortfall).toMatchObject({ need: needB, usable: 0, approved: b.length, excludedRate: b.length });
    expect(cell?.zh).toContain(`${b.length} 题因曝光率达到上限而排除`);
    // Half of area B outside the last batch: the cap holds, and B's places come from the other half.
    const half = b.filter((_, k) => k % 2 === 0);
    const partial: UsageHistory = { recentBatches: [[...half, ...inArea('D')], b, inArea('D')], useCounts: {} };
    const bp = blueprintOf({ lastBatches: 3, maxRate: 0.67 });
    for (const seed of ['c1', 'c2', 'c3']) {
      const [paper] = assembled(bp, seed, partial) as [Paper];
      const codes = codesOf(paper);
      expect(codes.filter((c) => half.includes(c))).toEqual([]);
      expect(codes.filter((c) => area(c) === 'B')).toHaveLength(needB);
    }
  });

  it('refuses a cap without a window, and a cap that allows no item', () => {
    const codes = (exposure: BlueprintInput['exposure']): string[] => {
      try {
        blueprintOf(exposure);
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    };
    expect(codes({ maxRate: 0.5 })).toEqual(['曝光率上限需要同时给出统计的批次数（exposure.lastBatches）']);
    expect(codes({ lastBatches: 3, maxRate: 0.2 })[0]).toContain('任何试题都不能使用');
  });
});
