import type { Blueprint, BlueprintInput, ItemType, Outline } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble, type AssemblyError } from './index.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';

const two = makeOutline(2, { weights: [40, 60] });

const blueprintOf = (input: Partial<BlueprintInput>, outline: Outline = two): Blueprint =>
  testBlueprint(input, outline);

function failure(result: ReturnType<typeof assemble>): AssemblyError {
  if (result.ok) throw new Error('expected assembly to fail');
  return result.error;
}

/** Why assembling `bank` to the blueprint of `input` fails. */
const failureOf = (bank: Parameters<typeof assemble>[0], input: Partial<BlueprintInput>, outline: Outline = two) =>
  failure(assemble(bank, blueprintOf(input, outline), 's'));

/** A bank over the two areas holding single-choice items only: counts per difficulty in area A, then in B. */
const singlesBank = (...perArea: Partial<Record<number, number>>[]) =>
  cellBank(two, (a: number, type: ItemType, d: number) => (type === 'single' ? (perArea[a]?.[d] ?? 0) : 0));

describe('an impossible blueprint fails naming every cell and why', () => {
  // Area A needs 4 and B 6; difficulty 3 needs 4 and difficulty 4 needs 6. Each total is available, but B has
  // only one usable difficulty-4 item (3 approved, 2 used last batch): B can place 4 + 1, and A cannot take
  // more than its 4 — one difficulty-4 item is missing in B exactly.
  const bank = singlesBank({ 3: 10, 4: 10 }, { 3: 10, 4: 3 });
  const blueprint = blueprintOf({
    sections: [{ type: 'single', count: 10, points: 10, difficulty: { 3: 4, 4: 6 } }],
    exposure: { excludeRecentBatches: 1 },
  });
  const usage = { recentBatches: [['B001-S4-0001', 'B002-S4-0002']], useCounts: {} };

  it('names the crossing cell with its need, what is usable, and what exposure excluded', () => {
    const error = failure(assemble(bank, blueprint, 's', usage));
    expect(error.code).toBe('assembly_infeasible');
    const cell = error.problems.find((p) => p.code === 'assembly_cell_short');
    expect(cell?.cell).toEqual({ area: 'B', type: 'single', difficulty: 4 });
    expect(cell?.shortfall).toMatchObject({ need: 2, usable: 1, approved: 3, excludedRecent: 2 });
    expect(cell?.zh).toBe(
      '范围 B × 单选题 × 难度 4：需要 2 题，可用 1 题（题库中已通过 3 题，2 题因近期批次已用而排除）',
    );
    expect(cell?.en).toBe(
      'area B × single × difficulty 4: needs 2, 1 usable ' +
        '(3 approved in the bank, 2 excluded as used in recent batches)',
    );
    expect(error.problems.filter((p) => p.code === 'assembly_cell_short')).toHaveLength(1);
  });

  it('states the conflict found by the minimum cut', () => {
    const error = failure(assemble(bank, blueprint, 's', usage));
    const cut = error.problems.find((p) => p.code === 'assembly_conflict');
    expect(cut?.zh).toBe(
      '范围 B 共需 6 题，但在题型与难度要求（单选题 × 难度 3 共 4 题）和可用题目的限制下最多只能选出 5 题',
    );
    expect(cut?.en).toBe(
      'area B needs 6 items, but the type and difficulty requirements (single × difficulty 3: 4 items) ' +
        'and the usable items allow at most 5',
    );
    expect(error.zh.startsWith('无法按组卷方案组成试卷：')).toBe(true);
  });

  it('lists every short area, section and band at once', () => {
    // A: 5 true/false + 3 single items for 12 places; C: 3 single for 12; true/false: 5 items for 10 places.
    const three = makeOutline(3, { weights: [30, 40, 30] });
    const thin = cellBank(three, (a, type, d) =>
      type === 'true_false' ? (a === 0 ? 1 : 0) : a === 1 ? 20 : d <= 3 ? 1 : 0,
    );
    const sections = [
      { type: 'true_false', count: 10, points: 1 },
      { type: 'single', count: 30, points: 3, difficulty: { 1: 10, 2: 10, 3: 10 } },
    ];
    const error = failureOf(thin, { sections }, three);
    expect(error.problems.map((p) => [p.code, p.cell, p.shortfall?.need, p.shortfall?.usable])).toEqual([
      ['assembly_area_short', { area: 'A' }, 12, 8],
      ['assembly_area_short', { area: 'C' }, 12, 3],
      ['assembly_section_short', { type: 'true_false' }, 10, 5],
    ]);
    expect(error.problems[2]?.zh).toBe('判断题：需要 10 题，可用 5 题（题库中已通过 5 题）');
  });

  it('explains an unreachable mean difficulty with the range that is reachable', () => {
    const easy = singlesBank({ 1: 10, 2: 10 }, { 1: 10, 2: 10 });
    const error = failureOf(easy, {
      sections: [{ type: 'single', count: 10, points: 10 }],
      meanDifficulty: { target: 3, tolerance: 0.5 },
    });
    expect(error.problems[0]?.code).toBe('assembly_mean_unreachable');
    expect(error.problems[0]?.zh).toBe(
      '平均难度要求为 3 ± 0.5，但满足其他要求的试卷平均难度只能在 1.000 到 2.000 之间',
    );
  });

  it('counts enemy groups as one item each', () => {
    const few = singlesBank({ 3: 2 }, { 3: 4 });
    const error = failureOf(few, {
      sections: [{ type: 'single', count: 5, points: 20 }],
      areas: { counts: { A: 2, B: 3 } },
      enemies: [['B001-S3-0001', 'B002-S3-0002', 'B003-S3-0003']],
    });
    expect(error.problems[0]).toMatchObject({
      code: 'assembly_area_short',
      cell: { area: 'B' },
      shortfall: { need: 3, usable: 2, inEnemyGroups: 3 },
    });
    expect(error.problems[0]?.zh).toContain('3 题属于互斥题组（每组至多 1 题）');
  });

  it('fails when an enemy group spanning areas cannot be placed in any of them', () => {
    // A needs 2 and has exactly 2 items; B needs 2 and has exactly 2; one item of each is in the same group.
    const exact = singlesBank({ 3: 2 }, { 3: 2 });
    const error = failureOf(exact, {
      sections: [{ type: 'single', count: 4, points: 25 }],
      areas: { counts: { A: 2, B: 2 } },
      enemies: [['A001-S3-0001', 'B001-S3-0001']],
    });
    expect(error.code).toBe('assembly_enemies');
    expect(error.problems[0]?.zh).toContain('互斥题组（A001-S3-0001、B001-S3-0001）分属多个范围');
  });

  it('refuses unknown or conflicting pinned items and a bank of another occupation', () => {
    const bank2 = singlesBank({ 3: 5 }, { 3: 5 });
    const sections = [{ type: 'single', count: 4, points: 25 }];
    expect(failureOf(bank2, { sections, pinned: ['NOPE'] }).problems[0]?.code).toBe('assembly_pin_unknown');
    const pinned = ['A001-S3-0001', 'A002-S3-0002'];
    const enemies = failure(
      assemble(
        bank2,
        { ...blueprintOf({ sections }), pinned, enemies: [['A001-S3-0001', 'A002-S3-0002', 'A003-S3-0003']] },
        's',
      ),
    );
    expect(enemies.problems.map((p) => p.code)).toContain('blueprint_pins_are_enemies');
    const other = { ...bank2, occupationCode: '6-18-02-04' };
    expect(failureOf(other, { sections }).problems[0]?.code).toBe('assembly_bank_mismatch');
  });
});
