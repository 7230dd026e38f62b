import { resolveDbPath } from '@kaowu/db';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import type { ServerOptions } from './server.ts';

function integer(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`环境变量 ${name}=${raw} 无效：应为不小于 ${min} 的整数`);
  return value;
}

/**
 * The server's options from the environment, the one reader behind both `tsx src/main.ts` and `kaowu serve`:
 * HOST and PORT (default 127.0.0.1:8000); the database from `dbFlag`, else KAOWU_DB, else ./data/kaowu.db;
 * KAOWU_LOGIN_LIMIT_PER_ADDRESS raises the per-address login budget per minute (a whole room behind one NAT
 * address, or a load test); KAOWU_CLOCK_OFFSET_MS shifts the server clock (rehearsals and tests).
 */
export function serverOptionsFromEnv(dbFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const offset = integer(env, 'KAOWU_CLOCK_OFFSET_MS', Number.MIN_SAFE_INTEGER) ?? 0;
  const perAddress = integer(env, 'KAOWU_LOGIN_LIMIT_PER_ADDRESS', 1);
  // KAOWU_VERIFY_LIMIT_PER_ADDRESS: public certificate queries per address per minute (a load test raises it).
  const verifyPerAddress = integer(env, 'KAOWU_VERIFY_LIMIT_PER_ADDRESS', 1);
  // KAOWU_TRUSTED_PROXIES: the load balancers' addresses, comma-separated, whose X-Forwarded-For is believed.
  const trustedProxies = (env.KAOWU_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const limits = {
    ...DEFAULT_LIMITS,
    trustedProxies,
    ...(perAddress !== undefined ? { candidatePerAddress: { points: perAddress, seconds: 60 } } : {}),
    ...(verifyPerAddress !== undefined ? { verifyPerAddress: { points: verifyPerAddress, seconds: 60 } } : {}),
  };
  return {
    dbPath: resolveDbPath(dbFlag, env),
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 0) ?? 8000,
    ...(offset !== 0 ? { now: () => new Date(Date.now() + offset) } : {}),
    ...(perAddress !== undefined || verifyPerAddress !== undefined || trustedProxies.length > 0 ? { limits } : {}),
  };
}
