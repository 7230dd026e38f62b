import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { spawnServer } from './harness.ts';

/** Several `kaowu serve` processes on one PostgreSQL database behind HAProxy (deploy/haproxy.cfg, as committed). */
export const HAPROXY_CFG = resolve(import.meta.dirname, '../../../../deploy/haproxy.cfg');
export const HAPROXY = '/usr/sbin/haproxy';

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export interface ClusterServer {
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export interface Cluster {
  /** The balancer's URL: what candidates and proctors use. */
  readonly url: string;
  readonly servers: ClusterServer[];
  /** SIGKILLs server `i` (it answers nothing from then on). */
  kill(i: number): Promise<void>;
  /** Starts server `i` again on its port. */
  restart(i: number): Promise<void>;
  /** Resolves once the balancer sees `n` servers up (its health checks). */
  waitUp(n: number): Promise<void>;
  stop(): Promise<void>;
}

/** `count` servers (at most 3: the config's lines; the others point at a closed port and stay down) and HAProxy. */
export async function startCluster(db: string, count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const ports = await Promise.all([1, 2, 3].map(() => freePort()));
  const servers: ClusterServer[] = [];
  const boot = async (port: number): Promise<ClusterServer> => {
    const s = await spawnServer(db, { KAOWU_TRUSTED_PROXIES: '127.0.0.1', ...env, PORT: String(port) });
    return { port, url: s.url, child: s.child, exited: s.exited };
  };
  for (let i = 0; i < count; i++) servers.push(await boot(ports[i]!));
  const [lb, stats] = [await freePort(), await freePort()];
  const haproxy = spawn(HAPROXY, ['-f', HAPROXY_CFG, '-db'], {
    env: {
      ...process.env,
      KAOWU_LB_BIND: `127.0.0.1:${lb}`,
      KAOWU_LB_STATS: `127.0.0.1:${stats}`,
      KAOWU_S1: `127.0.0.1:${ports[0]}`,
      KAOWU_S2: `127.0.0.1:${ports[1]}`,
      KAOWU_S3: `127.0.0.1:${ports[2]}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let haproxyErr = '';
  haproxy.stderr!.on('data', (d: Buffer) => void (haproxyErr += d.toString()));
  const haproxyExited = new Promise<void>((done) => haproxy.once('exit', () => done()));
  const upCount = async (): Promise<number> => {
    try {
      const csv = await (await fetch(`http://127.0.0.1:${stats}/;csv`)).text();
      return csv.split('\n').filter((l) => l.startsWith('kaowu_servers,s') && l.split(',')[17] === 'UP').length;
    } catch {
      return -1;
    }
  };
  const cluster: Cluster = {
    url: `http://127.0.0.1:${lb}`,
    servers,
    async kill(i) {
      servers[i]!.child.kill('SIGKILL');
      await servers[i]!.exited;
    },
    async restart(i) {
      servers[i] = await boot(servers[i]!.port);
    },
    async waitUp(n) {
      const t0 = Date.now();
      while ((await upCount()) !== n) {
        if (Date.now() - t0 > 30_000)
          throw new Error(`HAProxy: ${await upCount()} servers up, not ${n}: ${haproxyErr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      haproxy.kill('SIGTERM');
      await haproxyExited;
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
    },
  };
  try {
    await cluster.waitUp(count);
  } catch (e) {
    await cluster.stop(); // nothing outlives a cluster that did not come up
    throw e;
  }
  return cluster;
}
