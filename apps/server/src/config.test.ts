import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import { serverOptionsFromEnv } from './config.ts';

describe('server options from the environment', () => {
  it('defaults to 127.0.0.1:8000, the default limits and the system clock', () => {
    const o = serverOptionsFromEnv(undefined, {});
    expect([o.host, o.port]).toEqual(['127.0.0.1', 8000]);
    expect(o.dbPath).toMatch(/data\/kaowu\.db$/);
    expect(o.limits).toBeUndefined();
    expect(o.now).toBeUndefined();
  });

  it('reads HOST, PORT, KAOWU_DB (a --db flag wins), the login budget and the clock offset', () => {
    const env = {
      HOST: '192.168.1.10',
      PORT: '0',
      KAOWU_DB: '/srv/a.db',
      KAOWU_LOGIN_LIMIT_PER_ADDRESS: '500',
      KAOWU_CLOCK_OFFSET_MS: '7200000',
    };
    const o = serverOptionsFromEnv(undefined, env);
    expect([o.host, o.port, o.dbPath]).toEqual(['192.168.1.10', 0, '/srv/a.db']);
    expect(o.limits).toEqual({ ...DEFAULT_LIMITS, candidatePerAddress: { points: 500, seconds: 60 } });
    const shift = o.now!().getTime() - Date.now();
    expect(shift).toBeGreaterThan(7_199_000);
    expect(shift).toBeLessThan(7_201_000);
    expect(serverOptionsFromEnv('/x/b.db', env).dbPath).toBe('/x/b.db');
  });

  it('refuses values that are not whole numbers, naming the variable', () => {
    expect(() => serverOptionsFromEnv(undefined, { PORT: 'eighty' })).toThrow(/PORT=eighty/);
    expect(() => serverOptionsFromEnv(undefined, { KAOWU_LOGIN_LIMIT_PER_ADDRESS: '0' })).toThrow(
      /KAOWU_LOGIN_LIMIT_PER_ADDRESS/,
    );
  });
});
