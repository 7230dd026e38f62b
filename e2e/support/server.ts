import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'apps/cli/src/main.ts');

const SERVER_MAIN = join(REPO, 'apps/server/src/main.ts');

/**
 * `kaowu serve --db <path>`; a shifted clock needs the server's own entry, which is what `kaowu serve` runs
 * plus the KAOWU_CLOCK_OFFSET_MS rehearsal clock (`kaowu serve` does not read it).
 */
const serveArgs = (dbPath: string, shifted: boolean): string[] =>
  shifted ? [SERVER_MAIN] : [CLI, 'serve', '--db', dbPath];

/** A loopback port nobody is using right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const probe = createServer();
    probe.once('error', rej);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => res(port));
    });
  });
}

/** Runs `kaowu <args>` to completion (tsx through node's --import, from the repository root). */
export function kaowu(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', rej);
    child.once('exit', (code) =>
      code === 0 ? res(out) : rej(new Error(`kaowu ${args.join(' ')} exited ${code}: ${err || out}`)),
    );
  });
}

export interface ServerOptions {
  /** A SQLite file or a PostgreSQL URL (support/target.ts). */
  readonly dbPath: string;
  readonly port: number;
  /** Shifts the server's clock (KAOWU_CLOCK_OFFSET_MS): how the expiry test reaches the end of a window. */
  readonly clockOffsetMs?: number;
}

/**
 * The real server as its own process: `kaowu serve` on a loopback port, its own process group so that a
 * SIGKILL hits the server itself and nothing survives the test.
 */
export class KaowuServer {
  private child: ChildProcess | undefined;
  private log = '';

  constructor(readonly options: ServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(this.options.port),
      KAOWU_DB: this.options.dbPath,
      // Every browser context logs in from 127.0.0.1: the whole suite is one "address".
      KAOWU_LOGIN_LIMIT_PER_ADDRESS: '10000',
      ...(this.options.clockOffsetMs ? { KAOWU_CLOCK_OFFSET_MS: String(Math.round(this.options.clockOffsetMs)) } : {}),
    };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ...serveArgs(this.options.dbPath, this.options.clockOffsetMs !== undefined)],
      { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`kaowu serve exited ${child.exitCode}:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`kaowu serve did not answer within 30 s:\n${this.log}`);
  }

  /** Ends the server; SIGKILL is the crash test (no shutdown code runs). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, signal);
    } catch {
      return;
    }
    await exited;
    this.child = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
