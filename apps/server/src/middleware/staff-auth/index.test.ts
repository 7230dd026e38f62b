import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { createContext, createExamRuntime, staffLogin } from '@kaowu/services';
import { seedExam, TEST_PASSWORD } from '@kaowu/services/testing';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../env.ts';
import { onError } from '../../errors.ts';
import { staffAuth, STAFF_COOKIE } from './index.ts';

describe('staffAuth', () => {
  // It authenticates only: the use cases decide what each role may do.
  it('accepts bearer tokens and cookies, demands the CSRF token with cookies on state changes', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    const rt = await createExamRuntime(createContext(db));
    await seedExam(rt.ctx, { rooms: [1] });
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.use(async (c, next) => {
      c.set('rt', rt);
      await next();
    });
    app.get('/x', staffAuth(), (c) => c.text(c.get('staff').username));
    app.post('/x', staffAuth(), (c) => c.text('changed'));
    const s = await staffLogin(rt, 'proctor_a', TEST_PASSWORD);
    const cookie = `${STAFF_COOKIE}=${s.token}`;
    expect(await (await app.request('/x', { headers: { authorization: `Bearer ${s.token}` } })).text()).toBe(
      'proctor_a',
    );
    expect((await app.request('/x', { headers: { cookie } })).status).toBe(200);
    expect((await app.request('/x', { method: 'POST', headers: { cookie } })).status).toBe(403);
    expect((await app.request('/x', { method: 'POST', headers: { cookie, 'x-csrf-token': s.csrf } })).status).toBe(200);
    expect((await app.request('/x', { method: 'POST', headers: { authorization: `Bearer ${s.token}` } })).status).toBe(
      200,
    );
    expect((await app.request('/x')).status).toBe(401);
    await db.destroy();
  });
});
