import { toCanonicalResponse } from '@kaowu/assembler';
import {
  assetsOf,
  CLIENT_EVENT_KINDS,
  KaowuError,
  LEVELS,
  maskIdNumber,
  type CandidatePaperView,
  type ItemResponse,
  type LevelCode,
  accommodatedMinutes,
  type Accommodation,
} from '@kaowu/domain';
import { accommodationOf } from './accommodations.ts';
import { z } from 'zod';
import { fromJson, toJson } from '@kaowu/db';
import { assetNamed } from '../bank/assets.ts';
import { fail } from '../shared/failures.ts';
import { attemptsWithWindow } from './access.ts';
import { batchSettings, checkSafeExamBrowser, requireSafeExamBrowser, type SebRequest } from './batch-settings.ts';
import { acceptsSaves, deadlineOf, remainingMs, SAVE_GRACE_MS, startClock } from './clock.ts';
import { examRules } from './exam-rules.ts';
import { liveAttempt, paperOf, type ExamRuntime, type LiveAttempt } from './runtime.ts';
import { submitAttempt, type Submission, type SubmitReason } from './submit.ts';
import { controlVersion } from './watch-version.ts';
import type { CandidateClaims, Claims } from './tokens.ts';

/** A candidate request that passed authentication: the token's claims and the attempt they are bound to. */
export interface CandidateAuth {
  readonly claims: CandidateClaims;
  readonly attempt: LiveAttempt;
}

/**
 * Checks a candidate token: signature and expiry (401), then that its session is still the attempt's current
 * one — a transfer to another device or a newer login revokes it (401) — and records the heartbeat.
 */
export async function authenticateCandidate(rt: ExamRuntime, token: string): Promise<CandidateAuth> {
  const claims = candidateClaims(rt.tokens.remembered(token) ?? (await rt.tokens.verify(token)));
  const attempt = rt.attempts.get(claims.attemptId) ?? (await liveAttempt(rt, claims.attemptId));
  return admitSession(rt, claims, attempt);
}

const candidateClaims = (claims: Claims): CandidateClaims => {
  if (claims.kind !== 'candidate') throw new KaowuError('unauthorized', '需要考生登录', 'not a candidate token');
  return claims;
};

/** The token's session must still be the attempt's current one; records the heartbeat. */
function admitSession(rt: ExamRuntime, claims: CandidateClaims, attempt: LiveAttempt | undefined): CandidateAuth {
  if (!attempt) throw new KaowuError('unauthorized', '登录凭证无效，请重新登录', 'unknown attempt');
  if (attempt.sessionId !== claims.sessionId || attempt.deviceId !== claims.deviceId)
    throw new KaowuError(
      'token_revoked',
      '本机的登录已失效（可能已换机或在别处重新登录），请重新登录',
      'session revoked',
    );
  rt.presence.set(attempt.id, rt.ctx.now().getTime());
  return { claims, attempt };
}

/**
 * Admits a candidate request: the token as `authenticateCandidate` checks it (401), then, for a batch with a Safe
 * Exam Browser Config Key, the SEB hash of this very request (403 seb_required). What every candidate route runs.
 */
export async function admitCandidate(rt: ExamRuntime, token: string, seb: SebRequest): Promise<CandidateAuth> {
  const auth = await authenticateCandidate(rt, token);
  await requireSafeExamBrowser(rt, auth.attempt.batchId, seb);
  return auth;
}

/**
 * `admitCandidate` without waiting, for the answer-save path: the same checks and refusals when the token was
 * verified before and the attempt and its batch's settings are cached (the session is still checked against
 * the cached attempt, which every revocation updates); undefined when something must be read first (then call
 * `admitCandidate`).
 */
export function admitCandidateNow(rt: ExamRuntime, token: string, seb: SebRequest): CandidateAuth | undefined {
  const remembered = rt.tokens.remembered(token);
  if (remembered === undefined) return undefined;
  const claims = candidateClaims(remembered);
  const attempt = rt.attempts.get(claims.attemptId);
  const settings = attempt && rt.batchSettings.get(attempt.batchId);
  if (attempt === undefined || settings === undefined) return undefined;
  const auth = admitSession(rt, claims, attempt);
  checkSafeExamBrowser(settings.sebConfigKey, seb);
  return auth;
}

/** A candidate reaches only their own attempt: any other id is refused without saying whether it exists. */
export function ownAttempt(auth: CandidateAuth, attemptId: string): LiveAttempt {
  if (attemptId !== auth.attempt.id) throw fail.forbidden('只能访问自己的答卷', 'not your attempt');
  return auth.attempt;
}

/** Items reach the candidate only once their clock runs: no reading the paper on the confirmation screen. */
function startedAttempt(auth: CandidateAuth, attemptId: string): LiveAttempt {
  const attempt = ownAttempt(auth, attemptId);
  if (attempt.status === 'not_started') throw notStarted();
  return attempt;
}

const notStarted = () =>
  new KaowuError('attempt_not_started', '考试尚未开始，请先核对信息并点击“开始答题”', 'the attempt has not started');

/** The candidate's variant of the paper: item and option order of their own, never a key. Only once started. */
export function attemptPaper(auth: CandidateAuth, attemptId: string): CandidatePaperView {
  return startedAttempt(auth, attemptId).variant.view;
}

/** attemptPaper as the JSON the server sends, without building the view (a whole room fetches it at once). */
export function attemptPaperJson(auth: CandidateAuth, attemptId: string): Uint8Array<ArrayBuffer> {
  return startedAttempt(auth, attemptId).paperJson();
}

export interface AttemptInfo {
  readonly attemptId: string;
  readonly name: string;
  readonly idNumberMasked: string;
  readonly ticket: string;
  readonly occupation: string;
  readonly level: string;
  readonly room: string;
  readonly seat: number;
  readonly form: string;
  readonly durationMinutes: number;
  /** The paper as the confirmation screen describes it (its items are served only once started). */
  readonly paperTitle: string;
  readonly itemCount: number;
  readonly totalScore: number;
  readonly rules: readonly string[];
  /** Extra time (already in durationMinutes) and large font granted to this candidate. */
  readonly accommodation: Accommodation;
  /** Whether the roster has a photo of the candidate (GET …/photo), shown on the confirmation screen. */
  readonly hasPhoto: boolean;
  /** 开考拍照: the client asks for consent and sends one webcam frame (or why not) at 开始答题. */
  readonly webcamFrame: boolean;
}

/** Who the attempt belongs to, for the candidate to confirm before starting (ID number masked). */
export async function attemptInfo(rt: ExamRuntime, auth: CandidateAuth, attemptId: string): Promise<AttemptInfo> {
  const attempt = ownAttempt(auth, attemptId);
  const row = await rt.ctx.db
    .selectFrom('candidates as c')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .innerJoin('batches as b', 'b.id', 'c.batch_id')
    .leftJoin('occupations as o', 'o.code', 'b.occupation_code')
    .select([
      'c.name',
      'c.id_number',
      'c.ticket',
      'c.seat',
      'r.code as room_code',
      'r.name as room_name',
      'b.occupation_code',
      'b.level',
      'o.name as occupation_name',
    ])
    .where('c.id', '=', attempt.candidateId)
    .executeTakeFirstOrThrow();
  const level = LEVELS[row.level as LevelCode];
  const view = attempt.variant.view;
  const accommodation = await accommodationOf(rt.ctx.db, attempt.candidateId);
  const minutes = accommodatedMinutes(view.durationMinutes, accommodation);
  const photo = await rt.ctx.db
    .selectFrom('candidate_photos')
    .select('candidate_id')
    .where('candidate_id', '=', attempt.candidateId)
    .executeTakeFirst();
  return {
    attemptId: attempt.id,
    name: row.name,
    idNumberMasked: maskIdNumber(row.id_number),
    ticket: row.ticket,
    occupation: `${row.occupation_name ?? ''}（${row.occupation_code}）`,
    level: level ? `${level.name}/${level.title}` : String(row.level),
    room: `${row.room_code} ${row.room_name}`,
    seat: row.seat,
    form: view.form,
    durationMinutes: minutes,
    paperTitle: view.title,
    itemCount: view.sections.reduce((n, s) => n + s.items.length, 0),
    totalScore: view.totalScore,
    rules: examRules(minutes),
    accommodation,
    hasPhoto: photo !== undefined,
    webcamFrame: (await batchSettings(rt, attempt.batchId)).webcamFrame,
  };
}

/** The candidate's own roster photo, for the confirmation screen (“is this you?”). */
export async function attemptPhoto(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
): Promise<{ mime: string; data: Uint8Array }> {
  const attempt = ownAttempt(auth, attemptId);
  const photo = await rt.ctx.db
    .selectFrom('candidate_photos')
    .select(['mime', 'data'])
    .where('candidate_id', '=', attempt.candidateId)
    .executeTakeFirst();
  if (!photo) throw fail.notFound('名单中没有您的照片', 'no photo');
  return { mime: photo.mime, data: new Uint8Array(photo.data) };
}

/**
 * An image of the candidate's paper (`![…](asset:name)` in a stem or option), from the bank's assets. Only
 * names the candidate's own paper shows are served; anything else is 404, like a missing one.
 */
export async function attemptAsset(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
  name: string,
): Promise<{ mime: string; data: Uint8Array }> {
  const attempt = startedAttempt(auth, attemptId);
  const shown = new Set(
    attempt.variant.view.sections.flatMap((s) =>
      s.items.flatMap((i) => [i.stem, ...(i.options ?? [])].flatMap(assetsOf)),
    ),
  );
  const missing = () => fail.notFound(`图片 ${name} 不存在`, `no asset ${name} in this paper`);
  if (!shown.has(name)) throw missing();
  const paper = rt.papers.get(attempt.paperId) ?? (await paperOf(rt, attempt.paperId));
  const asset = await assetNamed(rt.ctx.db, { occupationCode: paper.occupation, level: paper.level }, name)
    .select(['mime', 'data'])
    .executeTakeFirst();
  if (!asset) throw missing();
  return { mime: asset.mime, data: asset.data };
}

export interface AttemptState {
  readonly attemptId: string;
  /** not_started: logged in, no clock yet (startAttempt starts it); paused: the clock is stopped. */
  readonly status: 'not_started' | 'in_progress' | 'paused' | 'submitted';
  readonly serverTime: string;
  /** Null until started. */
  readonly startedAt: string | null;
  /** Null until started and while paused (the clock is stopped). */
  readonly deadline: string | null;
  /** Before the start: the time the candidate would have if they started now (the window's end may cut it). */
  readonly remainingSeconds: number;
  /** The proctor has paused the whole room: the start button waits for the resume. */
  readonly roomPaused: boolean;
  readonly graceSeconds: number;
  readonly answers: readonly { item: string; response: ItemResponse; seq: number }[];
  readonly submittedAt: string | null;
  /** Who ended the attempt, once submitted: the candidate, a proctor (收卷), or the time running out. */
  readonly submitReason: SubmitReason | null;
  /** What the candidate's screen must show, in one word: `watchAttempt` answers as soon as it changes. */
  readonly version: string;
  /** Only once submitted, and only when the batch lets candidates see their score. */
  readonly score?: number;
}

/** What a state says besides the clock: read from the database, or known to the caller (a fresh start). */
export interface StateFacts {
  readonly answers: AttemptState['answers'];
  readonly roomPaused: boolean;
  /** The end of the room's exam window (epoch ms): it cuts the time on offer before the start. */
  readonly windowEndsAt: number;
  /** The candidate's accommodation: the clock before the start includes its extra time. */
  readonly accommodation: Accommodation;
  readonly submittedAt: string | null;
  readonly submitReason?: SubmitReason | null;
  readonly score?: number;
}

/** The candidate's state at `now` from the cached attempt and the facts. */
export function stateAt(attempt: LiveAttempt, now: number, facts: StateFacts): AttemptState {
  // Before the start, the clock the candidate would get now: the paper's duration, cut by the window's end.
  const clock =
    attempt.clock ??
    startClock(now, attempt.variant.view.durationMinutes, facts.windowEndsAt, false, facts.accommodation);
  const deadline = attempt.clock === null ? null : deadlineOf(clock);
  const submitted = attempt.status === 'submitted';
  return {
    attemptId: attempt.id,
    status: submitted
      ? 'submitted'
      : attempt.status === 'not_started'
        ? 'not_started'
        : clock.pausedSince !== null
          ? 'paused'
          : 'in_progress',
    serverTime: new Date(now).toISOString(),
    startedAt: attempt.clock === null ? null : new Date(attempt.clock.startedAt).toISOString(),
    deadline: deadline === null ? null : new Date(deadline).toISOString(),
    remainingSeconds: submitted ? 0 : Math.floor(remainingMs(clock, now) / 1000),
    roomPaused: facts.roomPaused,
    graceSeconds: SAVE_GRACE_MS / 1000,
    answers: facts.answers,
    submittedAt: facts.submittedAt,
    submitReason: facts.submitReason ?? null,
    version: controlVersion(attempt.status, attempt.clock, facts.roomPaused),
    ...(facts.score === undefined ? {} : { score: facts.score }),
  };
}

export async function attemptState(rt: ExamRuntime, auth: CandidateAuth, attemptId: string): Promise<AttemptState> {
  const attempt = ownAttempt(auth, attemptId);
  const now = rt.ctx.now().getTime();
  const rows = await rt.ctx.db
    .selectFrom('answers')
    .select(['item_code', 'response_json', 'seq'])
    .where('attempt_id', '=', attempt.id)
    .execute();
  const row = await attemptsWithWindow(rt.ctx.db)
    .select(['a.submitted_at', 'a.submit_reason', 'a.score', 'r.paused_at', 'w.ends_at'])
    .where('a.id', '=', attempt.id)
    .executeTakeFirstOrThrow();
  const shown =
    attempt.status === 'submitted' && row.score !== null && (await batchSettings(rt, attempt.batchId)).showScore;
  return stateAt(attempt, now, {
    answers: rows.map((r) => ({
      item: r.item_code,
      response: fromJson(r.response_json),
      seq: r.seq,
    })),
    roomPaused: row.paused_at !== null,
    windowEndsAt: Date.parse(row.ends_at),
    accommodation: await accommodationOf(rt.ctx.db, attempt.candidateId),
    submittedAt: row.submitted_at,
    submitReason: row.submit_reason as SubmitReason | null,
    ...(shown ? { score: row.score! } : {}),
  });
}

export const answerInput = z.strictObject({
  item: z.string().min(1).max(64),
  /** true/false, an option index, option indexes, or null (cleared) — in the candidate's own option order. */
  response: z.union([
    z.boolean(),
    z.number().int().min(0).max(25),
    z.array(z.number().int().min(0).max(25)).max(26),
    z.null(),
  ]),
  /** Increases with every change the client makes; a lower or equal seq never overwrites a higher one. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type AnswerInput = z.infer<typeof answerInput>;

function shapeProblem(type: string, options: number, response: ItemResponse): string | undefined {
  if (response === null) return undefined;
  if (type === 'true_false') return typeof response === 'boolean' ? undefined : '判断题的答案应为 true 或 false';
  if (type === 'single')
    return typeof response === 'number' && response < options
      ? undefined
      : `单选题的答案应为 0–${options - 1} 之间的一个选项`;
  if (!Array.isArray(response)) return '多选题的答案应为选项数组';
  if (new Set(response).size !== response.length) return '多选题的答案中有重复选项';
  return response.every((r) => r < options) ? undefined : `多选题的选项应在 0–${options - 1} 之间`;
}

export interface SavedAnswer {
  readonly item: string;
  readonly seq: number;
  /** The seq the database holds for this answer: higher than `seq` when a later save already won. */
  readonly storedSeq: number;
  readonly superseded: boolean;
}

/**
 * Saves one answer; resolves only after the group transaction holding it has committed (durable). Idempotent:
 * repeating a save is harmless, and an older seq never overwrites a newer one. Refused once submitted, while
 * the clock is stopped, and after the deadline plus the grace.
 */
export async function saveAnswer(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
  input: AnswerInput,
): Promise<SavedAnswer> {
  const attempt = ownAttempt(auth, attemptId);
  const { clock } = attempt;
  // Submitted unstarted (the window ended before the start) reads as submitted below.
  if (clock === null && attempt.status !== 'submitted') throw notStarted();
  const now = rt.ctx.now().getTime();
  const open = clock !== null && acceptsSaves(clock, now);
  // Time up is said first: whether the expiry sweep has already submitted the attempt is a race the candidate
  // should not see, and "time is up" is the true reason either way.
  if (!open && clock !== null && clock.pausedSince === null)
    throw new KaowuError(
      'deadline_passed',
      `考试时间已到（含 ${SAVE_GRACE_MS / 1000} 秒宽限），答案未保存`,
      'the deadline (plus grace) has passed',
    );
  if (attempt.status === 'submitted' || rt.closing.has(attempt.id))
    throw new KaowuError('attempt_submitted', '已交卷，不能再修改答案', 'attempt already submitted');
  if (!open) throw new KaowuError('attempt_paused', '考试已暂停，暂停期间不能作答', 'the attempt is paused');
  const item = attempt.items.get(input.item);
  if (item === undefined)
    throw fail.invalid(`试题 ${input.item} 不在您的试卷中`, `item ${input.item} is not in this paper`);
  const problem = shapeProblem(item.type, item.options, input.response);
  if (problem !== undefined) throw fail.invalid(problem, 'response does not fit the item type');
  const canonical = toCanonicalResponse(attempt.variant.mapping, input.item, input.response);
  if (!canonical.ok) throw fail.invalid(canonical.error.zh, canonical.error.en);
  const ack = await rt.commit.saveAnswer({
    attemptId: attempt.id,
    itemCode: input.item,
    responseJson: toJson(input.response),
    canonicalJson: toJson(canonical.value),
    seq: input.seq,
    savedAt: new Date(now).toISOString(),
  });
  rt.hub.changed(attempt.roomId);
  return { item: input.item, seq: ack.seq, storedSeq: ack.storedSeq, superseded: ack.storedSeq > ack.seq };
}

export const clientEventsInput = z.strictObject({
  events: z
    .array(
      z.strictObject({
        kind: z.enum(CLIENT_EVENT_KINDS),
        /** When the client saw it (its own clock; the server records its own time beside it). */
        at: z.iso.datetime({ offset: true }).optional(),
        detail: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type ClientEventsInput = z.infer<typeof clientEventsInput>;

/** Client events (fullscreen exit, focus loss, blocked paste…) for the proctor's view and the record. */
export async function reportEvents(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
  input: ClientEventsInput,
): Promise<{ recorded: number }> {
  const attempt = ownAttempt(auth, attemptId);
  const at = rt.ctx.now().toISOString();
  const rows = input.events.map((e) => ({
    id: rt.ctx.newId(),
    attempt_id: attempt.id,
    kind: e.kind,
    detail_json: toJson(e.detail ?? {}),
    client_at: e.at ?? null,
    at,
  }));
  await rt.commit.write((trx) => trx.insertInto('attempt_events').values(rows).execute());
  rt.hub.changed(attempt.roomId);
  return { recorded: rows.length };
}

export async function submitOwnAttempt(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
): Promise<Omit<Submission, 'score'> & { score?: number }> {
  const attempt = startedAttempt(auth, attemptId);
  // Candidates act in the audit trail under their 准考证号, as at login and start.
  const { ticket } = await rt.ctx.db
    .selectFrom('candidates')
    .select('ticket')
    .where('id', '=', attempt.candidateId)
    .executeTakeFirstOrThrow();
  const { score, ...receipt } = await submitAttempt(rt, attempt.id, `candidate:${ticket}`, 'candidate');
  // The candidate learns that the paper is in; the score only where the batch shows it (else it is published later).
  return (await batchSettings(rt, attempt.batchId)).showScore ? { ...receipt, score } : receipt;
}

/** A fresh token for the same session (the client renews while the candidate is active). */
export async function renewCandidateToken(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
): Promise<{ token: string; expiresAt: number }> {
  ownAttempt(auth, attemptId);
  const { attemptId: id, candidateId, deviceId, sessionId } = auth.claims;
  return rt.tokens.sign({ kind: 'candidate', attemptId: id, candidateId, deviceId, sessionId });
}
