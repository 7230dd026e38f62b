import type { BankSnapshot, ItemType } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble } from './index.ts';
import { rng, shuffle, type Rng } from './rng.ts';
import { testBlueprint } from './testing/blueprint.ts';
import { areaCode, cellBank, makeOutline, TYPES } from './testing/bank.ts';
import { violations } from './testing/check.ts';

/**
 * Banks built so that choosing greedily — area by area, taking any cell that still needs items — runs into a
 * dead end, while a paper exists. The assembler must find one for every seed.
 */

const blueprintOf = testBlueprint;

const SEEDS = Array.from({ length: 25 }, (_, i) => `adversarial-${i}`);
const cellOf = (type: ItemType, d: number): number => TYPES.indexOf(type) * 5 + d - 1;

/** Greedy baseline: each area in turn fills its count from random cells that still need items. */
function greedy(bank: BankSnapshot, areaNeed: readonly number[], cellNeed: readonly number[], random: Rng): boolean {
  const need = [...cellNeed];
  const left = new Map<string, number>();
  for (const item of bank.items) {
    const key = `${item.code.charCodeAt(0) - 65}/${cellOf(item.content.type, item.content.difficulty)}`;
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  for (let a = 0; a < areaNeed.length; a++)
    for (let k = 0; k < areaNeed[a]!; k++) {
      const open = shuffle(
        need.map((_, c) => c).filter((c) => need[c]! > 0 && (left.get(`${a}/${c}`) ?? 0) > 0),
        random,
      );
      const c = open[0];
      if (c === undefined) return false;
      need[c]!--;
      left.set(`${a}/${c}`, left.get(`${a}/${c}`)! - 1);
    }
  return true;
}

describe('adversarial banks where greedy choices dead-end', () => {
  it('solves a staircase: 15 areas × 15 type-difficulty cells with exactly one way to fill them', () => {
    // Area i has one item in cell i and one in cell i + 1; every area and every cell needs exactly one item.
    // Only area i → cell i works: an area that takes its second cell leaves a later area without any.
    const outline = makeOutline(15);
    const bank = cellBank(outline, (a, type, d) => (cellOf(type, d) === a || cellOf(type, d) === a + 1 ? 1 : 0));
    const sections = TYPES.map((type) => ({ type, count: 5, points: 4, difficulty: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 } }));
    const blueprint = blueprintOf(
      {
        totalScore: 60,
        sections,
        areas: { counts: Object.fromEntries(outline.areas.map((a) => [a.code, 1])) },
      },
      outline,
    );
    const greedyWins = SEEDS.filter((seed) => greedy(bank, Array(15).fill(1), Array(15).fill(1), rng(seed))).length;
    expect(greedyWins).toBeLessThan(3);
    for (const seed of SEEDS) {
      const result = assemble(bank, blueprint, seed);
      expect(result.ok, seed).toBe(true);
      if (!result.ok) continue;
      expect(violations(result.value, bank, blueprint)).toEqual([]);
      for (const item of result.value[0]!.sections.flatMap((s) => s.items))
        expect(cellOf(item.content.type, item.content.difficulty)).toBe(item.area.charCodeAt(0) - 65);
    }
  });

  it('solves random transportation instances with a planted solution hidden among decoys', () => {
    for (let instance = 0; instance < 12; instance++) {
      const draw = rng('planted', String(instance));
      const areas = 6;
      // Planted counts per area × cell; the bank holds them plus decoys in cells whose demand others fill.
      const planted = Array.from({ length: areas }, () =>
        Array.from({ length: 15 }, () => (draw.below(3) === 0 ? draw.below(4) : 0)),
      );
      const decoys = Array.from({ length: areas }, () =>
        Array.from({ length: 15 }, () => (draw.below(4) === 0 ? 1 + draw.below(3) : 0)),
      );
      const outline = makeOutline(areas);
      const bank = cellBank(
        outline,
        (a, type, d) => planted[a]![cellOf(type, d)]! + decoys[a]![cellOf(type, d)]!,
        `planted-${instance}`,
      );
      const cellNeed = Array.from({ length: 15 }, (_, c) => planted.reduce((s, row) => s + row[c]!, 0));
      const areaNeed = planted.map((row) => row.reduce((s, x) => s + x, 0));
      const sections = TYPES.map((type, t) => {
        const bands = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, cellNeed[t * 5 + d - 1]!]));
        return {
          type,
          count: [1, 2, 3, 4, 5].reduce((s, d) => s + cellNeed[t * 5 + d - 1]!, 0),
          points: 1,
          difficulty: bands,
        };
      }).filter((s) => s.count > 0);
      const n = areaNeed.reduce((s, x) => s + x, 0);
      const blueprint = blueprintOf(
        { totalScore: n, sections, areas: { counts: Object.fromEntries(areaNeed.map((x, a) => [areaCode(a), x])) } },
        outline,
      );
      for (const seed of SEEDS.slice(0, 5)) {
        const result = assemble(bank, blueprint, seed);
        expect(result.ok, `${instance}/${seed}`).toBe(true);
        if (result.ok) expect(violations(result.value, bank, blueprint)).toEqual([]);
      }
    }
  });

  it('backtracks over enemy groups that span areas', () => {
    // A needs one of a1 a2 a3, B its only item b1, C one of c1 c2; enemy groups {a1 b1}, {a2 c1}, {a3 c2}.
    // b1 rules out a1, and each of a2, a3 rules out one of C's items: (a2 b1 c2) and (a3 b1 c1) are the papers.
    const outline = makeOutline(3, { points: 3 });
    const bank = cellBank(outline, (a, type, d) => (type === 'single' && d === 3 ? [3, 1, 2][a]! : 0));
    const blueprint = blueprintOf(
      {
        totalScore: 3,
        sections: [{ type: 'single', count: 3, points: 1 }],
        areas: { counts: { A: 1, B: 1, C: 1 } },
        enemies: [
          ['A001-S3-0001', 'B001-S3-0001'],
          ['A002-S3-0002', 'C001-S3-0001'],
          ['A003-S3-0003', 'C002-S3-0002'],
        ],
      },
      outline,
    );
    const papers = new Set<string>();
    for (const seed of SEEDS) {
      const result = assemble(bank, blueprint, seed);
      expect(result.ok, seed).toBe(true);
      if (!result.ok) continue;
      expect(violations(result.value, bank, blueprint)).toEqual([]);
      papers.add(result.value[0]!.sections[0]!.items.map((i) => i.code).join(' '));
    }
    expect([...papers].sort()).toEqual([
      'A002-S3-0002 B001-S3-0001 C002-S3-0002',
      'A003-S3-0003 B001-S3-0001 C001-S3-0001',
    ]);
  });

  it('meets a mean-difficulty window that only a few compositions reach', () => {
    // Two areas of 10 items each, from items of difficulty 1 and 5 only: a mean of exactly 4.8 needs 19
    // difficulty-5 items of the 21 in the bank (10 + 11), at most 10 per area.
    const outline = makeOutline(2, { weights: [50, 50] });
    const bank = cellBank(outline, (a, type, d) =>
      type === 'single' ? (d === 5 ? 10 + a : d === 1 ? 20 : 0) : type === 'multiple' && d === 5 ? 1 : 0,
    );
    const blueprint = blueprintOf(
      {
        totalScore: 20,
        sections: [{ type: 'single', count: 20, points: 1 }],
        meanDifficulty: { target: 4.8, tolerance: 0 },
      },
      outline,
    );
    for (const seed of SEEDS) {
      const result = assemble(bank, blueprint, seed);
      expect(result.ok, seed).toBe(true);
      if (result.ok) expect(violations(result.value, bank, blueprint)).toEqual([]);
    }
  });
});
