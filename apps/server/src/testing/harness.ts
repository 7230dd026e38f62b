import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { createContext } from '@kaowu/services';
import { seedExam, type SeededExam, type SeedOptions } from '@kaowu/services/testing';
import { DEFAULT_LIMITS, type Limits } from '../routes/limits.ts';
import { startServer, type RunningServer } from '../server.ts';

/** HTTP test helpers: a server on loopback with a clock the test moves, and a small JSON client. */
export interface Clock {
  now: number;
  advance(minutes: number): void;
}

export const newClock = (start = Date.parse('2026-11-02T01:00:00Z')): Clock => ({
  now: start,
  advance(minutes) {
    this.now += minutes * 60_000;
  },
});

export const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'kaowu-server-')), 'kaowu.db');

export async function seedFile(path: string, clock: Clock | null, options: SeedOptions = {}): Promise<SeededExam> {
  const db = await openDatabase(path);
  let n = 0;
  const ctx = createContext(
    db,
    clock
      ? { now: () => new Date(clock.now), newId: () => `t${String(++n).padStart(5, '0')}-${Math.floor(clock.now)}` }
      : {},
  );
  try {
    return await seedExam(ctx, options);
  } finally {
    await db.destroy();
  }
}

export interface TestServer extends RunningServer {
  readonly exam: SeededExam;
  readonly clock: Clock;
  readonly dbPath: string;
}

export async function startTestServer(options: SeedOptions & { limits?: Partial<Limits> } = {}): Promise<TestServer> {
  const clock = newClock();
  const dbPath = tempDb();
  const exam = await seedFile(dbPath, clock, options);
  const server = await startServer({
    dbPath,
    port: 0,
    now: () => new Date(clock.now),
    sweepMs: 100,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  });
  return Object.assign(server, { exam, clock, dbPath });
}

export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A JSON client for one base URL; `token` adds a bearer header, `headers` anything else. */
export function client(base: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: RequestInit['body'] } = {},
  ): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // HTML and text stay text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  };
  return {
    get: <T = any>(path: string, o?: Parameters<typeof call>[2]) => call<T>('GET', path, o),
    post: <T = any>(path: string, body?: unknown, o?: Parameters<typeof call>[2]) =>
      call<T>('POST', path, { ...o, body: body ?? {} }),
    put: <T = any>(path: string, body?: unknown, o?: Parameters<typeof call>[2]) =>
      call<T>('PUT', path, { ...o, body: body ?? {} }),
    patch: <T = any>(path: string, body?: unknown, o?: Parameters<typeof call>[2]) =>
      call<T>('PATCH', path, { ...o, body: body ?? {} }),
    call,
  };
}

export type Client = ReturnType<typeof client>;

export async function staffToken(api: Client, username: string, password = 'kaowu-test'): Promise<string> {
  const r = await api.post('/api/staff/login', { username, password });
  if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/**
 * Logs a candidate in and, as they would after the confirmation screen, starts the attempt (开始答题), so the
 * clock runs; `{ start: false }` stops at the confirmation screen.
 */
export async function candidateLogin(
  api: Client,
  who: { ticket: string; idNumber: string },
  deviceId = `device-${who.ticket}`,
  options: { start?: boolean } = {},
): Promise<{ token: string; attemptId: string }> {
  const r = await api.post('/api/attempts', { ticket: who.ticket, idNumber: who.idNumber, deviceId });
  if (r.status !== 200) throw new Error(`candidate login ${who.ticket}: ${r.status} ${JSON.stringify(r.body)}`);
  const session = { token: r.body.token as string, attemptId: r.body.attemptId as string };
  if (options.start ?? true) {
    const started = await api.post(`/api/attempts/${session.attemptId}/start`, {}, { token: session.token });
    if (started.status !== 200)
      throw new Error(`start ${who.ticket}: ${started.status} ${JSON.stringify(started.body)}`);
  }
  return session;
}

const SERVER_MAIN = resolve(import.meta.dirname, '../main.ts');

/**
 * The real server as its own process (tsx), on a free port; resolves once it listens. A larger young
 * generation lets the objects of in-flight saves (alive until their group commits) die young instead of being
 * promoted, which costs noticeably less GC at thousands of saves a second (see the README).
 */
export async function spawnServer(
  dbPath: string,
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', SERVER_MAIN], {
    env: { ...process.env, KAOWU_DB: dbPath, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl(m[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
  });
  return { url, child, exited };
}
