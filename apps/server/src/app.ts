import type { ExamRuntime } from '@kaowu/services';
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { notFound, onError } from './errors.ts';
import { bodyLimit } from './middleware/body-limit/index.ts';
import { rateLimitStore } from './middleware/rate-limit/index.ts';
import { securityHeaders } from './middleware/security-headers/index.ts';
import { attemptRoutes, deviceTransferRoutes } from './routes/attempts.ts';
import { batchRoutes } from './routes/batches.ts';
import { DEFAULT_LIMITS, type Limits } from './routes/limits.ts';
import { realnameRoutes } from './routes/realname.ts';
import { roomRoutes } from './routes/rooms.ts';
import { consoleRoutes } from './routes/console/index.ts';
import { staffRoutes } from './routes/staff.ts';
import { verifyRoutes } from './routes/verify.ts';
import { FRONT_ENDS, frontEnd } from './static.ts';

export interface AppOptions {
  readonly limits?: Limits;
  /** Where the built front ends are (tests point elsewhere). */
  readonly frontEnds?: { readonly exam: string; readonly console: string };
}

/**
 * The JSON API under /api, chained so that its type (`AppType`, app-type.ts) carries every route's request and
 * response shapes to the front ends' `hc<AppType>('/api')`.
 */
export function apiRoutes(rt: ExamRuntime, limits: Limits = DEFAULT_LIMITS) {
  const smallBody = bodyLimit(64 * 1024);
  // Login budgets: in the database on PostgreSQL (shared by every server), in memory on SQLite.
  const store = rateLimitStore(rt.ctx.db);
  return (
    new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('rt', rt);
        await next();
      })
      .use(securityHeaders('api'))
      // JSON bodies are small (an answer, an event list).
      // Workbook uploads (roster, item import) set their own larger limits.
      .use(async (c, next) =>
        c.req.path.endsWith('/roster') || c.req.path.endsWith('/import') || /\/(photos?|frame)$/.test(c.req.path)
          ? next()
          : smallBody(c, next),
      )
      .get('/health', (c) => c.json({ ok: true, serverTime: rt.ctx.now().toISOString() }))
      .route('/staff', staffRoutes(limits, store))
      .route('/batches', batchRoutes())
      .route('/attempts', attemptRoutes(limits, store))
      .route('/device-transfers', deviceTransferRoutes())
      .route('/', roomRoutes())
      .route('/', consoleRoutes())
      .route('/', realnameRoutes())
  );
}

/** Routes only translate HTTP: every rule is in @kaowu/services, every status comes from errors.ts. */
export function createApp(rt: ExamRuntime, options: AppOptions = {}) {
  const api = apiRoutes(rt, options.limits ?? DEFAULT_LIMITS);
  api.notFound(notFound);
  const app = new Hono();
  app.onError(onError);
  app.route('/api', api);
  for (const [prefix, fe] of [
    ['/exam', FRONT_ENDS.exam],
    ['/console', FRONT_ENDS.console],
  ] as const) {
    const dist = prefix === '/exam' ? (options.frontEnds?.exam ?? fe.dist) : (options.frontEnds?.console ?? fe.dist);
    app.use(`${prefix}/*`, securityHeaders('app'));
    app.use(prefix, securityHeaders('app'));
    app.route(prefix, frontEnd(prefix, dist, fe.title));
  }
  // The public certificate query (证书查询): anyone, no sign-in, rate-limited per address.
  app.route('/', verifyRoutes(rt, options.limits ?? DEFAULT_LIMITS, rateLimitStore(rt.ctx.db)));
  app.get('/', (c) => c.redirect('/exam/'));
  app.notFound(notFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
