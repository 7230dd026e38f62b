import { KaowuError } from '@kaowu/domain';

/**
 * Exam failures. Codes are stable for programs (the HTTP layer maps each to a status in one place, the exam
 * client reacts to them); messages are Chinese for users and English for logs.
 */
export const EXAM_ERROR_CODES = [
  'unauthorized',
  'token_expired',
  'token_revoked',
  'locked',
  'rate_limited',
  'room_not_open',
  'outside_window',
  'candidate_absent',
  'device_conflict',
  'deadline_passed',
  'attempt_submitted',
  'attempt_paused',
  'attempt_not_started',
  'seb_required',
] as const;
export type ExamErrorCode = (typeof EXAM_ERROR_CODES)[number];

export const examFail = (code: ExamErrorCode, zh: string, en: string, details: readonly unknown[] = []): KaowuError =>
  new KaowuError(code, zh, en, details);
