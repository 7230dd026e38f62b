import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { onError } from '../../errors.ts';
import { memoryStore, postgresStore, rateLimit, type RateLimitStore } from './index.ts';

const appWith = (store: RateLimitStore, points = 2) => {
  const app = new Hono();
  app.onError(onError);
  app.get(
    '/x/:k',
    rateLimit({ store, name: 'test', points, seconds: 60, key: (c) => c.req.param('k'), what: '测试键' }),
    (c) => c.text('ok'),
  );
  return app;
};

describe('rateLimit', () => {
  it('allows `points` requests per key, then answers 429 with Retry-After', async () => {
    const app = appWith(memoryStore);
    expect((await app.request('/x/a')).status).toBe(200);
    expect((await app.request('/x/a')).status).toBe(200);
    const third = await app.request('/x/a');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await app.request('/x/b')).status).toBe(200);
  });

  it('keeps two limits of one store apart by name', async () => {
    const a = appWith(memoryStore, 1);
    const b = appWith({ limiter: (_name, points, seconds) => memoryStore.limiter('other', points, seconds) }, 1);
    expect((await a.request('/x/k')).status).toBe(200);
    expect((await b.request('/x/k')).status).toBe(200);
    expect((await a.request('/x/k')).status).toBe(429);
  });

  it('on PostgreSQL, counts in memory while the database refuses connections, and still limits', async () => {
    // What pg's pool does when nothing listens on the database's port.
    const queries: string[] = [];
    const down = {
      query: async (q: { text: string }) => {
        queries.push(q.text);
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
    };
    const app = appWith(postgresStore(down));
    expect((await app.request('/x/a')).status).toBe(200);
    expect((await app.request('/x/a')).status).toBe(200);
    const third = await app.request('/x/a');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(queries.length).toBe(3);
    expect(queries[0]).toMatch(/INSERT INTO "rate_limits"/);
  });
});
