import { ERROR_CODES, ERROR_MESSAGES, KaowuError } from '@kaowu/domain';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { notFound, onError } from './errors.ts';

/**
 * A tiny app with the server's real error handler.
 * Each code is thrown from a route and answered as a client sees it.
 */
const app = new Hono()
  .get('/throw/:code', (c) => {
    throw new KaowuError(c.req.param('code') as (typeof ERROR_CODES)[number]);
  })
  .get('/specific', () => {
    throw new KaowuError('item_in_review', '试题 BA002-01：试题正在审核中，请先撤回再修改', 'item BA002-01 in review', [
      { code: 'BA002-01' },
    ]);
  })
  .get('/http/:status', (c) => {
    throw new HTTPException(Number(c.req.param('status')) as 400, { message: 'from hono' });
  })
  .get('/crash', () => {
    throw new TypeError('x is undefined');
  })
  .onError(onError)
  .notFound(notFound);

describe('every error code through the real error handler', () => {
  it.each(ERROR_CODES)('%s answers its status with code and Chinese message', async (code) => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request(`/throw/${code}`);
    quiet.mockRestore();
    if (code === 'internal') expect(res.status).toBe(500);
    else expect(res.status >= 400 && res.status < 500, `${code} answers ${res.status}`).toBe(true);
    expect(await res.json()).toEqual({
      error: { code, message: ERROR_MESSAGES[code].zh, en: ERROR_MESSAGES[code].en },
    });
  });

  it('keeps a specific message and the details', async () => {
    const res = await app.request('/specific');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: 'item_in_review',
        message: '试题 BA002-01：试题正在审核中，请先撤回再修改',
        en: 'item BA002-01 in review',
        details: [{ code: 'BA002-01' }],
      },
    });
  });

  it("answers Hono's own refusals and unknown routes in the same vocabulary, and hides a crash", async () => {
    const json = async (path: string) => {
      const res = await app.request(path);
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    };
    expect(await json('/http/400')).toEqual([400, 'invalid']);
    expect(await json('/http/413')).toEqual([413, 'payload_too_large']);
    expect(await json('/http/405')).toEqual([400, 'invalid']);
    expect(await json('/no/such/route')).toEqual([404, 'not_found']);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const crash = await app.request('/crash');
    expect(quiet).toHaveBeenCalledOnce();
    quiet.mockRestore();
    expect([crash.status, await crash.json()]).toEqual([
      500,
      { error: { code: 'internal', message: ERROR_MESSAGES.internal.zh, en: 'internal server error' } },
    ]);
  });
});
