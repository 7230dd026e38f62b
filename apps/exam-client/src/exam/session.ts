import { choose } from '@kaowu/item-view';
import type { CandidatePaperView, ClientEventKind, ItemResponse } from '@kaowu/domain/browser';
import { batch, createSignal, type Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  isApiError,
  type ApiError,
  type AttemptInfo,
  type AttemptState,
  type EventDetail,
  type ExamApi,
  problemOf,
  type Problem,
  type SubmitReason,
} from '../api/types.ts';
import { AnswerSync, type SyncStatus } from '../sync/answer-sync.ts';
import { checkIn } from '../sync/check-in.ts';
import { Outbox } from '../sync/outbox.ts';
import { crossedWarning, type ServerClock } from '../sync/server-clock.ts';
import { watchServer } from '../sync/watch.ts';
import { indexPaper, isAnswered, optionCount, type PaperIndex } from './paper-index.ts';
import { uiStore, type FontSize } from './ui-store.ts';

/** How an exam ends on this device. */
export type ExamEnd =
  | { readonly kind: 'finished'; readonly score?: number | null; readonly reason?: SubmitReason | null }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'login'; readonly notice: Problem };

export interface ExamSessionInput {
  readonly api: ExamApi;
  readonly storage: Storage;
  readonly info: AttemptInfo;
  readonly paper: CandidatePaperView;
  readonly state: AttemptState;
  readonly clock: ServerClock;
  /** Token expiry (server epoch ms), to renew it in time. */
  readonly tokenExpiresAt: number;
  readonly onEnd: (end: ExamEnd) => void;
}

export interface ExamSession {
  readonly info: AttemptInfo;
  readonly paper: CandidatePaperView;
  readonly index: PaperIndex;
  readonly current: Accessor<number>;
  readonly cursor: Accessor<number>;
  readonly fontSize: Accessor<FontSize>;
  readonly syncStatus: Accessor<SyncStatus>;
  readonly pending: Accessor<number>;
  readonly remainingMs: Accessor<number>;
  readonly paused: Accessor<boolean>;
  readonly timeUp: Accessor<boolean>;
  /** 15 or 5 (minutes) while a warning is showing. */
  readonly warning: Accessor<number | undefined>;
  response(code: string): ItemResponse | undefined;
  flagged(code: string): boolean;
  answeredCount(): number;
  goTo(index: number): void;
  move(delta: 1 | -1): void;
  moveCursor(delta: 1 | -1): void;
  /** Choose (or toggle) option `option` of the current item. */
  chooseOption(option: number): void;
  respond(code: string, response: ItemResponse): void;
  toggleFlag(): void;
  setFontSize(size: FontSize): void;
  dismissWarning(): void;
  report(kind: ClientEventKind, detail?: EventDetail): void;
  /**
   * Sends everything, then submits. 'offline' when the server cannot be reached, the error when it failed
   * (`server`): nothing is lost either way, the candidate tries again.
   */
  submit(): Promise<'submitted' | 'offline' | ApiError>;
  /** Whether answering is allowed at all (the screen adds fullscreen and focus). */
  open(): boolean;
  dispose(): void;
}

export const POLL_MS = 10_000;
const POLL_AT_END_MS = 2_000;
const TICK_MS = 250;
const WARNING_SHOWN_MS = 20_000;

/**
 * One candidate's exam on this device, from the start (开始答题) on: the paper, the answers (local outbox
 * first, then the server), the server-synced countdown, polling for the server's view (pause, extension,
 * submission by time or proctor) and token renewal. Screens only read its accessors and call its actions.
 */
export function createExamSession(input: ExamSessionInput): ExamSession {
  const { api, info, paper, clock } = input;
  const index = indexPaper(paper);
  const outbox = new Outbox(input.storage, info.attemptId);
  outbox.merge(input.state.answers);
  const ui = uiStore(input.storage, info.attemptId, info.accommodation?.largeFont ? { font: 'large' } : {});

  const [responses, setResponses] = createStore<Record<string, ItemResponse>>(outbox.responses());
  const [flags, setFlags] = createStore<Record<string, boolean>>(
    Object.fromEntries(ui.get().flags.map((c) => [c, true])),
  );
  const [current, setCurrent] = createSignal(Math.min(ui.get().current, index.entries.length - 1));
  const [cursor, setCursor] = createSignal(0);
  const [fontSize, setFont] = createSignal<FontSize>(ui.get().font);
  const [syncStatus, setSyncStatus] = createSignal<SyncStatus>('saved');
  const [pending, setPending] = createSignal(outbox.pendingCount());
  const [serverState, setServerState] = createSignal(input.state);
  const [now, setNow] = createSignal(clock.now());
  const [warning, setWarning] = createSignal<number | undefined>();
  let tokenExpiresAt = input.tokenExpiresAt;
  let ended = false;
  const timers: ReturnType<typeof setTimeout>[] = [];

  const end = (e: ExamEnd) => {
    if (ended) return;
    ended = true;
    dispose();
    if (e.kind === 'finished') {
      outbox.clear();
      ui.clear();
    }
    if (e.kind !== 'login') api.signOut();
    input.onEnd(e);
  };

  const onFatal = (e: ApiError) => {
    if (e.code === 'attempt_submitted' || e.code === 'deadline_passed') void refresh();
    else if (e.code === 'token_revoked') end({ kind: 'revoked' });
    else end({ kind: 'login', notice: problemOf(e, `${e.message}。您的答案已保存在本机，重新登录后会自动发送。`) });
  };

  const sync = new AnswerSync(api, outbox, {
    status: (s, n) =>
      batch(() => {
        setSyncStatus(s);
        setPending(n);
      }),
    fatal: onFatal,
    stale: () => void refresh(),
  });

  const remainingMs = () => {
    const s = serverState();
    if (s.paused || s.deadline === null) return s.remainingMs;
    return Math.max(0, s.deadline - now());
  };
  const paused = () => serverState().paused;
  const timeUp = () => !paused() && remainingMs() <= 0;

  async function refresh(): Promise<void> {
    const seen = await checkIn(api, clock, tokenExpiresAt);
    if (seen.kind === 'offline' || ended) return;
    if (seen.kind === 'fatal') return onFatal(seen.error);
    tokenExpiresAt = seen.tokenExpiresAt;
    const { status, score, submitReason, paused } = seen.state;
    if (status === 'submitted') return end({ kind: 'finished', score, reason: submitReason });
    setServerState(seen.state);
    setNow(clock.now());
    // Resumed: what was answered during the pause (kept in the outbox) goes now, not at the next retry.
    if (!paused && outbox.pendingCount() > 0) sync.kick();
  }

  // A proctor's action shows within a round trip; the regular poll stays as the fallback.
  const unwatch = watchServer(api, input.state.version, () => void refresh());

  let polling: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    await refresh();
    if (!ended) polling = setTimeout(() => void poll(), timeUp() ? POLL_AT_END_MS : POLL_MS);
  };
  polling = setTimeout(() => void poll(), POLL_MS);

  let lastRemaining = remainingMs();
  let askedAtEnd = false;
  const ticker = setInterval(() => {
    setNow(clock.now());
    const r = remainingMs();
    const crossed = crossedWarning(lastRemaining, r);
    lastRemaining = r;
    if (crossed !== undefined) {
      setWarning(crossed / 60_000);
      timers.push(setTimeout(() => setWarning(undefined), WARNING_SHOWN_MS));
    }
    if (r <= 0 && !paused() && !askedAtEnd && polling !== undefined) {
      // Time is up: the server submits after its grace period. Send what is left and ask again soon.
      askedAtEnd = true;
      sync.kick();
      clearTimeout(polling);
      polling = setTimeout(() => void poll(), POLL_AT_END_MS);
    }
    if (r > 0) askedAtEnd = false;
  }, TICK_MS);

  const onOnline = () => {
    queueEvent('network_online');
    void refresh();
  };
  const onOffline = () => queueEvent('network_offline');
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  function dispose(): void {
    unwatch();
    clearInterval(ticker);
    if (polling !== undefined) clearTimeout(polling);
    polling = undefined;
    for (const t of timers) clearTimeout(t);
    sync.stop();
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  }

  function queueEvent(kind: ClientEventKind, detail?: EventDetail): void {
    if (ended) return;
    outbox.queueEvent({ kind, clientAt: Date.now(), ...(detail === undefined ? {} : { detail }) });
    sync.kick();
  }

  const open = () => !ended && !paused() && !timeUp();
  const entryAt = (i: number) => index.entries[i]!;

  const respond = (code: string, response: ItemResponse) => {
    if (!open()) return;
    outbox.record(code, response);
    setResponses(code, response);
    setPending(outbox.pendingCount());
    sync.kick();
  };

  const goTo = (i: number) => {
    const next = Math.max(0, Math.min(index.entries.length - 1, i));
    if (next === current()) return;
    batch(() => {
      setCurrent(next);
      setCursor(0);
    });
    ui.update({ current: next });
  };

  // Answers the server already had are shown; anything still pending goes out now.
  if (outbox.pendingCount() > 0 || outbox.queuedEvents().length > 0) sync.kick();

  return {
    info,
    paper,
    index,
    current,
    cursor,
    fontSize,
    syncStatus,
    pending,
    remainingMs,
    paused,
    timeUp,
    warning,
    response: (code) => responses[code],
    flagged: (code) => flags[code] === true,
    answeredCount: () => index.entries.reduce((n, e) => n + (isAnswered(responses[e.item.code]) ? 1 : 0), 0),
    goTo,
    move: (delta) => goTo(current() + delta),
    moveCursor(delta) {
      const n = optionCount(entryAt(current()).item);
      setCursor((c) => (c + delta + n) % n);
    },
    chooseOption(option) {
      const { item } = entryAt(current());
      if (option < 0 || option >= optionCount(item)) return;
      setCursor(option);
      respond(item.code, choose(item, responses[item.code], option));
    },
    respond,
    toggleFlag() {
      const code = entryAt(current()).item.code;
      setFlags(code, (f) => !f);
      ui.update({ flags: Object.keys(flags).filter((c) => flags[c] === true) });
    },
    setFontSize(size) {
      setFont(size);
      ui.update({ font: size });
    },
    dismissWarning: () => setWarning(undefined),
    report: queueEvent,
    async submit() {
      if (!(await sync.flush())) return 'offline';
      try {
        const result = await api.submit();
        end({ kind: 'finished', score: result.score });
        return 'submitted';
      } catch (e) {
        if (isApiError(e, 'attempt_submitted')) {
          await refresh();
          return 'submitted';
        }
        if (isApiError(e, 'network')) return 'offline';
        if (isApiError(e, 'server')) return e;
        onFatal(e as ApiError);
        return 'submitted';
      }
    },
    open,
    dispose,
  };
}
