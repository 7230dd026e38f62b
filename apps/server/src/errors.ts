import { KaowuError } from '@kaowu/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

/** The one place error codes become HTTP statuses. */
const STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  invalid: 400,
  unauthorized: 401,
  token_expired: 401,
  token_revoked: 401,
  forbidden: 403,
  csrf: 403,
  room_not_open: 403,
  outside_window: 403,
  candidate_absent: 403,
  seb_required: 403,
  not_found: 404,
  conflict: 409,
  device_conflict: 409,
  deadline_passed: 409,
  attempt_submitted: 409,
  attempt_paused: 409,
  attempt_not_started: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
};

export const statusOf = (code: string): ContentfulStatusCode => STATUS[code] ?? 500;

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly en: string;
    readonly details?: readonly unknown[];
  };
}

export const zodIssues = (error: ZodError): { path: string; message: string }[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export function invalidBody(issues: readonly { path: string; message: string }[]): ErrorBody {
  const text = issues.map((i) => (i.path ? `${i.path}：${i.message}` : i.message)).join('；');
  return { error: { code: 'invalid', message: `请求内容有误：${text}`, en: 'invalid request body', details: issues } };
}

/**
 * Every failure leaves as `{ error: { code, message, en, details? } }`. Unexpected errors are logged here and
 * reach the client as a bare 500: never a stack trace, never internals.
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof KaowuError) {
    const status = statusOf(error.code);
    if (status >= 500) console.error(error);
    const details = error.details.length > 0 ? { details: error.details } : {};
    return c.json(
      { error: { code: error.code, message: error.zh, en: error.en, ...details } } satisfies ErrorBody,
      status,
    );
  }
  if (error instanceof ZodError) return c.json(invalidBody(zodIssues(error)), 400);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400)
      return c.json(
        { error: { code: 'invalid', message: '请求内容不是有效的 JSON', en: error.message } } satisfies ErrorBody,
        400,
      );
    if (status === 413)
      return c.json(
        { error: { code: 'payload_too_large', message: '请求内容过大', en: 'payload too large' } } satisfies ErrorBody,
        413,
      );
    return c.json({ error: { code: 'http', message: '请求无法处理', en: error.message } } satisfies ErrorBody, status);
  }
  console.error(error);
  return c.json(
    {
      error: { code: 'internal', message: '服务器内部错误，请稍后重试或联系考务人员', en: 'internal server error' },
    } satisfies ErrorBody,
    500,
  );
}

export function notFound(c: Context): Response {
  return c.json(
    { error: { code: 'not_found', message: '没有这个接口', en: 'no such route' } } satisfies ErrorBody,
    404,
  );
}
