import { A, Navigate, Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, ErrorBoundary, lazy, on, onMount, Show } from 'solid-js';
import { messageOf } from './api.ts';
import { personLabel } from '@kaowu/domain/browser';
import { ErrorCodeOf } from './components/Notice.tsx';
import { may } from './permissions.ts';
import { Login } from './screens/Login.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { me, restore, signOut } from './session.ts';

// Each area loads when first opened: the sign-in page stays small, and a proctor never downloads the bank editor.
const BanksPage = lazy(() => import('./screens/bank/BanksPage.tsx').then((m) => ({ default: m.BanksPage })));
const BankRoute = lazy(() => import('./screens/bank/BanksPage.tsx').then((m) => ({ default: m.BankRoute })));
const BatchesPage = lazy(() => import('./screens/batch/BatchesPage.tsx').then((m) => ({ default: m.BatchesPage })));
const BatchRoute = lazy(() => import('./screens/batch/BatchesPage.tsx').then((m) => ({ default: m.BatchRoute })));
const RoomRoute = lazy(() => import('./screens/room/RoomRoute.tsx').then((m) => ({ default: m.RoomRoute })));
const AuditPage = lazy(() => import('./screens/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

/**
 * The console: every screen has an address under /console/ (a reload, the back button or a shared link land on the
 * same screen); an address opened before signing in opens once the user has signed in.
 */
export function App() {
  return (
    <Router base="/console" root={Shell}>
      <Route path="/" component={Home} />
      <Route path="/banks" component={BanksPage} />
      <Route path="/banks/:occupation/:level/:tab?" component={BankRoute} />
      <Route path="/batches" component={BatchesPage} />
      <Route path="/batches/:batchId/:tab?" component={BatchRoute} />
      <Route path="/rooms/:roomId" component={RoomRoute} />
      <Route path="/audit" component={AuditPage} />
      <Route path="*" component={NotFound} />
    </Router>
  );
}

/**
 * The first page, from the permission table: those who write or review items work in banks,
 * everyone else in batches.
 */
function Home() {
  return <Navigate href={may('item.write') || may('item.review') ? '/banks' : '/batches'} />;
}

function Shell(props: RouteSectionProps) {
  const [ready, setReady] = createSignal(false);
  onMount(() => void restore().finally(() => setReady(true)));
  const location = useLocation();
  return (
    <Show when={ready()}>
      <Show when={me()} fallback={<Login />} keyed>
        {(user) => (
          <div class="shell">
            <header class="top">
              <strong class="brand">考务控制台</strong>
              <nav>
                <Show when={may('bank.read')}>
                  <A href="/banks">题库</A>
                </Show>
                {/* Those who read every batch, or hold a duty on one (supervisors have no role): the server lists theirs. */}
                <Show when={may('batch.read') || user.duties.length > 0}>
                  <A href="/batches">认定批次</A>
                </Show>
                <Show when={may('audit.read')}>
                  <A href="/audit">审计记录</A>
                </Show>
              </nav>
              <span class="right">{personLabel(user.displayName, user.roles, user.duties)}</span>
              <button type="button" onClick={() => void signOut()}>
                退出
              </button>
            </header>
            <div class="content">
              {/* A failed page load (no such batch, no permission, server gone) says why instead of a blank page. */}
              <ErrorBoundary
                fallback={(e, retry) => {
                  // Going elsewhere clears the error: the next page gets its own chance.
                  createEffect(on(() => location.pathname, retry, { defer: true }));
                  return (
                    <section class="notice error" role="alert">
                      <p>
                        页面无法打开：{messageOf(e)}
                        <ErrorCodeOf error={e} />
                      </p>
                      <button type="button" onClick={retry}>
                        重试
                      </button>{' '}
                      <A href="/">返回首页</A>
                    </section>
                  );
                }}
              >
                {props.children}
              </ErrorBoundary>
            </div>
          </div>
        )}
      </Show>
    </Show>
  );
}
