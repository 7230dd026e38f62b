import type { Role } from '@kaowu/domain/browser';
import { vi } from 'vitest';
import type { Me } from '../contract.ts';
import { restore } from '../session.ts';

/** What the fake server sends back: an HTTP status and a JSON body. */
export type Answer = readonly [status: number, body: unknown];

/** One request the screen made: method, path below /api (with its query) and the JSON body it sent. */
export interface Request<B = unknown> {
  readonly method: string;
  readonly path: string;
  readonly body: B | undefined;
}

/** `METHOD path` → its answer (from the body sent), or one function of the whole request for answers by pattern. */
export type Routes<B = unknown> =
  | Readonly<Record<string, (body: B | undefined) => Answer>>
  | ((request: Request<B>) => Answer | undefined);

const NOT_FOUND: Answer = [404, { error: { code: 'not_found', message: '未找到' } }];

/**
 * A fake of the server in place of `fetch`, for screen tests: what `routes` does not answer gets 404 not_found, as
 * from the real server, or (`unanswered: 'pending'`) never an answer, for a test about what shows before the data.
 * Returns every request, in order, as it is made.
 */
export function fakeServer<B = unknown>(
  routes: Routes<B>,
  options: { unanswered?: 'not_found' | 'pending' } = {},
): Request<B>[] {
  const calls: Request<B>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const request: Request<B> = {
        method: init?.method ?? 'GET',
        path: url.replace(/^\/api/, ''),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(request);
      const answer =
        typeof routes === 'function' ? routes(request) : routes[`${request.method} ${request.path}`]?.(request.body);
      if (answer === undefined && options.unanswered === 'pending') return new Promise<Response>(() => undefined);
      const [status, body] = answer ?? NOT_FOUND;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

/** A staff member as GET /staff/me answers for them. */
export interface Person {
  readonly username: string;
  readonly roles: readonly Role[];
  /** The occupations they are registered assessors for. */
  readonly registrations?: readonly string[];
  /** Their duties on batches' staff. */
  readonly duties?: Me['duties'];
}

export const staffMe = (person: Person): Me => ({
  username: person.username,
  displayName: person.username,
  roles: [...person.roles],
  registrations: [...(person.registrations ?? [])],
  duties: [...(person.duties ?? [])],
  csrfToken: 'x',
});

/**
 * Signs in as the person, the rest of the server faked by `routes` (a table; see fakeServer), and resolves once
 * the console knows who is signed in. Returns the requests, as fakeServer does.
 */
export async function signedInAs<B = unknown>(
  person: Person,
  routes: Readonly<Record<string, (body: B | undefined) => Answer>> = {},
  options: { unanswered?: 'not_found' | 'pending' } = {},
): Promise<Request<B>[]> {
  const calls = fakeServer<B>({ 'GET /staff/me': () => [200, staffMe(person)], ...routes }, options);
  await restore();
  return calls;
}
