import { postgresPoolFor, type Db } from '@kaowu/db';
import { KaowuError } from '@kaowu/domain';
import type { Context, MiddlewareHandler } from 'hono';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/** Where budgets are counted: one limiter per (limit, window), its keys kept apart from the others' by `name`. */
export interface RateLimitStore {
  limiter(name: string, points: number, seconds: number): RateLimiterAbstract;
}

/** In this process's memory: right for SQLite, where one exam server serves the database. */
export const memoryStore: RateLimitStore = {
  limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
};

/** What RateLimiterPostgres needs of a `pg` pool. */
export interface PgPoolLike {
  query(q: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * In the database's `rate_limits` table (migration 0024), through the pool every server already has: all servers
 * on one PostgreSQL database spend ONE budget per key. One upsert per counted request, outside any transaction
 * (so never behind the write lock). If the database fails the query (down, unreachable), each server counts in
 * its own memory instead (`insuranceLimiter`) until it answers again: N servers then grant up to N budgets, the
 * behaviour before this store — and the logins and queries being limited need the database anyway.
 */
export const postgresStore = (pool: PgPoolLike): RateLimitStore => ({
  limiter: (name, points, duration) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    }),
});

/** The store for a database: shared through PostgreSQL when it is one (a `pg` pool), in memory otherwise. */
export function rateLimitStore(db: Db): RateLimitStore {
  const pool = postgresPoolFor(db);
  return pool ? postgresStore(pool as unknown as PgPoolLike) : memoryStore;
}

export interface RateLimitOptions<C extends Context> {
  /** Where the budget is counted (rateLimitStore(db)). */
  readonly store: RateLimitStore;
  /** Names this budget apart from every other one in the store: login-ticket, verify-address… */
  readonly name: string;
  /** Requests allowed per key within `seconds`. */
  readonly points: number;
  readonly seconds: number;
  /** The key to count under (an address, a ticket…); undefined: not counted. */
  readonly key: (c: C) => string | undefined;
  /** What is limited, for the message: 准考证号, 地址… */
  readonly what: string;
  /** What is being tried, for the message (default 尝试登录). */
  readonly doing?: string;
}

/**
 * Counts requests per key (rate-limiter-flexible, in the given store) and refuses with 429 and Retry-After once
 * the key's budget for the window is spent.
 */
export function rateLimit<C extends Context = Context>(options: RateLimitOptions<C>): MiddlewareHandler {
  const limiter = options.store.limiter(options.name, options.points, options.seconds);
  return async (c, next) => {
    const key = options.key(c as C);
    if (key !== undefined) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const wait = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        c.header('Retry-After', String(wait));
        throw new KaowuError(
          'rate_limited',
          `该${options.what}${options.doing ?? '尝试登录'}过于频繁，请 ${wait} 秒后再试`,
          `too many attempts for this ${options.what}`,
        );
      }
    }
    await next();
  };
}

/** A key read from a field of the validated JSON body (the account a login names); put the limit after `validate`. */
export const jsonField =
  (name: string) =>
  (c: Context): string | undefined =>
    (c.req.valid('json' as never) as Record<string, string | undefined>)[name];
