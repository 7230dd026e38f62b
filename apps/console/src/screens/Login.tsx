import { createSignal } from 'solid-js';
import { Field } from '../components/Field.tsx';
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
        <Field label="用户名" name="username" autocomplete="username" value={username()} onValue={setUsername} />
        <Field
          label="密码"
          name="password"
          type="password"
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
        />
        <button type="submit" class="primary" disabled={action.busy()}>
          登录
        </button>
        <Notice error={action.error()} />
      </form>
    </main>
  );
}
