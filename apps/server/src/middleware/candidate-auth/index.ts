import { authenticateCandidate, examFail } from '@kaowu/services';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requestHeader } from '../../node-bindings.ts';

/**
 * Candidates send their token as `Authorization: Bearer` (never a cookie, so there is nothing for CSRF to
 * ride on). Tampered, expired and revoked tokens (after a device transfer or a newer login) get 401; the
 * attempt in the path is then checked against the token by the handler's use case. Sets `c.var.candidate`.
 */
export function candidateAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
    if (bearer === undefined) throw examFail('unauthorized', '请先登录', 'sign-in required');
    c.set('candidate', await authenticateCandidate(c.get('rt'), bearer));
    await next();
  };
}
