/**
 * The words of item analysis (统计分析): why an item is flagged after a batch, and where a difficulty on the
 * logit scale came from. Browser-safe, like the other vocabularies.
 */
import { keysOf } from './keys-of.ts';
import type { Difficulty } from './item-vocabulary.ts';

export const STATS_FLAG_NAMES = {
  facility_out_of_band: '难度与认证等级不符',
  low_discrimination: '区分度偏低',
  negative_discrimination: '区分度为负',
  key_suspect: '答案存疑',
  dead_distractor: '干扰项无人选',
  misfit: 'Rasch 拟合不良',
} as const;
export type StatsFlag = keyof typeof STATS_FLAG_NAMES;
export const STATS_FLAGS = keysOf(STATS_FLAG_NAMES);

/** Where an item version's difficulty in logits comes from. */
export const CALIBRATION_SOURCE_NAMES = { calibrated: '已校准', band: '按认证难度等级' } as const;
export type CalibrationSource = keyof typeof CALIBRATION_SOURCE_NAMES;

/**
 * An uncalibrated item's place on the logit scale, from the difficulty band its experts certified: one logit
 * per band around 中等 = 0 (the calibration is normalised to Σ difficulty = 0 over the calibrated items, so 0
 * is the bank's average item). A facility of ~0.88/0.73/0.5/0.27/0.12 for an average candidate.
 */
export const BAND_LOGITS: Readonly<Record<Difficulty, number>> = { 1: -2, 2: -1, 3: 0, 4: 1, 5: 2 };

/**
 * How a version sent back for review because of its statistics is marked (its review comment begins so): the
 * review queue shows it as 需复核（统计）.
 */
export const STATS_REVIEW_MARK = '需复核（统计）';
export const isStatsReview = (comment: string | null | undefined): boolean =>
  (comment ?? '').startsWith(STATS_REVIEW_MARK);
