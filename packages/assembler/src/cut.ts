import { BAND_LOGITS, type Blueprint, type Calibration, type Difficulty } from '@kaowu/domain';

/**
 * Measures at the pass-mark ability θ, in integers so that sums are exact and order-free on every machine: each
 * item's expected score points × P in millionths of a point, its Rasch information P(1 − P) in millionths, with
 * P = 1 / (1 + e^(b − θ)), b its calibrated difficulty or its band's (BAND_LOGITS). A paper records the sums
 * rounded to 0.01 point and 0.001 (`recordedScore`, `recordedInformation`).
 */
export const CUT_UNITS = 1_000_000;

export interface CutItem {
  readonly code: string;
  readonly section: number;
  readonly difficulty: number;
}

export function cutUnits(
  blueprint: Blueprint,
  calibration: Calibration,
  ability: number,
  c: CutItem,
): { score: number; information: number; calibrated: boolean } {
  const logit = calibration[c.code];
  const b = logit ?? BAND_LOGITS[c.difficulty as Difficulty];
  const p = 1 / (1 + Math.exp(b - ability));
  const points = blueprint.sections[c.section]?.points ?? 0;
  return {
    score: Math.round(points * p * CUT_UNITS),
    information: Math.round(p * (1 - p) * CUT_UNITS),
    calibrated: logit !== undefined,
  };
}

/** The recorded expected score (points, to 0.01) of a sum in millionths of a point. */
export const recordedScore = (units: number): number => Math.round(units / 10_000) / 100;
/** The recorded information (to 0.001) of a sum in millionths. */
export const recordedInformation = (units: number): number => Math.round(units / 1_000) / 1000;

/**
 * The sums in millionths whose recorded value (rounded half up) lies in [min, max]: expected scores in hundredths
 * of a point, information in thousandths. `step` is the recorded unit in millionths (10,000 or 1,000).
 */
export function unitsWindow(min: number, max: number, step: number): { lo: number; hi: number } {
  const per = CUT_UNITS / step;
  return {
    lo: Math.round(min * per) * step - step / 2,
    hi: Math.round(max * per) * step + step / 2 - 1,
  };
}
export const SCORE_STEP = 10_000;
export const INFORMATION_STEP = 1_000;
