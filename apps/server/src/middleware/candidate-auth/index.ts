import { KaowuError } from '@kaowu/domain';
import { admitCandidate, admitCandidateNow } from '@kaowu/services';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requestHeader } from '../../node-bindings.ts';
import { sebRequest } from '../../seb.ts';

/**
 * Candidates send their token as `Authorization: Bearer` (never a cookie, so there is nothing for CSRF to
 * ride on). Tampered, expired and revoked tokens (after a device transfer or a newer login) get 401; the
 * attempt in the path is then checked against the token by the handler's use case. A batch with a Safe Exam
 * Browser Config Key also needs the SEB hash of this very URL (403 seb_required). Sets `c.var.candidate`.
 */
export function candidateAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
    if (bearer === undefined) throw new KaowuError('unauthorized', '请先登录', 'sign-in required');
    // Without an await when everything is cached (the answer-save path): the same checks, one promise less.
    const rt = c.get('rt');
    const seb = sebRequest(c);
    c.set('candidate', admitCandidateNow(rt, bearer, seb) ?? (await admitCandidate(rt, bearer, seb)));
    await next();
  };
}
