import { createSignal, type Accessor } from 'solid-js';
import type { ClientEventKind } from '@kaowu/domain/browser';
import {
  isApiError,
  problemOf,
  type AttemptState,
  type EventDetail,
  type ExamApi,
  type Problem,
} from '../api/types.ts';
import { checkIn } from '../sync/check-in.ts';
import type { ServerClock } from '../sync/server-clock.ts';
import { watchServer } from '../sync/watch.ts';
import { POLL_MS, type ExamEnd } from './session.ts';

export interface WaitingInput {
  readonly api: ExamApi;
  readonly clock: ServerClock;
  readonly state: AttemptState;
  readonly tokenExpiresAt: number;
  readonly onEnd: (end: ExamEnd) => void;
}

/** The confirmation screen before 开始答题: the server's view, and the start itself. */
export interface Waiting {
  readonly state: Accessor<AttemptState>;
  /** The proctor has paused the room: the start waits. */
  readonly paused: Accessor<boolean>;
  readonly starting: Accessor<boolean>;
  /** Why the last start did not happen, in the candidate's words. */
  readonly problem: Accessor<Problem | undefined>;
  tokenExpiresAt(): number;
  /** The running attempt's state, or undefined when it did not start (see `problem`) or the exam ended here. */
  start(): Promise<AttemptState | undefined>;
  /** Lockdown events before the start, sent at once and dropped when they cannot be (nothing is at stake yet). */
  report(kind: ClientEventKind, detail?: EventDetail): void;
  dispose(): void;
}

export const START_OFFLINE =
  '无法连接考试服务器，考试尚未开始，也没有开始计时。请检查网络后再次点击“开始答题”；仍不行请举手示意监考员。';
export const START_FAILED =
  '考试服务器暂时出错，考试尚未开始，也没有开始计时。请再次点击“开始答题”；仍不行请举手示意监考员。';

/**
 * While the candidate checks their details no clock runs, so this only watches the server (the room paused,
 * the attempt submitted when the window ended, the exam moved to another computer), keeps the token fresh,
 * and asks the server to start when the candidate clicks — never without it: offline, it says so and the
 * candidate clicks again.
 */
export function createWaiting(input: WaitingInput): Waiting {
  const { api, clock } = input;
  const [state, setState] = createSignal(input.state);
  const [starting, setStarting] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();
  let tokenExpiresAt = input.tokenExpiresAt;
  let ended = false;
  let polling: ReturnType<typeof setTimeout> | undefined;

  const dispose = () => {
    ended = true;
    unwatch();
    if (polling !== undefined) clearTimeout(polling);
    polling = undefined;
  };
  const end = (e: ExamEnd) => {
    if (ended) return;
    dispose();
    if (e.kind !== 'login') api.signOut();
    input.onEnd(e);
  };
  const fatal = (e: unknown) => {
    if (isApiError(e, 'attempt_submitted')) end({ kind: 'finished' });
    else if (isApiError(e, 'token_revoked')) end({ kind: 'revoked' });
    else end({ kind: 'login', notice: { message: '登录已过期，请重新登录。考试尚未开始计时。' } });
  };

  const poll = async () => {
    const seen = await checkIn(api, clock, tokenExpiresAt);
    if (ended) return;
    if (seen.kind === 'fatal') return fatal(seen.error);
    if (seen.kind === 'state') {
      tokenExpiresAt = seen.tokenExpiresAt;
      if (seen.state.status === 'submitted')
        return end({ kind: 'finished', score: seen.state.score, reason: seen.state.submitReason });
      setState(seen.state);
    }
    // One timer, however many looks overlapped (a watch may ask while a poll is on its way).
    clearTimeout(polling);
    polling = setTimeout(() => void poll(), POLL_MS);
  };
  polling = setTimeout(() => void poll(), POLL_MS);
  // The room paused or resumed, the exam moved elsewhere: look at once, then poll on as before.
  const unwatch = watchServer(api, input.state.version, () => void poll());

  return {
    state,
    paused: () => state().paused,
    starting,
    problem,
    tokenExpiresAt: () => tokenExpiresAt,
    async start() {
      if (starting() || ended) return undefined;
      setStarting(true);
      setProblem(undefined);
      try {
        const sentAt = performance.now();
        const started = await api.start();
        clock.sync(started.serverTime, sentAt, performance.now());
        if (started.status === 'submitted') {
          end({ kind: 'finished', score: started.score });
          return undefined;
        }
        return started;
      } catch (e) {
        if (isApiError(e, 'network')) setProblem({ message: START_OFFLINE });
        else if (isApiError(e, 'server')) setProblem(problemOf(e, START_FAILED));
        else if (isApiError(e, 'attempt_submitted', 'token_revoked', 'token_expired', 'unauthorized')) fatal(e);
        // The window has ended, marked absent…: the server's own words.
        else setProblem(problemOf(e, isApiError(e) ? e.message : '未能开始答题，请举手示意监考员'));
        return undefined;
      } finally {
        setStarting(false);
      }
    },
    report(kind, detail) {
      if (ended) return;
      void api
        .report([{ kind, clientAt: Date.now(), ...(detail === undefined ? {} : { detail }) }])
        .catch(() => undefined);
    },
    dispose,
  };
}
