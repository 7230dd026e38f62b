/**
 * Item analysis (统计分析): a batch's classical statistics and flags, the bank's Rasch calibration across
 * batches, and the difficulties the assembler reads. The arithmetic is @kaowu/analysis; here are the
 * matrix of stored answers, the rules from settings, storage, authorisation and audit.
 */
export {
  analysedBatches,
  batchStats,
  computeBatchStats,
  statsAfterFinal,
  type StatsAfterFinal,
  itemStatsHistory,
  type AnalysedBatch,
  type BatchStatsReport,
  type FormStats,
  type ItemHistoryLine,
  type ItemStatsLine,
} from './batch-stats.ts';
export {
  calibrateBank,
  itemDifficulties,
  type Bank,
  type CalibratedItem,
  type CalibrationReport,
  type ItemDifficulty,
} from './calibration.ts';
export { loadStatsDemo, STATS_DEMO_PLAN_NUMBER, type StatsDemo } from './demo.ts';
export {
  flaggedItems,
  keepFlaggedItem,
  sendFlaggedForReview,
  statsReviewQueue,
  type FlaggedItem,
} from './review.ts';
export { exportBatchStats, exportBatchStatsFile } from './export.ts';
export type { Excluded, MatrixColumn } from './matrix.ts';
export { setStatsSetting, STATS_SETTING_KEYS, STATS_SETTING_NAMES, statsRules, type StatsSettingKey } from './rules.ts';
