import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { isPostgresUrl, openDatabase } from '@kaowu/db';
import {
  createContext,
  createExamRuntime,
  PgLiveHub,
  shareRuntimeState,
  submitExpired,
  type ExamRuntime,
} from '@kaowu/services';
import { createApp, type AppOptions } from './app.ts';

export interface ServerOptions extends AppOptions {
  readonly dbPath: string;
  readonly host?: string;
  readonly port?: number;
  /** The clock (tests move it); default: the system clock. */
  readonly now?: () => Date;
  /** How often expired attempts are looked for. */
  readonly sweepMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly rt: ExamRuntime;
  close(): Promise<void>;
}

/**
 * Opens the database (migrations run), submits attempts that expired while the server was down, then listens.
 * A deep accept backlog lets a whole exam hall connect at the same second without refused connections.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = await openDatabase(options.dbPath);
  const ctx = createContext(db, options.now ? { now: options.now } : {});
  // PostgreSQL: any number of servers share the database; each follows the others' changes (live-hub-pg.ts).
  const shared = isPostgresUrl(options.dbPath);
  const rt = await createExamRuntime(ctx, shared ? { hub: new PgLiveHub(db) } : {});
  const listener = shared ? await shareRuntimeState(rt, options.dbPath) : undefined;
  await submitExpired(rt);
  const sweep = setInterval(
    () => void submitExpired(rt).catch((e: unknown) => console.error('expiry sweep failed', e)),
    options.sweepMs ?? 5000,
  );
  const app = createApp(rt, options);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Keep idle keep-alive sockets longer than clients' save intervals; time out stalled requests.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8000, backlog: 4096 }, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    rt,
    async close() {
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rt.commit.drain();
      await listener?.close();
      await db.destroy();
    },
  };
}
