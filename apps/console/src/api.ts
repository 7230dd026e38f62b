/**
 * The staff API as the console uses it: `client` is hono's typed client over the server's routes (AppType), so
 * every path, parameter, body and answer is checked against the server by `tsc`. Cookie session, CSRF header on
 * every change; a failed request throws an ApiError with the server's code and Chinese message.
 */
import {
  type ClientErrorCode,
  type ErrorCode as DomainErrorCode,
  errorMessage,
  isErrorCode,
  type SheetProblem,
} from '@kaowu/domain/browser';
import type { AppType } from '@kaowu/server/app-type';
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';

/**
 * A failure's code: the server's (`ErrorCode`, closed, each with its Chinese and English message) or one the
 * console finds itself (`ClientErrorCode`: `network` when no answer came, `server` for an answer without a Kaowu
 * error body). All from @kaowu/domain; the console names no code of its own.
 */
export type ErrorCode = DomainErrorCode | ClientErrorCode;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

async function errorOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => ({}));
  const e = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const field = (name: string): unknown =>
    typeof e === 'object' && e !== null && name in e ? (e as Record<string, unknown>)[name] : undefined;
  const code = field('code');
  const message = field('message');
  const details = field('details');
  // A code this build does not know (a newer server) or no Kaowu body at all (a proxy's error page): `server`.
  const known: ErrorCode = isErrorCode(code) ? code : 'server';
  return new ApiError(
    known,
    typeof message === 'string' ? message : errorMessage(known).zh,
    res.status,
    Array.isArray(details) ? details : [],
  );
}

/** fetch with the session: same-origin cookie, the CSRF token on every change, and every failure thrown. */
async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== 'GET') headers.set('x-csrf-token', csrf);
  let res: Response;
  try {
    // Read at call time, so that a test's stubbed fetch is the one used.
    res = await globalThis.fetch(input, { ...init, method, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError('network', errorMessage('network').zh, 0);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export const client = hc<AppType>('/api', { fetch: send });

/** The JSON body of the successful answers of a typed request (failures never get here: `send` throws). */
export type Success<R> =
  R extends ClientResponse<infer Body, infer Status, 'json'>
    ? Status extends SuccessStatusCode
      ? Body
      : never
    : never;
/** What a route of `client` answers with, e.g. `Answer<typeof client.banks.$get>`. */
export type Answer<F extends (...args: never[]) => Promise<unknown>> = Success<Awaited<ReturnType<F>>>;

/** The parsed answer of a typed request: `await ok(client.banks.$get())`. */
export async function ok<R extends ClientResponse<unknown, number, 'json'>>(request: Promise<R>): Promise<Success<R>> {
  // The only cast in the console's API: `send` has thrown on every status but the route's successful ones.
  return (await (await request).json()) as Success<R>;
}

const WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Options for a typed request whose body is a file (a workbook unless another type is given): hono's client
 * has no raw body, so it goes in `init`.
 */
export const fileBody = (file: Blob, type = WORKBOOK) => ({ init: { body: file }, headers: { 'content-type': type } });

/** Fetches a file and hands it to the browser as a download under its server-given name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send(`/api${path}`);
  const cd = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The path parameters of a bank, as the routes under /banks/:occupation/:level take them. */
export const bankParam = (bank: { occupationCode: string; level: number }) => ({
  occupation: bank.occupationCode,
  level: String(bank.level),
});
export const bankPath = (bank: { occupationCode: string; level: number }): string =>
  `/banks/${bank.occupationCode}/${bank.level}`;

/** Problems of a refused workbook or request, as table rows (the details the server sends are SheetProblems). */
export const problemsOf = (e: unknown): SheetProblem[] =>
  e instanceof ApiError
    ? e.details.filter((d): d is SheetProblem => typeof d === 'object' && d !== null && 'message' in d)
    : [];

/** A failure's Chinese message (`<Notice error={e}>` shows the server's code beside it). */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
