import { ERROR_MESSAGES, type ErrorCode, KaowuError } from '@kaowu/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

/**
 * The one place error codes become HTTP statuses. Typed over the closed union: a code without a status fails
 * `tsc`. Every refusal is a 4xx; only an internal fault is a 500.
 */
export const STATUS = {
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
  item_in_review: 409,
  item_bad_status: 409,
  paper_altered: 409,
  paper_mismatch: 409,
  paper_not_reproducible: 409,
  payload_too_large: 413,
  assembly_infeasible: 422,
  holiday_data_missing: 422,
  locked: 423,
  rate_limited: 429,
  staff_frozen: 409,
  supervisors_missing: 409,
  candidate_list_open: 409,
  candidate_list_frozen: 409,
  plan_filing_overdue: 409,
  retention_not_expired: 409,
  archive_invalid: 422,
  roster_frozen: 409,
  roster_closed: 409,
  internal: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export const statusOf = (code: ErrorCode): ContentfulStatusCode => STATUS[code];

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly en: string;
    readonly details?: readonly unknown[];
  };
}

const body = (code: ErrorCode, message?: string, en?: string): ErrorBody => ({
  error: { code, message: message ?? ERROR_MESSAGES[code].zh, en: en ?? ERROR_MESSAGES[code].en },
});

/** Hono's own refusals (malformed JSON, body limit, …) by status, in the same vocabulary. */
const HTTP_CODES: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  423: 'locked',
  429: 'rate_limited',
};

export const zodIssues = (error: ZodError): { path: string; message: string }[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export function invalidBody(issues: readonly { path: string; message: string }[]): ErrorBody {
  const text = issues.map((i) => (i.path ? `${i.path}：${i.message}` : i.message)).join('；');
  return { error: { ...body('invalid', `请求内容有误：${text}`, 'invalid request body').error, details: issues } };
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
    const code = HTTP_CODES[error.status] ?? (error.status >= 500 ? 'internal' : 'invalid');
    if (code === 'internal') console.error(error);
    // A malformed JSON body is Hono's most common refusal; say so in Chinese.
    const message = error.status === 400 ? '请求内容不是有效的 JSON' : undefined;
    return c.json(body(code, message, error.message), STATUS[code]);
  }
  console.error(error);
  return c.json(body('internal'), STATUS.internal);
}

export function notFound(c: Context): Response {
  return c.json(body('not_found', '没有这个接口', 'no such route'), STATUS.not_found);
}
