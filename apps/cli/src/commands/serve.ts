import { Command } from 'commander';
import { serverOptionsFromEnv, startServer, type RunningServer } from '@kaowu/server';
import { out, withDb } from '../runtime.ts';

/** The environment as the server's own entry reads it (HOST, PORT, KAOWU_*): see serverOptionsFromEnv. */
export async function runServer(dbFlag: string | undefined): Promise<RunningServer> {
  const server = await startServer(serverOptionsFromEnv(dbFlag));
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
  return withDb(new Command('serve').description('启动考试服务器（监听 $HOST:$PORT，默认 127.0.0.1:8000）')).action(
    async (o: { db?: string }) => {
      await runServer(o.db);
    },
  );
}
