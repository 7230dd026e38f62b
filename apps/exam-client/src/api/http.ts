import type { CandidatePaperView, ItemResponse } from '@kaowu/domain/browser';
import { maskIdNumber } from '@kaowu/domain/browser';
import {
  ApiError,
  type AnswerAck,
  type AnswerSave,
  type AttemptInfo,
  type AttemptState,
  type ClientEvent,
  type ExamApi,
  type LoginInput,
  type LoginResult,
  type SubmitResult,
} from './types.ts';

/** The candidate routes (apps/server/src/routes/attempts.ts), in one place. */
export const ROUTES = {
  login: '/api/attempts',
  attempt: (id: string) => `/api/attempts/${encodeURIComponent(id)}`,
  start: (id: string) => `/api/attempts/${encodeURIComponent(id)}/start`,
  paper: (id: string) => `/api/attempts/${encodeURIComponent(id)}/paper`,
  state: (id: string) => `/api/attempts/${encodeURIComponent(id)}/state`,
  answers: (id: string) => `/api/attempts/${encodeURIComponent(id)}/answers`,
  events: (id: string) => `/api/attempts/${encodeURIComponent(id)}/events`,
  submit: (id: string) => `/api/attempts/${encodeURIComponent(id)}/submit`,
  token: (id: string) => `/api/attempts/${encodeURIComponent(id)}/token`,
  asset: (id: string, name: string) => `/api/attempts/${encodeURIComponent(id)}/assets/${encodeURIComponent(name)}`,
} as const;

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

/** The server's error body: `{ error: { code, message } }` (apps/server/src/errors.ts). */
function errorOf(status: number, body: unknown): ApiError {
  const inner = ((body as { error?: unknown } | undefined)?.error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof inner.code === 'string' ? inner.code : status >= 500 ? 'server' : 'unknown';
  const message =
    typeof inner.message === 'string'
      ? inner.message
      : status >= 500
        ? '服务器暂时无法响应，答案已保存在本机'
        : `请求失败（${status}）`;
  return new ApiError(code === 'internal' ? 'server' : code, message, status);
}

/** What the server sends for the state and the start (services/exam/attempts.ts). */
interface StateBody {
  readonly status: 'not_started' | 'in_progress' | 'paused' | 'submitted';
  readonly serverTime: string;
  readonly deadline: string | null;
  readonly remainingSeconds: number;
  readonly roomPaused?: boolean;
  readonly answers: readonly { item: string; response: ItemResponse; seq: number }[];
  readonly score?: number | null;
}

function stateOf(body: StateBody): AttemptState {
  const notStarted = body.status === 'not_started';
  return {
    status: body.status === 'submitted' ? 'submitted' : notStarted ? 'not_started' : 'in_progress',
    // Before the start no clock runs to pause: what waits is the start button, while the room is paused.
    paused: body.status === 'paused' || (notStarted && body.roomPaused === true),
    serverTime: Date.parse(body.serverTime),
    deadline: body.deadline === null ? null : Date.parse(body.deadline),
    remainingMs: body.remainingSeconds * 1000,
    answers: body.answers,
    ...(body.score === undefined ? {} : { score: body.score }),
  };
}

interface AttemptBody {
  readonly name?: string;
  readonly idNumberMasked?: string;
  readonly ticket?: string;
  readonly occupation?: string;
  readonly level?: string;
  readonly room?: string;
  readonly seat?: number;
  readonly durationMinutes?: number;
  readonly paperTitle?: string;
  readonly itemCount?: number;
  readonly totalScore?: number;
  readonly rules?: readonly string[];
}

export function httpApi(
  tokens: TokenStore,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): ExamApi {
  async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const session = tokens.get();
    if (session !== undefined) headers.authorization = `Bearer ${session.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('network', '无法连接考试服务器', 0);
    }
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body);
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    // A proxy's error page or a half-started server: as good as offline, so the outbox keeps retrying.
    if (!res.ok)
      throw res.status >= 502 && parsed === undefined
        ? new ApiError('network', '无法连接考试服务器', res.status)
        : errorOf(res.status, parsed);
    return parsed as T;
  }

  const attemptId = () => {
    const id = tokens.get()?.attemptId;
    if (id === undefined) throw new ApiError('unauthorized', '请先登录', 401);
    return id;
  };

  return {
    async login(input: LoginInput) {
      const body = await call<{ token: string; expiresAt: string; attemptId: string }>('POST', ROUTES.login, input);
      const result: LoginResult = {
        token: body.token,
        expiresAt: Date.parse(body.expiresAt),
        attemptId: body.attemptId,
      };
      tokens.set({ ...result, ticket: input.ticket, idNumberMasked: maskIdNumber(input.idNumber) });
      return result;
    },
    async renew() {
      const current = tokens.get();
      const body = await call<{ token: string; expiresAt: string }>('POST', ROUTES.token(attemptId()));
      const result: LoginResult = { token: body.token, expiresAt: Date.parse(body.expiresAt), attemptId: attemptId() };
      if (current !== undefined) tokens.set({ ...current, ...result });
      return result;
    },
    async attempt(): Promise<AttemptInfo> {
      const session = tokens.get();
      const id = attemptId();
      // The confirmation details; until the server has that route, what the client knows from the login.
      const body = await call<AttemptBody>('GET', ROUTES.attempt(id)).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'not_found') return {} as AttemptBody;
        throw e;
      });
      return {
        attemptId: id,
        name: body.name ?? '',
        idNumberMasked: body.idNumberMasked ?? session?.idNumberMasked ?? '',
        ticket: body.ticket ?? session?.ticket ?? '',
        occupation: body.occupation ?? '',
        level: body.level ?? '',
        room: body.room ?? '',
        seat: body.seat ?? 0,
        durationMinutes: body.durationMinutes ?? 0,
        ...(body.paperTitle === undefined ? {} : { paperTitle: body.paperTitle }),
        ...(body.itemCount === undefined ? {} : { itemCount: body.itemCount }),
        ...(body.totalScore === undefined ? {} : { totalScore: body.totalScore }),
        ...(body.rules ? { rules: body.rules } : {}),
      };
    },
    start: async () => stateOf(await call<StateBody>('POST', ROUTES.start(attemptId()), {})),
    paper: () => call<CandidatePaperView>('GET', ROUTES.paper(attemptId())),
    async asset(name: string) {
      const res = await send('GET', ROUTES.asset(attemptId(), name), undefined, 'image/*');
      if (!res.ok) throw new ApiError(res.status === 404 ? 'not_found' : 'server', `图片 ${name} 无法载入`, res.status);
      const blob = await res.blob();
      return await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(new ApiError('network', `图片 ${name} 无法载入`, 0));
        reader.readAsDataURL(blob);
      });
    },
    state: async () => stateOf(await call<StateBody>('GET', ROUTES.state(attemptId()))),
    save: (save: AnswerSave) => call<AnswerAck>('POST', ROUTES.answers(attemptId()), save),
    async report(events: readonly ClientEvent[]) {
      await call<unknown>('POST', ROUTES.events(attemptId()), {
        events: events.map((e) => ({
          kind: e.kind,
          at: new Date(e.clientAt).toISOString(),
          ...(e.detail ? { detail: e.detail } : {}),
        })),
      });
    },
    async submit(): Promise<SubmitResult> {
      const body = await call<{ submittedAt: string; score?: number | null }>('POST', ROUTES.submit(attemptId()), {});
      return { submittedAt: body.submittedAt, ...(body.score === undefined ? {} : { score: body.score }) };
    },
    signOut: () => tokens.set(undefined),
  };
}
