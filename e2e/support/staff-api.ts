import { DEMO_PASSWORD } from './proctor.ts';

/** A seat of the room view as these stories read it (the 实名制 part of the board). */
export interface RealnameSeat {
  readonly seat: number;
  readonly candidateId: string;
  readonly ticket: string;
  readonly deadline: string | null;
  readonly realname: Record<string, unknown> & { accommodationText: string };
}

/** A staff member's JSON API with a bearer token (what a script would use), for arranging and checking a story. */
export async function staffApi(base: string, username: string) {
  const login = await fetch(`${base}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`staff login ${username}: ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return {
    token,
    async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async bytes(path: string): Promise<Uint8Array> {
      const res = await fetch(`${base}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
