import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { onError } from '../../errors.ts';
import { rateLimit } from './index.ts';

describe('rateLimit', () => {
  it('allows `points` requests per key, then answers 429 with Retry-After', async () => {
    const app = new Hono();
    app.onError(onError);
    app.get('/x/:k', rateLimit({ points: 2, seconds: 60, key: (c) => c.req.param('k'), what: '测试键' }), (c) =>
      c.text('ok'),
    );
    expect((await app.request('/x/a')).status).toBe(200);
    expect((await app.request('/x/a')).status).toBe(200);
    const third = await app.request('/x/a');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await app.request('/x/b')).status).toBe(200);
  });
});
