import { createSignal, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import {
  isApiError,
  problemOf,
  type AttemptInfo,
  type AttemptState,
  type ExamApi,
  type LoginResult,
  type Problem,
  type SubmitReason,
} from './api/types.ts';
import { Alert } from './components/Alert.tsx';
import { loadAssets, type Assets } from './exam/assets.ts';
import { createExamSession, type ExamEnd, type ExamSession } from './exam/session.ts';
import { uiStore } from './exam/ui-store.ts';
import { createWaiting, type Waiting } from './exam/waiting.ts';
import { enterFullscreen, installLockdown } from './lockdown.ts';
import { Confirm } from './screens/Confirm.tsx';
import { captureFrame } from './exam/webcam.ts';
import { Exam } from './screens/Exam.tsx';
import { Finished, Moved } from './screens/Finished.tsx';
import { Login, loginMessage } from './screens/Login.tsx';
import { Outbox } from './sync/outbox.ts';
import { ServerClock } from './sync/server-clock.ts';

type Phase =
  | { readonly kind: 'login'; readonly notice?: Problem }
  /** `problem`: why the last try failed; the next one follows by itself. */
  | { readonly kind: 'connecting'; readonly problem?: Problem }
  | { readonly kind: 'confirm'; readonly info: AttemptInfo; readonly waiting: Waiting }
  | { readonly kind: 'exam'; readonly session: ExamSession; readonly assets: Assets }
  | {
      readonly kind: 'finished';
      readonly score?: number | null | undefined;
      readonly reason?: SubmitReason | null | undefined;
    }
  | { readonly kind: 'moved' };

export interface AppProps {
  readonly api: ExamApi;
  readonly storage: Storage;
  readonly deviceId: string;
  /** The token kept from before a reload, if any. */
  readonly resume?: LoginResult | undefined;
  /** Wait before retrying an unreachable server while loading. */
  readonly retryMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The candidate's path: login → confirmation (no clock yet) → 开始答题, which the server must accept
 * → exam → finished, resuming in the middle after a reload: on the confirmation screen before the start,
 * in the exam after.
 */
export function App(props: AppProps): JSX.Element {
  const { api, storage } = props;
  const clock = new ServerClock();
  const [phase, setPhase] = createSignal<Phase>(props.resume ? { kind: 'connecting' } : { kind: 'login' });

  const finishLocally = (attemptId: string, state: AttemptState) => {
    new Outbox(storage, attemptId).clear();
    uiStore(storage, attemptId).clear();
    api.signOut();
    setPhase({ kind: 'finished', score: state.score, reason: state.submitReason });
  };

  const onEnd = (end: ExamEnd) => {
    if (end.kind === 'finished') setPhase({ kind: 'finished', score: end.score, reason: end.reason });
    else if (end.kind === 'revoked') setPhase({ kind: 'moved' });
    else setPhase({ kind: 'login', notice: end.notice });
  };

  /**
   * Runs `load` until the server answers: an unreachable or failing server is retried, calmly (with the code
   * when the server failed); a refusal ends here with the right screen (undefined).
   */
  async function fromServer<T>(load: () => Promise<T>): Promise<T | undefined> {
    setPhase({ kind: 'connecting' });
    for (;;) {
      try {
        return await load();
      } catch (e) {
        if (isApiError(e, 'network', 'server')) {
          const message = isApiError(e, 'server')
            ? '考试服务器暂时出错，正在重试…… 已作答的内容不会丢失。'
            : '暂时连接不上考试服务器，正在重试…… 已作答的内容不会丢失。';
          setPhase({ kind: 'connecting', problem: problemOf(e, message) });
          await sleep(props.retryMs ?? 2000);
          continue;
        }
        if (isApiError(e, 'attempt_submitted')) {
          setPhase({ kind: 'finished' });
          api.signOut();
          return undefined;
        }
        if (isApiError(e, 'token_revoked')) {
          api.signOut();
          setPhase({ kind: 'moved' });
          return undefined;
        }
        api.signOut();
        setPhase({
          kind: 'login',
          notice: isApiError(e, 'token_expired', 'unauthorized')
            ? { message: '登录已过期，请重新登录。已作答的内容不会丢失。' }
            : problemOf(e, loginMessage(e)),
        });
        return undefined;
      }
    }
  }

  /** The attempt the token belongs to: the confirmation screen until it has started, then the exam. */
  async function enter(login: LoginResult): Promise<void> {
    const loaded = await fromServer(async () => {
      const sentAt = performance.now();
      const [info, state] = await Promise.all([api.attempt(), api.state()]);
      clock.sync(state.serverTime, sentAt, performance.now());
      return { info, state };
    });
    if (loaded === undefined) return;
    const { info, state } = loaded;
    if (state.status === 'submitted') return finishLocally(login.attemptId, state);
    if (state.status === 'not_started') {
      setPhase({
        kind: 'confirm',
        info,
        waiting: createWaiting({ api, clock, state, tokenExpiresAt: login.expiresAt, onEnd }),
      });
      return;
    }
    await openExam(info, state, login.expiresAt);
  }

  /** The paper is served only once the clock runs: load it (and its figures), then the exam. */
  async function openExam(info: AttemptInfo, state: AttemptState, tokenExpiresAt: number): Promise<void> {
    const loaded = await fromServer(async () => {
      const paper = await api.paper();
      return { paper, assets: await loadAssets(api, paper) };
    });
    if (loaded === undefined) return;
    const session = createExamSession({ api, storage, info, paper: loaded.paper, state, clock, tokenExpiresAt, onEnd });
    setPhase({ kind: 'exam', session, assets: loaded.assets });
  }

  const start = async (info: AttemptInfo, waiting: Waiting, consent: boolean) => {
    // Asked inside the click (fullscreen needs the gesture); the screen changes once fullscreen is on, so the
    // exam opens uncovered. The clock starts only when the server says so.
    await enterFullscreen(document);
    // 开考拍照 when the batch asks: the frame, or why there is none, goes to the proctor; the start goes on.
    if (info.webcamFrame) {
      const shot = consent
        ? await captureFrame(document)
        : ({ ok: false, outcome: 'refused', reason: '考生未勾选同意' } as const);
      await api.frame(shot.ok ? { blob: shot.blob } : { outcome: shot.outcome, reason: shot.reason }).catch(() => {});
    }
    const state = await waiting.start();
    if (state === undefined) return;
    waiting.dispose();
    await openExam(info, state, waiting.tokenExpiresAt());
  };

  onMount(() => {
    const remove = installLockdown(document, (kind, detail) => {
      const p = phase();
      if (p.kind === 'exam') p.session.report(kind, detail);
      else if (p.kind === 'confirm') p.waiting.report(kind, detail);
    });
    onCleanup(remove);
    if (props.resume) void enter(props.resume);
  });
  onCleanup(() => {
    const p = phase();
    if (p.kind === 'exam') p.session.dispose();
    if (p.kind === 'confirm') p.waiting.dispose();
  });

  return (
    <Switch>
      <Match when={phase().kind === 'login' && (phase() as Extract<Phase, { kind: 'login' }>)}>
        {(p) => (
          <Login api={api} deviceId={props.deviceId} notice={p().notice} onLogin={(login) => void enter(login)} />
        )}
      </Match>
      <Match when={phase().kind === 'connecting' && (phase() as Extract<Phase, { kind: 'connecting' }>)}>
        {(p) => (
          <main class="kw-screen">
            <Show
              when={p().problem}
              fallback={
                <p class="kw-lead" role="status">
                  正在载入试卷……
                </p>
              }
            >
              {(problem) => <Alert problem={problem()} calm />}
            </Show>
          </main>
        )}
      </Match>
      <Match when={phase().kind === 'confirm' && (phase() as Extract<Phase, { kind: 'confirm' }>)}>
        {(p) => (
          <Confirm
            info={p().info}
            waiting={p().waiting}
            onStart={(consent) => void start(p().info, p().waiting, consent)}
            photo={() => api.photo()}
          />
        )}
      </Match>
      <Match when={phase().kind === 'exam' && (phase() as Extract<Phase, { kind: 'exam' }>)}>
        {(p) => <Exam session={p().session} assets={p().assets} />}
      </Match>
      <Match when={phase().kind === 'finished' && (phase() as Extract<Phase, { kind: 'finished' }>)}>
        {(p) => <Finished score={p().score} reason={p().reason} />}
      </Match>
      <Match when={phase().kind === 'moved'}>
        <Moved />
      </Match>
    </Switch>
  );
}
