import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { requestHeader } from '../../node-bindings.ts';

/**
 * hono's bodyLimit, with a fast path: a request that declares a Content-Length within the limit is passed
 * through untouched (the Node adapter never reads more than the declared length). Only chunked bodies, and
 * declared lengths over the limit, go through hono's counting stream — which would cost a stream copy on
 * every answer save.
 */
export function bodyLimit(maxSize: number): MiddlewareHandler {
  const counting = honoBodyLimit({ maxSize });
  return async (c, next) => {
    const declared = requestHeader(c, 'content-length');
    if (
      declared !== undefined &&
      requestHeader(c, 'transfer-encoding') === undefined &&
      /^\d+$/.test(declared) &&
      Number(declared) <= maxSize
    )
      return next();
    return counting(c, next);
  };
}
