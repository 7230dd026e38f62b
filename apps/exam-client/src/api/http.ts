import { type ErrorCode, maskIdNumber } from '@kaowu/domain/browser';
import type { AppType } from '@kaowu/server/app-type';
import { type ClientResponse, hc } from 'hono/client';
import {
  ApiError,
  type AnswerSave,
  type AttemptState,
  type ClientEvent,
  type ExamApi,
  type LoginInput,
  type LoginResult,
  type ServerState,
} from './types.ts';

/** The login as kept between reloads: a reload or a browser crash must not log the candidate out. */
export interface StoredSession extends LoginResult {
  readonly ticket: string;
  readonly idNumberMasked: string;
}

export interface TokenStore {
  get(): StoredSession | undefined;
  set(value: StoredSession | undefined): void;
}

const TOKEN_KEY = 'kaowu.exam.session';

export function localTokenStore(storage: Storage): TokenStore {
  return {
    get() {
      try {
        const raw = storage.getItem(TOKEN_KEY);
        return raw === null ? undefined : (JSON.parse(raw) as StoredSession);
      } catch {
        return undefined;
      }
    },
    set(value) {
      if (value === undefined) storage.removeItem(TOKEN_KEY);
      else storage.setItem(TOKEN_KEY, JSON.stringify(value));
    },
  };
}

/** A request that gets no answer within this is treated as offline; the outbox keeps the answer. */
const TIMEOUT_MS = 8000;
const WATCH_TIMEOUT_MS = 35_000;

/** The server's error body `{ error: { code, message } }` (apps/server/src/errors.ts) as an ApiError. */
async function failureOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => undefined);
  // A proxy's error page or a half-started server: as good as offline, so the outbox keeps retrying.
  if (body === undefined && res.status >= 502) return new ApiError('network', undefined, res.status);
  const inner = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const field = (name: string): unknown =>
    typeof inner === 'object' && inner !== null && name in inner ? (inner as Record<string, unknown>)[name] : undefined;
  const code = field('code');
  const message = field('message');
  // A Kaowu error body carries its code and the words to show (apps/server/src/errors.ts always writes both), so
  // the client takes the server's message and ships no table of every code's message. An internal fault (5xx),
  // or an answer without both, is `server` to the client: it retries.
  const kaowu = typeof code === 'string' && typeof message === 'string' && res.status < 500 && code !== 'internal';
  const known = kaowu ? (code as ErrorCode) : 'server';
  const details = field('details');
  const first: unknown = Array.isArray(details) ? details[0] : undefined;
  const transferId =
    typeof first === 'object' && first !== null && 'transferId' in first && typeof first.transferId === 'string'
      ? first.transferId
      : undefined;
  return new ApiError(known, kaowu ? message : undefined, res.status, transferId);
}

/** The body of a successful answer, typed by its route (a failure has been thrown by `send` already). */
async function json<T>(request: Promise<ClientResponse<T, number, 'json'>>): Promise<T> {
  const res = await request;
  try {
    return await res.json();
  } catch {
    throw new ApiError('server', undefined, res.status);
  }
}

const epoch = (iso: string): number => Date.parse(iso);

/** An image answer as a data: URL (the exam's CSP allows data: images; a blob URL would need revoking). */
const dataUrl = (blob: Blob, failure: string): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new ApiError('network', failure));
    reader.readAsDataURL(blob);
  });

function stateOf(body: ServerState): AttemptState {
  const notStarted = body.status === 'not_started';
  return {
    status: body.status === 'submitted' ? 'submitted' : notStarted ? 'not_started' : 'in_progress',
    // Before the start no clock runs to pause: what waits is the start button, while the room is paused.
    paused: body.status === 'paused' || (notStarted && body.roomPaused),
    serverTime: epoch(body.serverTime),
    deadline: body.deadline === null ? null : epoch(body.deadline),
    remainingMs: body.remainingSeconds * 1000,
    answers: body.answers,
    version: body.version,
    submitReason: body.submitReason,
    ...(body.score === undefined ? {} : { score: body.score }),
  };
}

/**
 * The candidate API on hono's typed client over the server's routes (`AppType`): paths, parameters, bodies and
 * answers are checked by `tsc`. Underneath, `fetchImpl` with a timeout; every failure is thrown as an ApiError.
 */
export function httpApi(
  tokens: TokenStore,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): ExamApi {
  async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(input, {
        ...init,
        cache: 'no-store',
        credentials: 'omit',
        // A long poll brings its own (longer) limit; every other request gives up after TIMEOUT_MS.
        signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('network');
    }
    if (!res.ok) throw await failureOf(res);
    return res;
  }

  const api = hc<AppType>('/api', {
    fetch: send,
    headers: (): Record<string, string> => {
      const session = tokens.get();
      return session === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', authorization: `Bearer ${session.token}` };
    },
  });
  const attempts = api.attempts;

  /** The path parameter of the signed-in attempt. */
  const own = () => {
    const id = tokens.get()?.attemptId;
    if (id === undefined) throw new ApiError('unauthorized', '请先登录', 401);
    return { param: { attemptId: encodeURIComponent(id) } };
  };

  return {
    async login(input: LoginInput) {
      const body = await json(attempts.$post({ json: input }));
      const result: LoginResult = { token: body.token, expiresAt: epoch(body.expiresAt), attemptId: body.attemptId };
      tokens.set({ ...result, ticket: input.ticket, idNumberMasked: maskIdNumber(input.idNumber) });
      return result;
    },
    async renew() {
      const current = tokens.get();
      const params = own();
      const body = await json(attempts[':attemptId'].token.$post(params));
      const result: LoginResult = {
        token: body.token,
        expiresAt: epoch(body.expiresAt),
        attemptId: decodeURIComponent(params.param.attemptId),
      };
      if (current !== undefined) tokens.set({ ...current, ...result });
      return result;
    },
    attempt: () => json(attempts[':attemptId'].$get(own())),
    start: async () => stateOf(await json(attempts[':attemptId'].start.$post(own()))),
    paper: () => json(attempts[':attemptId'].paper.$get(own())),
    async frame(frame) {
      if ('blob' in frame)
        await json(
          attempts[':attemptId'].frame.$post(own(), {
            init: { body: frame.blob },
            headers: { 'content-type': frame.blob.type || 'image/jpeg' },
          }),
        );
      else await json(attempts[':attemptId']['no-frame'].$post({ ...own(), json: frame }));
    },
    async photo() {
      const res = await attempts[':attemptId'].photo.$get(own(), { headers: { accept: 'image/*' } });
      return dataUrl(await res.blob(), '照片无法载入');
    },
    async asset(name: string) {
      const res = await attempts[':attemptId'].assets[':name']
        .$get({ param: { ...own().param, name: encodeURIComponent(name) } }, { headers: { accept: 'image/*' } })
        .catch((e: unknown) => {
          throw e instanceof ApiError ? new ApiError(e.code, `图片 ${name} 无法载入`, e.status) : e;
        });
      const blob = await res.blob();
      return await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(new ApiError('network', `图片 ${name} 无法载入`));
        reader.readAsDataURL(blob);
      });
    },
    state: async () => stateOf(await json(attempts[':attemptId'].state.$get(own()))),
    async transfer(transferId: string, signal: AbortSignal) {
      const limit = AbortSignal.any([signal, AbortSignal.timeout(WATCH_TIMEOUT_MS)]);
      const request = api['device-transfers'][':transferId'].$get(
        { param: { transferId: encodeURIComponent(transferId) } },
        { init: { signal: limit } },
      );
      return (await json(request)).status;
    },
    async watch(seen: string, signal: AbortSignal) {
      // Past the server's hold (25 s) with room to spare: a watch without an answer by then is a lost connection.
      const limit = AbortSignal.any([signal, AbortSignal.timeout(WATCH_TIMEOUT_MS)]);
      const query = { ...own(), query: { seen } };
      return (await json(attempts[':attemptId'].watch.$get(query, { init: { signal: limit } }))).version;
    },
    save: ({ item, response, seq }: AnswerSave) =>
      json(
        attempts[':attemptId'].answers.$post({
          ...own(),
          // The route's body type has a mutable array where the domain's response is read-only.
          json: { item, seq, response: typeof response === 'object' && response !== null ? [...response] : response },
        }),
      ),
    async report(events: readonly ClientEvent[]) {
      await json(
        attempts[':attemptId'].events.$post({
          ...own(),
          json: {
            events: events.map((e) => ({
              kind: e.kind,
              at: new Date(e.clientAt).toISOString(),
              ...(e.detail ? { detail: e.detail } : {}),
            })),
          },
        }),
      );
    },
    submit: () => json(attempts[':attemptId'].submit.$post(own())),
    signOut: () => tokens.set(undefined),
  };
}
