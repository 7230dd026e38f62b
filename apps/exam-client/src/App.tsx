import type { AssetUrl } from '@kaowu/item-view';
import { createSignal, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { isApiError, type AttemptState, type ExamApi, type LoginResult } from './api/types.ts';
import { loadAssets } from './exam/assets.ts';
import { createExamSession, type ExamEnd, type ExamSession } from './exam/session.ts';
import { uiStore } from './exam/ui-store.ts';
import { enterFullscreen, installLockdown } from './lockdown.ts';
import { Confirm } from './screens/Confirm.tsx';
import { Exam } from './screens/Exam.tsx';
import { Finished, Moved } from './screens/Finished.tsx';
import { Login, loginMessage } from './screens/Login.tsx';
import { Outbox } from './sync/outbox.ts';
import { ServerClock } from './sync/server-clock.ts';

type Phase =
  | { readonly kind: 'login'; readonly notice?: string }
  | { readonly kind: 'connecting'; readonly retrying: boolean }
  | { readonly kind: 'exam'; readonly session: ExamSession; readonly assetUrl: AssetUrl }
  | { readonly kind: 'finished'; readonly score?: number | null | undefined }
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

/** The candidate's path: login → confirmation → exam → finished, resuming in the middle after a reload. */
export function App(props: AppProps): JSX.Element {
  const { api, storage } = props;
  const clock = new ServerClock();
  const [phase, setPhase] = createSignal<Phase>(props.resume ? { kind: 'connecting', retrying: false } : { kind: 'login' });

  const finishLocally = (attemptId: string, state: AttemptState) => {
    new Outbox(storage, attemptId).clear();
    uiStore(storage, attemptId).clear();
    api.signOut();
    setPhase({ kind: 'finished', score: state.score });
  };

  const onEnd = (end: ExamEnd) => {
    if (end.kind === 'finished') setPhase({ kind: 'finished', score: end.score });
    else if (end.kind === 'revoked') setPhase({ kind: 'moved' });
    else setPhase({ kind: 'login', notice: end.message });
  };

  /** Loads everything for the attempt the token belongs to; an unreachable server is retried, not reported as a failure. */
  async function enter(login: LoginResult): Promise<void> {
    setPhase({ kind: 'connecting', retrying: false });
    for (;;) {
      try {
        const sentAt = performance.now();
        const [info, paper, state] = await Promise.all([api.attempt(), api.paper(), api.state()]);
        clock.sync(state.serverTime, sentAt, performance.now());
        if (state.status === 'submitted') return finishLocally(login.attemptId, state);
        const assetUrl = await loadAssets(api, paper);
        const session = createExamSession({ api, storage, info, paper, state, clock, tokenExpiresAt: login.expiresAt, onEnd });
        setPhase({ kind: 'exam', session, assetUrl });
        return;
      } catch (e) {
        if (isApiError(e, 'network', 'server')) {
          setPhase({ kind: 'connecting', retrying: true });
          await sleep(props.retryMs ?? 2000);
          continue;
        }
        if (isApiError(e, 'attempt_submitted')) {
          setPhase({ kind: 'finished' });
          api.signOut();
          return;
        }
        if (isApiError(e, 'token_revoked')) {
          api.signOut();
          setPhase({ kind: 'moved' });
          return;
        }
        api.signOut();
        setPhase({ kind: 'login', notice: isApiError(e, 'token_expired', 'unauthorized') ? '登录已过期，请重新登录。已作答的内容不会丢失。' : loginMessage(e) });
        return;
      }
    }
  }

  const start = async (session: ExamSession) => {
    // Asked inside the click; the screen changes once fullscreen is on, so the exam opens uncovered.
    await enterFullscreen(document);
    session.start();
  };

  onMount(() => {
    const remove = installLockdown(document, (kind, detail) => {
      const p = phase();
      if (p.kind === 'exam') p.session.report(kind, detail);
    });
    onCleanup(remove);
    if (props.resume) void enter(props.resume);
  });
  onCleanup(() => {
    const p = phase();
    if (p.kind === 'exam') p.session.dispose();
  });

  return (
    <Switch>
      <Match when={phase().kind === 'login' && (phase() as Extract<Phase, { kind: 'login' }>)}>
        {(p) => <Login api={api} deviceId={props.deviceId} notice={p().notice} onLogin={(login) => void enter(login)} />}
      </Match>
      <Match when={phase().kind === 'connecting' && (phase() as Extract<Phase, { kind: 'connecting' }>)}>
        {(p) => (
          <main class="kw-screen">
            <p class="kw-lead" role="status">
              {p().retrying ? '暂时连接不上考试服务器，正在重试…… 已作答的内容不会丢失。' : '正在载入试卷……'}
            </p>
          </main>
        )}
      </Match>
      <Match when={phase().kind === 'exam' && (phase() as Extract<Phase, { kind: 'exam' }>)}>
        {(p) => (
          <Show when={p().session.started()} fallback={<Confirm session={p().session} onStart={() => void start(p().session)} />}>
            <Exam session={p().session} assetUrl={p().assetUrl} />
          </Show>
        )}
      </Match>
      <Match when={phase().kind === 'finished' && (phase() as Extract<Phase, { kind: 'finished' }>)}>
        {(p) => <Finished score={p().score} />}
      </Match>
      <Match when={phase().kind === 'moved'}>
        <Moved />
      </Match>
    </Switch>
  );
}
