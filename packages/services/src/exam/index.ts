/** The exam server's use cases: batches, rosters, seat plans, attempts, time, saves, proctor control, staff sign-in. */
export { startAttempt } from './attempt-start.ts';
export {
  admitCandidate,
  admitCandidateNow,
  answerInput,
  attemptAsset,
  attemptInfo,
  attemptPaper,
  attemptPaperJson,
  attemptPhoto,
  attemptState,
  clientEventsInput,
  renewCandidateToken,
  reportEvents,
  saveAnswer,
  submitOwnAttempt,
  type AnswerInput,
  type AttemptInfo,
  type AttemptState,
  type CandidateAuth,
  type ClientEventsInput,
  type SavedAnswer,
} from './attempts.ts';
export {
  batchSettingsInput,
  updateBatchSettings,
  type BatchSettings,
  type BatchSettingsInput,
  type SebRequest,
} from './batch-settings.ts';
export {
  attachPapers,
  batchInput,
  createBatch,
  getBatch,
  listBatches,
  seatPlans,
  setBatchStaff,
  STAFF_DUTIES,
  STAFF_DUTY_NAMES,
  staffAssignment,
  type BatchInput,
  type BatchSummary,
  type BatchView,
  type RoomPlan,
  type SeatPlanEntry,
  type StaffAssignment,
  type StaffDuty,
} from './batches.ts';
export {
  candidateEdit,
  editCandidate,
  listRoster,
  type CandidateEdit,
  type RosterLine,
} from './roster-table.ts';
export {
  candidateLogin,
  candidateLoginInput,
  type CandidateLogin,
  type CandidateLoginInput,
} from './candidate-login.ts';
export {
  DEMO_PLAN_NUMBER,
  demoCandidates,
  loadDemoExam,
  refreshDemoWindow,
  type DemoExam,
  type DemoExamOptions,
} from './demo.ts';
export { roomView, type RoomLogEntry, type RoomView, type SeatView } from './live.ts';
export { RoomLogFeed } from './room-log.ts';
/** The proctors' actions on a room or a seat, with the inputs they parse. */
export * from './proctor.ts';
export { importRoster, type RosterRow } from './roster.ts';
export { rosterTemplate } from './roster-template.ts';
/** 实名制 and accommodations (issue 17): roster photos, extra time and large font. */
export { candidatePhoto, importPhotos, setCandidatePhoto, type Photo } from './photos.ts';
export { accommodationInput, setAccommodation } from './accommodations.ts';
export { checkIdentity, identityCheckInput, type IdentityCheckInput } from './identity.ts';
export type { SeatRealname } from './realname-view.ts';
export { noFrameInput, saveStartFrame, startFrame, type NoFrameInput } from './frames.ts';
export { createExamRuntime, type ExamRuntime } from './runtime.ts';
export { PgLiveHub, shareRuntimeState } from './live-hub-pg.ts';
export { authenticateStaff, staffLogin, staffLogout, type StaffSession } from './staff-auth.ts';
export { submitExpired, type Submission, type SubmitReason } from './submit.ts';
export type { CandidateClaims, StaffClaims } from './tokens.ts';
export {
  confirmStaffChange,
  listStaffChanges,
  proposeStaffChange,
  staffChangeInput,
  type StaffChange,
  type StaffChangeInput,
} from './staff-changes.ts';
export { WATCH_HOLD_MS, watchAttempt, watchInput, watchTransfer } from './watch.ts';
