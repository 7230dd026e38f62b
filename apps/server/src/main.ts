import { serverOptionsFromEnv } from './config.ts';
import { startServer } from './server.ts';

/**
 * `tsx src/main.ts`: the server as its own process (what the crash tests kill).
 * It reads the environment as `kaowu serve` does.
 */
const server = await startServer(serverOptionsFromEnv(undefined));
process.stdout.write(`kaowu server listening on ${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
