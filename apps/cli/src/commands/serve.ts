import { Command } from 'commander';
import { resolveDbPath } from '@kaowu/db';
import { startServer, type RunningServer } from '@kaowu/server';
import { out, withDb } from '../runtime.ts';

/** HOST and PORT from the environment: 127.0.0.1:8000 by default; a test room binds its LAN address. */
export async function runServer(dbFlag: string | undefined): Promise<RunningServer> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8000);
  const server = await startServer({ dbPath: resolveDbPath(dbFlag), host, port });
  out(`Kaowu 考务服务已启动：${server.url}`);
  out(`  考生答题  ${server.url}/exam/`);
  out(`  考务控制台 ${server.url}/console/`);
  out(`  接口      ${server.url}/api/`);
  // Stop cleanly on Ctrl-C: acknowledged answers are already durable; this only finishes queued writes.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  return server;
}

export function serveCommand(): Command {
  return withDb(new Command('serve').description('启动考试服务器（监听 $HOST:$PORT，默认 127.0.0.1:8000）')).action(async (o: { db?: string }) => {
    await runServer(o.db);
  });
}
