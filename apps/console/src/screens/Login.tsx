import { createSignal } from 'solid-js';
import { Notice } from '../components/Notice.tsx';
import { createAction } from '../components/run.ts';
import { signIn } from '../session.ts';

export function Login() {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const action = createAction();
  return (
    <main class="login">
      <h1>考务控制台</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => signIn(username().trim(), password()));
        }}
      >
        <label>
          用户名
          <input
            name="username"
            autocomplete="username"
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={action.busy()}>
          登录
        </button>
        <Notice error={action.error()} />
      </form>
    </main>
  );
}
