import type { BankSnapshot, Blueprint, Calibration, UsageHistory } from '@kaowu/domain';
import { rng, shuffle } from '../rng.ts';
import { cellBank, makeOutline } from './bank.ts';
import { FEATURE_FIXTURE, readBlueprint } from './files.ts';

/** The fixture blueprint with every feature, its generated bank and a usage history: shared by both processes. */
export function determinismCase(options: { equated?: boolean } = {}): {
  bank: BankSnapshot;
  blueprint: Blueprint;
  usage: UsageHistory;
  calibration: Calibration;
} {
  const outline = makeOutline(8, { weights: [5, 20, 15, 12, 18, 18, 7, 5] });
  const bank = cellBank(outline, (a, type, d) => 5 + ((a * 5 + d * 3 + type.length) % 6), 'determinism');
  const blueprint = readBlueprint(FEATURE_FIXTURE, outline);
  const draw = rng('determinism-usage');
  const codes = bank.items.map((i) => i.code);
  const usage: UsageHistory = {
    recentBatches: Array.from({ length: 4 }, () => shuffle([...codes], draw).slice(0, 120)),
    useCounts: Object.fromEntries(codes.map((c) => [c, draw.below(4)])),
  };
  // Every other item calibrated, at its band's logit plus noise of up to ±0.8 (with many decimals).
  const calibration: Calibration = Object.fromEntries(
    bank.items
      .filter((_, k) => k % 2 === 0)
      .map((i) => [i.code, i.content.difficulty - 3 + (draw.below(1601) - 800) / 1000 + 1 / 3]),
  );
  // Equated: the fixture's three forms within 0.5 point of each other at the cut, expected score and information
  // each in a window.
  const equated: Blueprint = {
    ...blueprint,
    cut: { ability: 0.3, expectedScore: { min: 52, max: 58 }, information: { min: 14, max: 17 } },
    forms: { ...blueprint.forms, equatingTolerance: 0.5 },
  };
  return { bank, blueprint: options.equated === true ? equated : blueprint, usage, calibration };
}
