import { timingSafeEqual } from 'node:crypto';
import { KaowuError } from '@kaowu/domain';
import { authenticateStaff } from '@kaowu/services';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.ts';

export const STAFF_COOKIE = 'kaowu_staff';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Staff sign-in: a bearer token (scripts) or the httpOnly SameSite=Strict session cookie (the console). A
 * cookie is sent by the browser on its own, so state-changing requests made with it must also carry the
 * session's CSRF token in `X-CSRF-Token` (double submit, bound to the signed session). It only authenticates:
 * what the person may do is decided by each use case from the permission table (@kaowu/domain).
 */
export function staffAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rt = c.get('rt');
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const token = bearer ?? getCookie(c, STAFF_COOKIE);
    if (token === undefined) throw new KaowuError('unauthorized', '请先登录', 'sign-in required');
    const claims = await authenticateStaff(rt, token);
    if (bearer === undefined && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (sent === undefined || !same(sent, claims.csrf))
        throw new KaowuError('csrf', '缺少或错误的 CSRF 令牌，请刷新页面后重试', 'missing or wrong CSRF token');
    }
    c.set('staff', claims);
    await next();
  };
}
