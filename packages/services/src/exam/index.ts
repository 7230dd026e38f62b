/** The exam server's use cases: batches, rosters, seat plans, attempts, time, saves, proctor control, staff sign-in. */
export { startAttempt } from './attempt-start.ts';
export {
  admitCandidate,
  answerInput,
  attemptAsset,
  attemptInfo,
  attemptPaper,
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
  type BatchView,
  type RoomPlan,
  type SeatPlanEntry,
  type StaffAssignment,
  type StaffDuty,
} from './batches.ts';
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
export { createExamRuntime, type ExamRuntime } from './runtime.ts';
export { authenticateStaff, staffLogin, staffLogout, type StaffSession } from './staff-auth.ts';
export { submitExpired, type Submission, type SubmitReason } from './submit.ts';
export type { CandidateClaims, StaffClaims } from './tokens.ts';
export { WATCH_HOLD_MS, watchAttempt, watchInput, watchTransfer } from './watch.ts';
