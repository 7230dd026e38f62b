/**
 * Results of a batch: plan, applications and eligibility, panels, scores, decisions, publicity, certificates,
 * the official reports, and the internal supervisors' report (附件2). Supervision lives here because it is filled
 * per batch from that batch's plan, results and settings, and halting a batch stops its results.
 */
export { applicationTemplate, importApplications } from './application-import.ts';
export {
  applicationInput,
  batchEligibility,
  recordApplications,
  type AcceptedApplication,
  type ApplicationInput,
  type EligibilityLine,
  type RecordedApplications,
} from './applications.ts';
export type { BatchPlan, PlanOptions, ResultsBatch } from './batch.ts';
export {
  issueCertificates,
  listCertificates,
  type CertificateList,
  type CertificateListing,
  type IssuedCertificate,
} from './certificates.ts';
export {
  computeDecisions,
  listDecisions,
  type ComputeSummary,
  type DecisionChange,
  type DecisionLine,
} from './decisions.ts';
export { loadResultsDemo, RESULTS_DEMO_PLAN_NUMBER, type ResultsDemo } from './demo.ts';
export {
  exportAllResults,
  exportResults,
  RESULT_REPORT_NAMES,
  RESULT_REPORTS,
  type ResultReport,
} from './exports.ts';
export { correctKey, type KeyCorrectionInput, type KeyCorrectionReport } from './key-correction.ts';
export { panelComponents, resolveSpread, type PanelInput } from './panels.ts';
export {
  addObjection,
  finaliseResults,
  getPublicity,
  publishResults,
  resolveObjection,
  type ObjectionInput,
  type PublicityView,
  type PublishInput,
} from './publicity.ts';
export {
  confirmScores,
  enterScore,
  importScores,
  scoreSheet,
  scoreStatus,
  scoreTemplate,
  type ManualEntry,
  type ScoreStatus,
} from './score-entry.ts';
export {
  readResultsSettings,
  RESULTS_SETTING_KEYS,
  RESULTS_SETTING_NAMES,
  setResultsSetting,
  type ResultsSettingKey,
  type ResultsSettings,
} from './settings.ts';
export {
  checkPlan,
  panelSetup,
  planView,
  recordRelation,
  setPanel,
  setPlan,
  type PanelSetup,
  type PlanProblem,
  type PlanView,
  type SavedPlan,
} from './setup.ts';
export {
  getSupervision,
  saveSupervision,
  signSupervision,
  SUPERVISION_REPORT_NAME,
  exportSupervisionReport,
  type SupervisionPerson,
  type SupervisionSignature,
  type SupervisionView,
} from './supervision.ts';
export type { TheoryChange } from './theory.ts';
/** The stored form of a theory score lives with the schema, which types the column that holds it. */
export type { TheoryDetail } from '@kaowu/db';
export {
  addCandidateListObjection,
  candidateListObjectionInput,
  candidateListPublishInput,
  candidateListResolutionInput,
  candidateListWorkbook,
  getCandidateList,
  publishCandidateList,
  resolveCandidateListObjection,
  type CandidateListLine,
  type CandidateListView,
} from './candidate-list.ts';
export {
  enterSheetScores,
  practicalSheets,
  sheetScoresInput,
  signPracticalSheet,
  type PracticalSheet,
} from './practical-sheets.ts';
export {
  EXTERNAL_SUPERVISION_REPORT_NAME,
  exportExternalSupervision,
  getExternalSupervision,
  saveExternalSupervision,
  signExternalSupervision,
  type ExternalSupervisionView,
} from './external-supervision.ts';
