import { KaowuError } from '@kaowu/domain';
import { type ExamRuntime, queryCertificate, queryCertificateToken } from '@kaowu/services';
import { Hono } from 'hono';
import { statusOf } from '../errors.ts';
import { rateLimit, type RateLimitStore } from '../middleware/rate-limit/index.ts';
import { securityHeaders } from '../middleware/security-headers/index.ts';
import { clientAddress } from './address.ts';
import type { Limits } from './limits.ts';
import { answerPage, formPage, refusedPage, VERIFY_CSS } from './verify-page.ts';

/**
 * `/verify/`: the public certificate query, outside the console and the API. GET shows the form, or the answer
 * for a QR code's `?t=<token>`; POST answers a number + name. Every query counts against the address's budget.
 */
export function verifyRoutes(rt: ExamRuntime, limits: Limits, store: RateLimitStore) {
  const limited = rateLimit({
    ...limits.verifyPerAddress,
    store,
    name: 'verify-address',
    what: '地址',
    doing: '查询证书',
    key: clientAddress(limits.trustedProxies),
  });
  const app = new Hono();
  app.use('/verify/*', securityHeaders('app'));
  app.onError((error, c) => {
    if (error instanceof KaowuError) return c.html(refusedPage(error.zh), statusOf(error.code));
    console.error(error);
    return c.html(refusedPage('查询服务暂时不可用，请稍后再试'), 500);
  });
  app.get('/verify', (c) => c.redirect('/verify/'));
  app.get('/verify/verify.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    return c.body(VERIFY_CSS);
  });
  app.get('/verify/', async (c, next) => (c.req.query('t') === undefined ? c.html(formPage()) : next()));
  app.get('/verify/', limited, async (c) =>
    c.html(answerPage(await queryCertificateToken(rt.ctx, (c.req.query('t') ?? '').slice(0, 2000)))),
  );
  app.post('/verify/', limited, async (c) => {
    // The form posts urlencoded fields: URLSearchParams reads them without the FormData machinery behind
    // parseBody (undici), which was the page's largest cost under load. Anything else still goes through it.
    const form: Record<string, unknown> = (c.req.header('content-type') ?? '').startsWith(
      'application/x-www-form-urlencoded',
    )
      ? Object.fromEntries(new URLSearchParams(await c.req.text()))
      : await c.req.parseBody();
    const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 64) : '');
    return c.html(answerPage(await queryCertificate(rt.ctx, { number: text(form.number), name: text(form.name) })));
  });
  return app;
}
