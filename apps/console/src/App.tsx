import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { ROLE_NAMES } from './roles.ts';
import { BanksPage } from './screens/bank/BanksPage.tsx';
import { BatchesPage } from './screens/batch/BatchesPage.tsx';
import { Login } from './screens/Login.tsx';
import { RoomBoard } from './screens/room/RoomBoard.tsx';
import { hasRole, me, restore, signOut } from './session.ts';

type Page = { name: 'banks' } | { name: 'batches' } | { name: 'room'; roomId: string };

/** The console: sign-in, then the pages this user's roles open, the most likely first. */
export function App() {
  const [ready, setReady] = createSignal(false);
  const [page, setPage] = createSignal<Page>({ name: 'banks' });
  onMount(() => void restore().finally(() => setReady(true)));
  const first = (): Page => (hasRole('author', 'assessor') ? { name: 'banks' } : { name: 'batches' });
  return (
    <Show when={ready()}>
      <Show when={me()} fallback={<Login />} keyed>
        {(user) => {
          setPage(first());
          return (
            <div class="shell">
              <header class="top">
                <strong class="brand">考务控制台</strong>
                <nav>
                  <Show when={hasRole('author', 'assessor', 'administrator')}>
                    <button type="button" aria-current={page().name === 'banks' ? 'page' : undefined} onClick={() => setPage({ name: 'banks' })}>题库</button>
                  </Show>
                  <Show when={hasRole('administrator', 'proctor', 'assessor')}>
                    <button type="button" aria-current={page().name === 'batches' ? 'page' : undefined} onClick={() => setPage({ name: 'batches' })}>认定批次</button>
                  </Show>
                </nav>
                <span class="right">{user.displayName}（{user.roles.map((r) => ROLE_NAMES[r]).join('、') || '无角色'}）</span>
                <button type="button" onClick={() => void signOut()}>退出</button>
              </header>
              <div class="content">
                <Switch>
                  <Match when={page().name === 'banks'}><BanksPage /></Match>
                  <Match when={page().name === 'batches'}><BatchesPage onRoom={(roomId) => setPage({ name: 'room', roomId })} /></Match>
                  <Match when={page().name === 'room' && (page() as { roomId: string }).roomId} keyed>
                    {(roomId) => (
                      <>
                        <button type="button" class="back" onClick={() => setPage({ name: 'batches' })}>← 认定批次</button>
                        <RoomBoard roomId={roomId} />
                      </>
                    )}
                  </Match>
                </Switch>
              </div>
            </div>
          );
        }}
      </Show>
    </Show>
  );
}
