/**
 * The bench's problems on the 10,000-item bench bank, as functions other benches can call (the glpk.js comparison
 * solves the same 4-form problem as a 0/1 program): bank, blueprints, calibration.
 */
import type { Blueprint, BlueprintInput, Calibration } from '@kaowu/domain';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { cellBank, makeOutline } from '../src/testing/bank.ts';
import { testBlueprint } from '../src/testing/blueprint.ts';

/** 30 areas × 3 types × 5 difficulties, 21–24 items per cell: 10,000 items or so. */
export function benchBank() {
  const outline = makeOutline(30, { points: 4 });
  const bank = cellBank(outline, (a, _t, d) => 21 + ((a * 7 + d * 3) % 4), 'bench-bank');
  return { outline, bank };
}

/** The 200-item paper of the bench: 40 判断题, 140 单选题, 20 多选题 at 0.5 point, band counts per section. */
export const BENCH_PAPER: BlueprintInput = {
  ...TEST_BLUEPRINT,
  title: '基准测试试卷',
  sections: [
    { type: 'true_false', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } },
    { type: 'single', count: 140, points: 0.5, difficulty: { 1: 21, 2: 42, 3: 42, 4: 25, 5: 10 } },
    { type: 'multiple', count: 20, points: 0.5, difficulty: { 1: 3, 2: 6, 3: 6, 4: 4, 5: 1 } },
  ],
};

/** Every other item calibrated: its band's logit plus a spread of ±0.3 (deterministic from the code). */
export function benchCalibration(bank: ReturnType<typeof benchBank>['bank']): Calibration {
  return Object.fromEntries(
    bank.items
      .filter((_, k) => k % 2 === 0)
      .map((i) => [
        i.code,
        i.content.difficulty - 3 + ((i.code.length % 7) - 3) / 10 + (i.code.charCodeAt(i.code.length - 1) % 10) / 50,
      ]),
  );
}

/** One paper whose expected score at the cut (ability 0.4) must lie in [min, max]. */
export function scoreWindowBlueprint(
  outline: ReturnType<typeof benchBank>['outline'],
  window: { min: number; max: number },
): Blueprint {
  return testBlueprint({ ...BENCH_PAPER, cut: { ability: 0.4, expectedScore: window } }, outline);
}

/**
 * Four parallel forms sharing at most 20 % of their items (40 of 200), every pair's expected scores at the cut
 * (ability 0.4) within 0.5 point of each other: the problem the bench assembles jointly.
 */
export function equatedFormsBlueprint(outline: ReturnType<typeof benchBank>['outline']): Blueprint {
  return testBlueprint(
    { ...BENCH_PAPER, cut: { ability: 0.4 }, forms: { count: 4, maxOverlap: 0.2, equatingTolerance: 0.5 } },
    outline,
  );
}
