import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from './index.ts';

describe('bodyLimit', () => {
  it('passes bodies within the limit and refuses larger ones, declared or chunked', async () => {
    const app = new Hono();
    app.post('/x', bodyLimit(10), async (c) => c.text(await c.req.text()));
    expect(
      (await app.request('/x', { method: 'POST', body: '12345', headers: { 'content-length': '5' } })).status,
    ).toBe(200);
    expect(
      (await app.request('/x', { method: 'POST', body: '12345678901', headers: { 'content-length': '11' } })).status,
    ).toBe(413);
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('x'.repeat(20)));
        c.close();
      },
    });
    expect((await app.request('/x', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit)).status).toBe(
      413,
    );
  });
});
