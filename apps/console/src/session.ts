import { createSignal } from 'solid-js';
import { client, ok, setCsrf } from './api.ts';
import type { Me } from './contract.ts';

/** Who is signed in (the httpOnly cookie is the session; /staff/me tells the console who and the CSRF token). */
const [me, setMe] = createSignal<Me>();
export { me };

export async function restore(): Promise<void> {
  try {
    const who = await ok(client.staff.me.$get());
    setCsrf(who.csrfToken);
    setMe(who);
  } catch {
    setMe(undefined);
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  const res = await ok(client.staff.login.$post({ json: { username, password } }));
  setCsrf(res.csrfToken);
  await restore();
}

export async function signOut(): Promise<void> {
  await client.staff.logout.$post().catch(() => undefined);
  setMe(undefined);
}
