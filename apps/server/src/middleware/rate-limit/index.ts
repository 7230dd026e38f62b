import { KaowuError } from '@kaowu/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions<C extends Context> {
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
 * Counts requests per key in memory (rate-limiter-flexible) and refuses with 429 and Retry-After once the
 * key's budget for the window is spent. In-memory is right for one server per test room.
 */
export function rateLimit<C extends Context = Context>(options: RateLimitOptions<C>): MiddlewareHandler {
  const limiter = new RateLimiterMemory({ points: options.points, duration: options.seconds });
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
