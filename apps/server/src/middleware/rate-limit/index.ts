import { postgresPoolFor, type Db } from '@kaowu/db';
import DataLoader from 'dataloader';
import { KaowuError } from '@kaowu/domain';
import type { Context, MiddlewareHandler } from 'hono';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';

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
 * on one PostgreSQL database spend ONE budget per key (rate-limiter-flexible's RateLimiterPostgres, one upsert
 * per counted key outside any transaction, so never behind the write lock). If the database fails the query
 * (down, unreachable), each server counts in its own memory instead (`insuranceLimiter`) until it answers again:
 * N servers then grant up to N budgets — and the logins and queries being limited need the database anyway.
 */
export const postgresStore = (pool: PgPoolLike): RateLimitStore => ({
  limiter: (name, points, duration) =>
    coalesced(
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
      points,
    ),
});

/** A request's place among the points of its turn: counted and granted, or refused with why. */
interface Counted {
  readonly granted: boolean;
  readonly res: RateLimiterRes;
}

/**
 * The requests of one turn of the event loop that count under the same key spend their points in ONE call
 * (`consume(key, n)`): a room behind one address logging in at once is one upsert of that row, not a queue of
 * upserts all waiting for its lock. The n requests take the last n of the points counted, in arrival order, so
 * each is granted or refused exactly as if they had come one by one. DataLoader gathers the turn (no cache: every
 * request counts, repeats included).
 */
function coalesced(limiter: RateLimiterAbstract, points: number): Limiter {
  const countTurn = async (keys: readonly string[]): Promise<(Counted | Error)[]> => {
    const places = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const at = places.get(key);
      if (at) at.push(i);
      else places.set(key, [i]);
    });
    const out: (Counted | Error)[] = new Array(keys.length);
    await Promise.all(
      [...places].map(async ([key, at]) => {
        let counted: RateLimiterRes;
        try {
          counted = await limiter.consume(key, at.length);
        } catch (e) {
          if (!(e instanceof RateLimiterRes)) {
            for (const i of at) out[i] = e instanceof Error ? e : new Error(String(e));
            return;
          }
          counted = e;
        }
        at.forEach((i, n) => {
          const consumed = counted.consumedPoints - at.length + n + 1;
          const res = new RateLimiterRes(
            Math.max(points - consumed, 0),
            counted.msBeforeNext,
            consumed,
            consumed === 1,
          );
          out[i] = { granted: consumed <= points, res };
        });
      }),
    );
    return out;
  };
  const turn = new DataLoader<string, Counted>(countTurn, {
    cache: false,
    batchScheduleFn: (flush) => setImmediate(flush),
  });
  return {
    consume: async (key) => {
      const counted = await turn.load(key);
      if (!counted.granted) throw counted.res;
      return counted.res;
    },
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
