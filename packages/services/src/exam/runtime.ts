import { type CandidateVariant, variantJsonBytes, variantMapping, variantView } from '@kaowu/assembler';
import type { CandidatePaperView, ItemType, Paper } from '@kaowu/domain';
import { LRUCache } from 'lru-cache';
import type { Database } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { loadPaper } from '../papers/papers.ts';
import type { BatchSettings } from './batch-settings.ts';
import { deadlineOf, type AttemptClock } from './clock.ts';
import { KaowuError } from '@kaowu/domain';
import { GroupCommit } from './group-commit.ts';
import { LiveHub } from './live-hub.ts';
import { Presence, SettingsCache } from './presence.ts';
import { signingKey, TokenIssuer } from './tokens.ts';

export type AttemptStatus = 'not_started' | 'in_progress' | 'submitted';

/** What the save path needs about an attempt, kept in memory so a save reads nothing from the database. */
export interface LiveAttempt {
  readonly id: string;
  readonly candidateId: string;
  readonly roomId: string;
  readonly batchId: string;
  readonly paperId: string;
  /** not_started: logged in, reading the confirmation screen; the clock starts with startAttempt. */
  status: AttemptStatus;
  deviceId: string;
  sessionId: string | null;
  /** Null exactly while not_started. */
  clock: AttemptClock | null;
  selfPaused: boolean;
  readonly variant: CandidateVariant;
  /** The candidate's paper view as JSON in UTF-8 (`JSON.stringify(variant.view)`, copied from per-paper pieces). */
  readonly paperJson: () => Uint8Array<ArrayBuffer>;
  /** Item code → type and option count, to check a response's shape. */
  readonly items: ReadonlyMap<string, { type: ItemType; options: number }>;
}

/**
 * The exam server's state around the database: one group-commit queue for every exam write, the token issuer,
 * the in-memory attempt cache and the live-view hub. One runtime per database; the database stays the truth
 * (the cache is filled from it and updated after each commit that changes an attempt).
 */
export interface ExamRuntime {
  readonly ctx: ServiceContext;
  readonly commit: GroupCommit;
  readonly tokens: TokenIssuer;
  readonly hub: LiveHub;
  /** Last request seen from each attempt (the live view's heartbeat; shared across servers, presence.ts). */
  readonly presence: Presence;
  readonly attempts: Map<string, LiveAttempt>;
  /**
   * Bumped when another process changed an attempt (PostgreSQL, live-hub-pg.ts): a load that began before the
   * bump does not enter the cache. Empty on SQLite.
   */
  readonly versions: Map<string, number>;
  /**
   * PostgreSQL: attempts this process started, whose own `kaowu_attempt` notification (sent by the start's UPDATE)
   * is still to come. The cached copy already follows that commit, so the notification bumps the version but keeps
   * it: the paper right after 开始答题 reads nothing again. Empty on SQLite.
   */
  readonly ownStarts: Set<string>;
  /** Attempts whose submission is queued or done: saves stop the moment a submit is accepted. */
  readonly closing: Set<string>;
  readonly papers: LRUCache<string, Paper>;
  /** A batch's forms, remembered once an attempt has started (papers can no longer change then). */
  readonly forms: Map<string, readonly { form: string; paperId: string; hash: string }[]>;
  /**
   * Per batch: the SEB key, score display and webcam frames (dropped when an administrator changes them, on any
   * server: migration 0022's `kaowu_batch` notification).
   */
  readonly batchSettings: SettingsCache<BatchSettings>;
}

/** `hub`: a PgLiveHub when several processes share a PostgreSQL database (see shareRuntimeState). */
export async function createExamRuntime(ctx: ServiceContext, options: { hub?: LiveHub } = {}): Promise<ExamRuntime> {
  const key = await signingKey(ctx.db, ctx.now());
  return {
    ctx,
    commit: new GroupCommit(ctx.db),
    tokens: new TokenIssuer(key, ctx.now),
    hub: options.hub ?? new LiveHub(),
    presence: new Presence(),
    attempts: new Map(),
    versions: new Map(),
    closing: new Set(),
    ownStarts: new Set(),
    papers: new LRUCache({ max: 64 }),
    forms: new Map(),
    batchSettings: new SettingsCache(),
  };
}

/** Papers being read: concurrent first requests (a whole room logging in at once) share one read. */
const loading = new WeakMap<ExamRuntime, Map<string, Promise<Paper>>>();

/**
 * A paper, read once per runtime and remembered (papers never change once attempts use them). Inside a
 * transaction (`db` given), the read is the transaction's own; outside, concurrent first reads share one.
 */
export async function paperOf(rt: ExamRuntime, paperId: string, db?: Executor): Promise<Paper> {
  const cached = rt.papers.get(paperId);
  if (cached) return cached;
  if (db !== undefined && db !== rt.ctx.db) {
    const { paper } = await loadPaper({ db }, paperId);
    rt.papers.set(paperId, paper);
    return paper;
  }
  let inFlight = loading.get(rt);
  if (inFlight === undefined) loading.set(rt, (inFlight = new Map()));
  const pending = inFlight.get(paperId);
  if (pending) return pending;
  const read = loadPaper({ db: rt.ctx.db }, paperId).then(({ paper }) => {
    rt.papers.set(paperId, paper);
    return paper;
  });
  inFlight.set(paperId, read);
  try {
    return await read;
  } finally {
    inFlight.delete(paperId);
  }
}

/** The attempt columns a clock is stored in: read them with `clockOfRow`, write them with `clockColumns`. */
export const CLOCK_COLUMNS = [
  'a.started_at',
  'a.duration_ms',
  'a.extension_ms',
  'a.paused_ms',
  'a.paused_since',
] as const;

/** The clock of a started attempt; an attempt that has not started has none (callers select started ones). */
export function clockOfRow(
  r: Pick<Database['attempts'], 'started_at' | 'duration_ms' | 'extension_ms' | 'paused_ms' | 'paused_since'>,
): AttemptClock {
  if (r.started_at === null)
    throw new KaowuError('attempt_not_started', '考生尚未开始答题', 'the attempt has not started: it has no clock');
  return {
    startedAt: Date.parse(r.started_at),
    durationMs: r.duration_ms,
    extensionMs: r.extension_ms,
    pausedMs: r.paused_ms,
    pausedSince: r.paused_since === null ? null : Date.parse(r.paused_since),
  };
}

export const attemptStatusOf = (status: string): AttemptStatus =>
  status === 'submitted' || status === 'not_started' ? status : 'in_progress';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The attempt columns a clock is stored in, with the derived deadline the expiry sweep queries. */
export const clockColumns = (clock: AttemptClock) => ({
  duration_ms: clock.durationMs,
  extension_ms: clock.extensionMs,
  paused_ms: clock.pausedMs,
  paused_since: iso(clock.pausedSince),
  deadline_at: iso(deadlineOf(clock)),
});

/** The cached attempt, loaded on first use. Pass `db` when inside a transaction. */
export async function liveAttempt(
  rt: ExamRuntime,
  attemptId: string,
  db: Executor = rt.ctx.db,
): Promise<LiveAttempt | undefined> {
  const cached = rt.attempts.get(attemptId);
  if (cached) return cached;
  const version = rt.versions.get(attemptId);
  const row = await db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select([
      'a.id',
      'a.candidate_id',
      'a.paper_id',
      'a.status',
      ...CLOCK_COLUMNS,
      'a.self_paused',
      'a.device_id',
      'a.session_id',
      'c.room_id',
      'c.batch_id',
    ])
    .where('a.id', '=', attemptId)
    .executeTakeFirst();
  if (!row) return undefined;
  const live = newLiveAttempt(await paperOf(rt, row.paper_id, db), row);
  // Changed by another process while this was read: use it for this request, read it again for the next.
  if (rt.versions.get(attemptId) !== version) return rt.attempts.get(attemptId) ?? live;
  return rememberAttempt(rt, live);
}

/** The attempt columns a LiveAttempt is made of, with its candidate's room and batch. */
export type LiveAttemptRow = Pick<
  Database['attempts'],
  | 'id'
  | 'candidate_id'
  | 'paper_id'
  | 'status'
  | 'started_at'
  | 'duration_ms'
  | 'extension_ms'
  | 'paused_ms'
  | 'paused_since'
  | 'self_paused'
  | 'device_id'
  | 'session_id'
> & { readonly room_id: string; readonly batch_id: string };

/**
 * Caches `live` unless another request cached the attempt meanwhile: keeps the first, so every holder shares one
 * object. Returns the cached one.
 */
export function rememberAttempt(rt: ExamRuntime, live: LiveAttempt): LiveAttempt {
  const raced = rt.attempts.get(live.id);
  if (raced) return raced;
  rt.attempts.set(live.id, live);
  return live;
}

/** Per paper (papers never change): item code → type and option count, shared by its attempts. */
const itemShapes = new WeakMap<Paper, ReadonlyMap<string, { type: ItemType; options: number }>>();

/** An attempt as the save path holds it, from its row and its paper. */
export function newLiveAttempt(paper: Paper, row: LiveAttemptRow): LiveAttempt {
  let items = itemShapes.get(paper);
  if (items === undefined) {
    const shapes = new Map<string, { type: ItemType; options: number }>();
    for (const s of paper.sections)
      for (const i of s.items)
        shapes.set(i.code, {
          type: i.content.type,
          options: i.content.type === 'true_false' ? 2 : i.content.options.length,
        });
    itemShapes.set(paper, (items = shapes));
  }
  const mapping = variantMapping(paper, row.candidate_id);
  let view: CandidatePaperView | undefined;
  const live: LiveAttempt = {
    id: row.id,
    candidateId: row.candidate_id,
    roomId: row.room_id,
    batchId: row.batch_id,
    paperId: row.paper_id,
    status: attemptStatusOf(row.status),
    deviceId: row.device_id,
    sessionId: row.session_id,
    clock: row.started_at === null ? null : clockOfRow(row),
    selfPaused: row.self_paused === 1,
    // The candidate id keys the variant: the same candidate always sees the same order, on any device. The view
    // is built only when something reads it: the paper itself is served by paperJson, without one.
    variant: {
      mapping,
      get view() {
        return (view ??= variantView(paper, mapping));
      },
    },
    paperJson: () => variantJsonBytes(paper, mapping),
    items,
  };
  return live;
}
