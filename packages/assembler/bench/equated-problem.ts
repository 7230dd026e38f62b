/**
 * The bench's 4-form equated problem, in one place so every figure of it (the assembler's, glpk.js's) solves the
 * very same thing: the 10,000-item bench bank (30 areas × 3 types × 5 difficulties, 21–24 items per cell, as in
 * assemble-bench.ts), a 200-item, 100-point paper with difficulty bands per type and items per area by the
 * outline's weights, 4 parallel forms sharing at most 20 % of their items pairwise, measured at the cut θ = 0.4 and
 * equated there: any two forms' expected scores differ by at most 1 point. Every other item is calibrated.
 */
import { BAND_LOGITS, type Blueprint, type BlueprintInput, type Calibration, type Difficulty } from '@kaowu/domain';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { rng } from '../src/rng.ts';
import { cellBank, makeOutline } from '../src/testing/bank.ts';
import { testBlueprint } from '../src/testing/blueprint.ts';

export const outline = makeOutline(30, { points: 4 });
export const bank = cellBank(outline, (a, _t, d) => 21 + ((a * 7 + d * 3) % 4), 'bench-bank');

export const base: BlueprintInput = {
  ...TEST_BLUEPRINT,
  title: '基准测试试卷',
  sections: [
    { type: 'true_false', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } },
    { type: 'single', count: 140, points: 0.5, difficulty: { 1: 21, 2: 42, 3: 42, 4: 25, 5: 10 } },
    { type: 'multiple', count: 20, points: 0.5, difficulty: { 1: 3, 2: 6, 3: 6, 4: 4, 5: 1 } },
  ],
};

export const CUT = 0.4;
export const EQUATING_TOLERANCE = 1;

export const equatedForms: Blueprint = testBlueprint(
  {
    ...base,
    meanDifficulty: undefined,
    cut: { ability: CUT },
    forms: { count: 4, maxOverlap: 0.2, equatingTolerance: EQUATING_TOLERANCE },
  },
  outline,
);

/** Every other item calibrated within ±0.5 logit of its band's logit, deterministically. */
export const calibration: Calibration = Object.fromEntries(
  bank.items
    .filter((_, k) => k % 2 === 0)
    .map((i) => [
      i.code,
      BAND_LOGITS[i.content.difficulty as Difficulty] + (rng('bench-calibration', i.code).below(21) - 10) / 20,
    ]),
);
