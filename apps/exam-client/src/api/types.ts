import type { AttemptStatus, CandidatePaperView, ClientEventKind, ItemResponse } from '@kaowu/domain/browser';

/**
 * The candidate API as the exam client uses it. Every screen talks to this interface, never to `fetch`:
 * `http.ts` implements it against the exam server, component tests implement it in memory.
 */
export interface ExamApi {
  login(input: LoginInput): Promise<LoginResult>;
  /** A fresh token for the same attempt and device while the current one is still valid. */
  renew(): Promise<LoginResult>;
  /** Who is sitting, where, and the rules: the confirmation screen. */
  attempt(): Promise<AttemptInfo>;
  /**
   * 开始答题: the server starts the clock (idempotent: an attempt already running keeps its clock). Never
   * queued for later: without the server there is no start.
   */
  start(): Promise<AttemptState>;
  /** This candidate's variant of the paper, without any key: served once the attempt has started. */
  paper(): Promise<CandidatePaperView>;
  /** A figure of the paper (bank asset) as a data: URL. */
  asset(name: string): Promise<string>;
  state(): Promise<AttemptState>;
  save(save: AnswerSave): Promise<AnswerAck>;
  /** Several events in one request, oldest first. */
  report(events: readonly ClientEvent[]): Promise<void>;
  submit(): Promise<SubmitResult>;
  /** Forgets the token (logout, finished, revoked). */
  signOut(): void;
}

export interface LoginInput {
  readonly ticket: string;
  readonly idNumber: string;
  readonly deviceId: string;
}

export interface LoginResult {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly attemptId: string;
}

export interface AttemptInfo {
  readonly attemptId: string;
  readonly name: string;
  /** The server masks it: 440308********1234. */
  readonly idNumberMasked: string;
  readonly ticket: string;
  readonly occupation: string;
  readonly level: string;
  readonly room: string;
  readonly seat: number;
  readonly durationMinutes: number;
  /** The paper as the confirmation screen names it (its items arrive only after the start). */
  readonly paperTitle?: string;
  readonly itemCount?: number;
  readonly totalScore?: number;
  /** 考场规则, one line each; the client shows its own defaults when the server sends none. */
  readonly rules?: readonly string[];
}

export interface SavedAnswer {
  readonly item: string;
  readonly response: ItemResponse;
  readonly seq: number;
}

export interface AttemptState {
  readonly status: AttemptStatus;
  /** The server's clock when it answered, epoch ms: the countdown runs on server time. */
  readonly serverTime: number;
  /** Epoch ms; null before the start and while the clock is stopped (paused). */
  readonly deadline: number | null;
  /** Before the start: the time the candidate would have if they started now. */
  readonly remainingMs: number;
  /** The clock is stopped; before the start: the proctor has paused the room. */
  readonly paused: boolean;
  readonly answers: readonly SavedAnswer[];
  /** Present once submitted, when the batch lets candidates see it. */
  readonly score?: number | null;
}

export interface AnswerSave {
  readonly item: string;
  readonly response: ItemResponse;
  readonly seq: number;
}

export interface AnswerAck {
  readonly item: string;
  readonly seq: number;
  /** What the server holds now: this save's seq or a higher one that won. */
  readonly storedSeq: number;
}

export type EventDetail = Readonly<Record<string, string | number | boolean>>;

/** `kind` is one of @kaowu/domain's CLIENT_EVENT_KINDS; anything else goes as `other` with `detail.what`. */
export interface ClientEvent {
  readonly kind: ClientEventKind;
  /** Epoch ms on the client's clock (the server records its own time as well). */
  readonly clientAt: number;
  readonly detail?: EventDetail;
}

export interface SubmitResult {
  readonly submittedAt: string;
  /** Only when the batch lets candidates see their score. */
  readonly score?: number | null;
}

/**
 * Failure codes the server sends (services/exam/errors.ts) plus the client's own `network` (no answer at
 * all: offline, server down) and `invalid` (400).
 */
export type ApiErrorCode =
  | 'network'
  | 'invalid'
  | 'server'
  | 'unauthorized'
  | 'token_expired'
  | 'token_revoked'
  | 'locked'
  | 'rate_limited'
  | 'room_not_open'
  | 'outside_window'
  | 'candidate_absent'
  | 'device_conflict'
  | 'deadline_passed'
  | 'attempt_submitted'
  | 'attempt_paused'
  | 'attempt_not_started'
  | 'seb_required'
  | (string & {});

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown, ...codes: ApiErrorCode[]): e is ApiError =>
  e instanceof ApiError && (codes.length === 0 || codes.includes(e.code));
