import { isApiError, type ApiError, type ExamApi } from '../api/types.ts';
import type { Outbox } from './outbox.ts';

export type SyncStatus = 'saved' | 'saving' | 'offline';

export interface SyncHandlers {
  /** Called whenever the indicator should change. */
  status(status: SyncStatus, pending: number): void;
  /** A refusal that retrying cannot fix (submitted, revoked, logged out): the app changes screen. */
  fatal(error: ApiError): void;
  /**
   * The server refused because the exam changed under the client (the proctor paused it): read the server's
   * view now, so the paused screen shows at once rather than at the next poll. The answers stay queued.
   */
  stale?(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Retry delays while the server cannot be reached: quick at first (a blip), then a steady few seconds. */
const BACKOFF_MS = [500, 1000, 2000, 3000, 5000] as const;

/** The server takes up to 100 events per request. */
const EVENTS_PER_REQUEST = 50;

/** Refusals that end the exam on this device: retrying cannot help, the app must change screen. */
const FATAL = [
  'attempt_submitted',
  'deadline_passed',
  'token_revoked',
  'token_expired',
  'unauthorized',
  'device_conflict',
  'seb_required',
] as const;

/**
 * Sends the outbox, oldest change first, one request at a time (a LAN round trip is a few milliseconds; one
 * at a time keeps the order and the status simple). An answer leaves the outbox only when acknowledged; any
 * failure to reach the server keeps it and retries with backoff, and at once when the browser says it is
 * back online. Client events follow the answers: answers matter more.
 */
export class AnswerSync {
  private running = false;
  private failures = 0;
  private retry: unknown = undefined;
  private stopped = false;
  private offline = false;
  private waiters: ((ok: boolean) => void)[] = [];

  constructor(
    private readonly api: ExamApi,
    private readonly outbox: Outbox,
    private readonly handlers: SyncHandlers,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Start sending now (after a change, when the network returns). */
  kick(): void {
    if (this.stopped) return;
    if (this.retry !== undefined) {
      this.timers.clear(this.retry);
      this.retry = undefined;
    }
    void this.run();
  }

  /** Resolves true once everything is sent, false if the server cannot be reached right now. */
  flush(): Promise<boolean> {
    if (this.outbox.pendingCount() === 0 && !this.running) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    this.kick();
    return done;
  }

  stop(): void {
    this.stopped = true;
    if (this.retry !== undefined) this.timers.clear(this.retry);
    this.settle(false);
  }

  get isOffline(): boolean {
    return this.offline;
  }

  private publish(): void {
    const pending = this.outbox.pendingCount();
    this.handlers.status(this.offline ? 'offline' : pending > 0 || this.running ? 'saving' : 'saved', pending);
  }

  private settle(ok: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(ok);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.publish();
    try {
      for (;;) {
        if (this.stopped) return;
        const next = this.outbox.pending()[0];
        if (next !== undefined) {
          const ack = await this.api.save(next).catch((e: unknown) => {
            // A save the server calls malformed can never succeed; retrying it would hold back every later answer.
            if (isApiError(e, 'invalid')) return { item: next.item, seq: next.seq, storedSeq: next.seq };
            throw e;
          });
          this.outbox.acknowledge(ack.item, Math.max(ack.storedSeq, ack.seq));
        } else {
          const events = this.outbox.queuedEvents().slice(0, EVENTS_PER_REQUEST);
          if (events.length === 0) break;
          await this.api.report(events.map(({ id: _id, ...e }) => e)).catch((e: unknown) => {
            // Events the server refuses as malformed would block the queue forever: drop them.
            if (!isApiError(e, 'invalid')) throw e;
          });
          this.outbox.dropEvents(events.at(-1)!.id);
        }
        this.failures = 0;
        this.offline = false;
        this.publish();
      }
      this.running = false;
      this.publish();
      this.settle(true);
    } catch (e) {
      this.running = false;
      if (isApiError(e, ...FATAL)) {
        this.publish();
        this.settle(false);
        this.handlers.fatal(e);
        return;
      }
      // Unreachable, 5xx, paused, rate-limited: keep everything and try again shortly.
      if (isApiError(e, 'network', 'server')) this.offline = true;
      if (isApiError(e, 'attempt_paused')) this.handlers.stale?.();
      const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)]!;
      this.failures++;
      this.publish();
      this.settle(false);
      if (!this.stopped)
        this.retry = this.timers.set(() => {
          this.retry = undefined;
          void this.run();
        }, delay);
    }
  }
}
