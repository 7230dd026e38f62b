import { resolveDbPath } from '@kaowu/db';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import { startServer } from './server.ts';

/**
 * `tsx src/main.ts`: the server as its own process (what `kaowu serve` runs, and what the crash tests kill).
 * HOST, PORT, KAOWU_DB; KAOWU_LOGIN_LIMIT_PER_ADDRESS raises the per-address login budget (one NAT address
 * for a whole room, or a load test); KAOWU_CLOCK_OFFSET_MS shifts the server clock (rehearsals and tests).
 */
const offset = Number(process.env.KAOWU_CLOCK_OFFSET_MS ?? 0);
const perAddress = process.env.KAOWU_LOGIN_LIMIT_PER_ADDRESS;
const server = await startServer({
  dbPath: resolveDbPath(undefined),
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8000),
  ...(offset !== 0 ? { now: () => new Date(Date.now() + offset) } : {}),
  ...(perAddress ? { limits: { ...DEFAULT_LIMITS, candidatePerAddress: { points: Number(perAddress), seconds: 60 } } } : {}),
});
process.stdout.write(`kaowu server listening on ${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
