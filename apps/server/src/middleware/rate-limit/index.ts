import { postgresPoolFor, type Db } from '@kaowu/db';
import { KaowuError } from '@kaowu/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Counts one request under `key`; rejects with a RateLimiterRes once the key's budget for the window is spent. */
export interface Limiter {
  consume(key: string): Promise<unknown>;
}

/** Where budgets are counted: one limiter per (limit, window), its keys kept apart from the others' by `name`. */
export interface RateLimitStore {
  limiter(name: string, points: number, seconds: number): Limiter;
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
 * on one PostgreSQL database spend ONE budget per key. The requests of one turn of the event loop are counted by
 * one multi-row upsert, outside any transaction (so never behind the write lock): a room logging in at once costs
 * a statement, not two per candidate, all contending for the room's one address. Rows and arithmetic are those of
 * rate-limiter-flexible's RateLimiterPostgres (key `name:key`, points, expire in ms), so servers of either kind
 * share budgets. If the database fails the query (down, unreachable), each server counts in its own memory
 * instead until it answers again: N servers then grant up to N budgets — and the logins and queries being limited
 * need the database anyway.
 */
export const postgresStore = (pool: PgPoolLike): RateLimitStore => ({
  limiter: (name, points, duration) => batchedPostgresLimiter(pool, name, points, duration),
});

/** Keys per statement: 3 parameters each, far below PostgreSQL's 65,535. */
const KEYS_PER_UPSERT = 1000;

function batchedPostgresLimiter(pool: PgPoolLike, name: string, points: number, seconds: number): Limiter {
  const insurance = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
  let pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }[]>();
  const count = async (batch: typeof pending, keys: string[]): Promise<void> => {
    const now = Date.now();
    const expire = now + seconds * 1000;
    const values: unknown[] = [now];
    const rows = keys.map((key) => {
      values.push(`${name}:${key}`, batch.get(key)!.length, expire);
      const at = values.length;
      return `($${at - 2}, $${at - 1}::integer, $${at}::bigint)`;
    });
    let result: { rows: unknown[] };
    try {
      result = await pool.query({
        text:
          `INSERT INTO "rate_limits" VALUES ${rows.join(', ')} ON CONFLICT(key) DO UPDATE SET ` +
          `points = CASE WHEN "rate_limits".expire <= $1 THEN excluded.points ` +
          `ELSE "rate_limits".points + excluded.points END, ` +
          `expire = CASE WHEN "rate_limits".expire <= $1 THEN excluded.expire ELSE "rate_limits".expire END ` +
          `RETURNING key, points, expire`,
        values,
      });
    } catch {
      // The database is unreachable: this server's memory counts meanwhile.
      for (const key of keys) for (const w of batch.get(key)!) insurance.consume(key).then(w.resolve, w.reject);
      return;
    }
    const stored = new Map(
      (result.rows as { key: string; points: number; expire: number | null }[]).map((r) => [r.key, r]),
    );
    for (const key of keys) {
      const waiters = batch.get(key)!;
      const row = stored.get(`${name}:${key}`)!;
      const msBeforeNext = row.expire === null ? -1 : Math.max(Number(row.expire) - Date.now(), 0);
      // The key's requests of this turn, in arrival order, took the last `waiters.length` of its points.
      waiters.forEach((w, i) => {
        const consumed = Number(row.points) - waiters.length + i + 1;
        const res = new RateLimiterRes(Math.max(points - consumed, 0), msBeforeNext, consumed, consumed === 1);
        if (consumed > points) w.reject(res);
        else w.resolve(res);
      });
    }
  };
  const flush = (): void => {
    const batch = pending;
    pending = new Map();
    const keys = [...batch.keys()];
    for (let k = 0; k < keys.length; k += KEYS_PER_UPSERT) void count(batch, keys.slice(k, k + KEYS_PER_UPSERT));
  };
  return {
    consume: (key) =>
      new Promise((resolve, reject) => {
        if (pending.size === 0) setImmediate(flush);
        const waiters = pending.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(key, [{ resolve, reject }]);
      }),
  };
}

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
