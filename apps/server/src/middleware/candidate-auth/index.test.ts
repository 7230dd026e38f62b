import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { candidateLogin, createContext, createExamRuntime } from '@kaowu/services';
import { seedExam } from '@kaowu/services/testing';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../env.ts';
import { onError } from '../../errors.ts';
import { candidateAuth } from './index.ts';

describe('candidateAuth', () => {
  it('lets a current candidate token through and refuses missing, foreign and revoked ones with 401', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    const rt = await createExamRuntime(createContext(db));
    const exam = await seedExam(rt.ctx, { rooms: [1] });
    const who = exam.candidates[0]!;
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.use(async (c, next) => {
      c.set('rt', rt);
      await next();
    });
    app.get('/me', candidateAuth(), (c) => c.json({ attempt: c.get('candidate').attempt.id }));
    const first = await candidateLogin(rt, { ticket: who.ticket, idNumber: who.idNumber, deviceId: 'device-one-1' });
    const ok = await app.request('/me', { headers: { authorization: `Bearer ${first.token}` } });
    expect(await ok.json()).toEqual({ attempt: first.attemptId });
    expect((await app.request('/me')).status).toBe(401);
    expect((await app.request('/me', { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(401);
    await candidateLogin(rt, { ticket: who.ticket, idNumber: who.idNumber, deviceId: 'device-one-1' }); // a newer login
    const revoked = await app.request('/me', { headers: { authorization: `Bearer ${first.token}` } });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('token_revoked');
    await db.destroy();
  });
});
