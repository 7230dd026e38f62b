/**
 * Records that prove themselves (issue 16): the batch's filing timeline in Chinese working days, the filing
 * exports, the batch archive with its manifest and verification, and the destruction register (销毁台账).
 */
export {
  getBatchTimeline,
  markFilingStep,
  MARKABLE_STEPS,
  type BatchTimeline,
  type MarkableStep,
} from './timeline.ts';
export { archiveBatch, type ArchiveManifest, type ArchiveResult, type ManifestFile } from './archive.ts';
export { verifyArchive, type ArchiveCheck } from './verify.ts';
export {
  destroyPersonalData,
  exportDestructions,
  listDestructions,
  DESTRUCTION_SCOPE,
  type DestructionEntry,
} from './destruction.ts';
export { filingExports, FILING_EXPORT_NAMES } from './filing-exports.ts';
