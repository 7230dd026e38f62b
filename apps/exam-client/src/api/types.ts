import type { AppType } from '@kaowu/server/app-type';
import type {
  AttemptStatus,
  CandidatePaperView,
  ClientErrorCode,
  ClientEventKind,
  ErrorCode,
  ItemResponse,
} from '@kaowu/domain/browser';
import { CLIENT_ERROR_MESSAGES } from '@kaowu/domain/browser';
import type { hc, InferRequestType, InferResponseType } from 'hono/client';

/**
 * The candidate routes (apps/server/src/routes/attempts.ts) as hono's typed client reaches them. Every request
 * and answer type below is derived from them, none is written by hand: a change on the server fails `tsc` here.
 */
export type AttemptRoutes = ReturnType<typeof hc<AppType>>['attempts'];
type Own = AttemptRoutes[':attemptId'];
/** What a route answers when it succeeds (failures are thrown as ApiError before any body is read). */
type Answer<R> = InferResponseType<R>;
/** The JSON body a route takes. */
type Body<R> = InferRequestType<R> extends { json: infer J } ? J : never;

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
  /** The candidate's roster photo as a data: URL, for the confirmation screen (only when info.hasPhoto). */
  photo(): Promise<string>;
  /** 开考拍照: the webcam frame, or why there is none (refused, no camera); never blocks the start. */
  frame(frame: { blob: Blob } | { outcome: 'refused' | 'unavailable'; reason: string }): Promise<void>;
  state(): Promise<AttemptState>;
  /**
   * Waits (long poll) for the proctor's decision on a 换机 request: `approved` (log in again now), `pending` after
   * the server's hold, or another status when it will not be approved.
   */
  transfer(transferId: string, signal: AbortSignal): Promise<string>;
  /**
   * The long poll: resolves with the attempt's `version` as soon as it differs from `seen` (a proctor paused,
   * resumed, extended or submitted), or with the same one after the server's hold (about 25 s).
   */
  watch(seen: string, signal: AbortSignal): Promise<string>;
  save(save: AnswerSave): Promise<AnswerAck>;
  /** Several events in one request, oldest first. */
  report(events: readonly ClientEvent[]): Promise<void>;
  submit(): Promise<SubmitResult>;
  /** Forgets the token (logout, finished, revoked). */
  signOut(): void;
}

export type LoginInput = Body<AttemptRoutes['$post']>;

/** The login as the client keeps it: the server's answer with the expiry in epoch milliseconds. */
export interface LoginResult {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly attemptId: string;
}

/** Who is sitting, where, the paper's name and the room's rules (the confirmation screen). */
export type AttemptInfo = Answer<Own['$get']>;

/** What the server answers for the state and the start, in its own units (ISO times, seconds). */
export type ServerState = Answer<Own['state']['$get']>;

export type SavedAnswer = ServerState['answers'][number];

export type SubmitReason = NonNullable<ServerState['submitReason']>;

/** The server's state as the client reads it: times in epoch milliseconds of the server's clock. */
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
  /** What a proctor can change, in one word: `watch` answers when it changes. */
  readonly version: string;
  /** Once submitted: by the candidate, by a proctor (收卷), or by the time running out. */
  readonly submitReason?: SubmitReason | null;
  /** Present once submitted, when the batch lets candidates see it. */
  readonly score?: number | null;
}

/** A save as the client keeps it: the route's body, with the domain's read-only `ItemResponse`. */
export type AnswerSave = Omit<Body<Own['answers']['$post']>, 'response'> & { readonly response: ItemResponse };

/** `storedSeq`: what the server holds now, this save's seq or a higher one that won. */
export type AnswerAck = Answer<Own['answers']['$post']>;

export type EventDetail = NonNullable<Body<Own['events']['$post']>['events'][number]['detail']>;

/** `kind` is one of @kaowu/domain's CLIENT_EVENT_KINDS; anything else goes as `other` with `detail.what`. */
export interface ClientEvent {
  readonly kind: ClientEventKind;
  /** Epoch ms on the client's clock (the server records its own time as well). */
  readonly clientAt: number;
  readonly detail?: EventDetail;
}

/** The receipt; `score` only when the batch lets candidates see it. */
export type SubmitResult = Answer<Own['submit']['$post']>;

/**
 * The default words of a failure the client finds itself. A server's refusal brings its own message (the server
 * fills in the domain's default), so the client carries only these two, not the domain's table of every code.
 */
const clientMessage = (code: string): string =>
  (code === 'network' ? CLIENT_ERROR_MESSAGES.network : CLIENT_ERROR_MESSAGES.server).zh;

/**
 * A failure: the server's error code (`ErrorCode`, with the message the server sent) or one the client finds
 * itself (`ClientErrorCode`: `network` when no answer came, offline or server down or too slow; `server` for an
 * answer without a Kaowu error body, or an internal fault: both are retried).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string = clientMessage(code),
    readonly status = 0,
    /** With `device_conflict`: the 换机 request the refused login filed, to wait for the proctor's decision. */
    readonly transferId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown, ...codes: (ErrorCode | ClientErrorCode)[]): e is ApiError =>
  e instanceof ApiError && (codes.length === 0 || codes.includes(e.code));

/**
 * A failure as the candidate reads it: words for them, and the code of the failed request to tell the proctor.
 * No code for their own typing mistake, nor for `network`: being offline is not an error to alarm them with.
 */
export interface Problem {
  readonly message: string;
  readonly code?: ErrorCode | ClientErrorCode | undefined;
}

/** `message`, with the code of `e` when it is a refusal or a failure of the server. */
export const problemOf = (e: unknown, message: string): Problem =>
  isApiError(e) && e.code !== 'network' ? { message, code: e.code } : { message };
