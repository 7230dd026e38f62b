import { staffLogin, staffLogout } from '@kaowu/services';
import { whoAmI } from '@kaowu/services';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { jsonField, rateLimit, type RateLimitStore } from '../middleware/rate-limit/index.ts';
import { STAFF_COOKIE, staffAuth } from '../middleware/staff-auth/index.ts';
import { validate } from '../validate.ts';
import { clientAddress } from './address.ts';
import type { Limits } from './limits.ts';

const loginBody = z.strictObject({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(64),
  password: z.string().min(1, { message: '请输入密码' }).max(256),
});

export function staffRoutes(limits: Limits, store: RateLimitStore) {
  return new Hono<AppEnv>()
    .post(
      '/login',
      validate('json', loginBody),
      rateLimit({ ...limits.staffPerUser, store, name: 'login-user', what: '用户名', key: jsonField('username') }),
      rateLimit({
        ...limits.staffPerAddress,
        store,
        name: 'login-staff-address',
        what: '地址',
        key: clientAddress(limits.trustedProxies),
      }),
      async (c) => {
        const { username, password } = c.req.valid('json');
        const session = await staffLogin(c.get('rt'), username, password);
        setCookie(c, STAFF_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          secure: new URL(c.req.url).protocol === 'https:',
          expires: new Date(session.expiresAt),
        });
        // The bearer token is for scripts; the console uses the cookie and sends csrfToken back in X-CSRF-Token.
        return c.json({
          token: session.token,
          csrfToken: session.csrf,
          expiresAt: new Date(session.expiresAt).toISOString(),
          user: session.user,
        });
      },
    )
    .post('/logout', staffAuth(), async (c) => {
      await staffLogout(c.get('rt'), c.get('staff'));
      deleteCookie(c, STAFF_COOKIE, { path: '/' });
      return c.json({ ok: true });
    })
    .get('/me', staffAuth(), async (c) => {
      const actor = await whoAmI(c.get('rt').ctx, c.get('staff').username);
      return c.json({
        username: actor.username,
        displayName: actor.displayName,
        roles: actor.roles,
        registrations: actor.registrations,
        duties: actor.duties,
        csrfToken: c.get('staff').csrf,
      });
    });
}
