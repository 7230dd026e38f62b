import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import type { Role } from '@kaowu/domain';
import {
  createContext,
  createDemoAccounts,
  createUser,
  DEMO_ACCOUNTS,
  loadBankFiles,
  loadDemoExam,
  loadResultsDemo,
  registerAssessor,
  type RoomView,
  type ServiceContext,
} from '@kaowu/services';
import {
  DEMO_BANK,
  readBankTexts,
  seedExam,
  staffSeededBatch,
  TEST_PASSWORD,
  type SeededExam,
  type SeedOptions,
} from '@kaowu/services/testing';
import { DEFAULT_LIMITS, type Limits } from '../routes/limits.ts';
import { startServer, type RunningServer } from '../server.ts';

/** The 电工 level-5 outline the bank routes' tests author against: the services' test outline. */
export { TEST_OUTLINE } from '@kaowu/services/testing';

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

/** A database no other test uses: a new SQLite file, or a new PostgreSQL schema when the suites run on PostgreSQL. */
export const tempDb = (): string => testDbTarget(join(mkdtempSync(join(tmpdir(), 'kaowu-server-')), 'kaowu.db'));

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

/**
 * The demo in a database file, through the use cases as `kaowu demo` loads it: the staff (with the test password
 * here), the demo bank (assessors registered), the open exam batch (proctor_zhang, no supervisors) and the completed
 * batch DEMO-2026-001 (proctor_sun, the three assessors, supervisor_qian and supervisor_he).
 */
export async function seedDemo(path: string): Promise<void> {
  const db = await openDatabase(path);
  const ctx = createContext(db);
  try {
    await createDemoAccounts(ctx, TEST_PASSWORD);
    await loadBankFiles(ctx, 'admin', { texts: readBankTexts(), assets: new Map() });
    for (const u of DEMO_ACCOUNTS.filter((u) => u.roles.includes('assessor')))
      await registerAssessor(ctx, 'admin', u.username, '6-31-01-03');
    await loadDemoExam(ctx, 'admin', {
      blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
      proctors: ['proctor_zhang'],
      supervisors: [],
    });
    await loadResultsDemo(ctx);
  } finally {
    await db.destroy();
  }
}

export interface TestServer extends RunningServer {
  readonly exam: SeededExam;
  readonly clock: Clock;
  readonly dbPath: string;
}

export interface TestServerOptions extends SeedOptions {
  readonly limits?: Partial<Limits>;
  /** How often expired attempts are looked for (default 100 ms). */
  readonly sweepMs?: number;
  /** Runs on the seeded database, through the services at the test clock, before the server opens it. */
  readonly prepare?: (ctx: ServiceContext, exam: SeededExam) => Promise<void>;
}

/** A server on loopback over a freshly seeded database (see `seedExam`), on a clock the test moves. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { limits, sweepMs = 100, prepare, ...seed } = options;
  const clock = newClock();
  const dbPath = tempDb();
  const exam = await seedFile(dbPath, clock, seed);
  if (prepare) {
    const db = await openDatabase(dbPath);
    try {
      await prepare(createContext(db, { now: () => new Date(clock.now) }), exam);
    } finally {
      await db.destroy();
    }
  }
  const server = await startServer({
    dbPath,
    port: 0,
    now: () => new Date(clock.now),
    sweepMs,
    limits: { ...DEFAULT_LIMITS, ...limits },
  });
  return Object.assign(server, { exam, clock, dbPath });
}

/**
 * Creates staff accounts with the test password, as the seeded administrator would: `users` lists user names
 * (each its own display name) or maps user names to display names.
 */
export async function createStaff(
  ctx: ServiceContext,
  roles: readonly Role[],
  users: readonly string[] | Readonly<Record<string, string>>,
): Promise<void> {
  const named = Array.isArray(users) ? users.map((u) => [u, u] as const) : Object.entries(users);
  for (const [username, displayName] of named)
    await createUser(ctx, 'admin', { username, displayName, roles, password: TEST_PASSWORD });
}

/**
 * Two internal supervisors with no system role (sup_qian 钱督导, sup_he 何督导); the seeded batch is staffed
 * with proctor_a in room 01 and `supervisors` as its internal supervisors.
 */
export async function addSupervisors(server: TestServer, supervisors: readonly string[]): Promise<void> {
  const { ctx } = server.rt;
  await createStaff(ctx, [], { sup_qian: '钱督导', sup_he: '何督导' });
  await staffSeededBatch(ctx, server.exam.batchId, [
    { username: 'proctor_a', duty: 'proctor', room: '01' },
    ...supervisors.map((username) => ({ username, duty: 'supervisor' as const })),
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * A JSON client for one base URL; `token` adds a bearer header, `headers` anything else. The base may be a
 * function, read at each request, so that a test file can make its client before its server has started.
 */
export function client(base: string | (() => string)) {
  // biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
  const call = async <T = any>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: RequestInit['body'] } = {},
  ): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${typeof base === 'string' ? base : base()}${path}`, {
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
    // biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
    get: <T = any>(path: string, o?: Parameters<typeof call>[2]) => call<T>('GET', path, o),
    // biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
    post: <T = any>(path: string, body?: unknown, o?: Parameters<typeof call>[2]) =>
      call<T>('POST', path, { ...o, body: body ?? {} }),
    // biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
    put: <T = any>(path: string, body?: unknown, o?: Parameters<typeof call>[2]) =>
      call<T>('PUT', path, { ...o, body: body ?? {} }),
    // biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON until this client is built on hc<AppType>
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

/** A test server with `proctor_a` signed in: their token, their room (01) and the room they do not proctor (02). */
export interface ProctorServer {
  readonly server: TestServer;
  readonly proctor: string;
  readonly room: string;
  readonly otherRoom: string;
}

/** Starts a test server (`startTestServer`) seating two rooms, then signs `proctor_a` (room 01's proctor) in. */
export async function proctorServer(options: TestServerOptions): Promise<ProctorServer> {
  const server = await startTestServer(options);
  const [room, otherRoom] = server.exam.rooms.map((r) => r.id);
  if (!room || !otherRoom) throw new Error('proctorServer: the options must seat two rooms');
  return { server, proctor: await staffToken(client(server.url), 'proctor_a'), room, otherRoom };
}

/** Opens a room's live view (Server-Sent Events) as `token`: the response, and its room views read one at a time. */
export async function openLiveRoom(server: TestServer, roomId: string, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const response = await fetch(`${server.url}/api/rooms/${roomId}/live`, { headers });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<RoomView> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data:'));
        buffer = buffer.slice(end + 2);
        if (data) return JSON.parse(data.slice(5));
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { response, next, close: () => reader.cancel() };
}

/** Signs each of `usernames` in: their bearer tokens by user name. */
export async function staffTokens(api: Client, usernames: readonly string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const u of usernames) tokens[u] = await staffToken(api, u);
  return tokens;
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
  nodeArgs: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it exits (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // nodeArgs after tsx's loader, so that a TypeScript --import (the bench's probe) can be loaded.
  const args = [...profile, '--max-semi-space-size=64', '--import', 'tsx', ...nodeArgs, SERVER_MAIN];
  const child = spawn(process.execPath, args, {
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
    setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
  });
  return { url, child, exited };
}
