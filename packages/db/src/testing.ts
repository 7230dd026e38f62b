import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { DialectOptions } from './dialect/index.ts';
import { openDatabase, type Db } from './open.ts';

/**
 * PostgreSQL engines for tests. Both are reached the way production reaches PostgreSQL, through a
 * `postgres://` URL and the `pg` pool, so the tests cover the real dialect: type parsers, the transaction
 * lock, migrations. Exported as `@kaowu/db/testing`; PGlite is a devDependency.
 */
export interface PostgresTestEngine {
  readonly name: string;
  /** What openDatabase needs besides the URL on this engine. */
  readonly options: DialectOptions;
  /** The URL of an empty database that no other test uses. */
  fresh(): Promise<string>;
  /** `fresh()`, opened and migrated; destroyed by `close()`. */
  open(): Promise<Db>;
  /** Destroys what `open()` opened, drops what `fresh()` made, stops the engine. */
  close(): Promise<void>;
}

function engine(
  name: string,
  options: DialectOptions,
  fresh: () => Promise<string>,
  stop: () => Promise<void>,
): PostgresTestEngine {
  const opened: Db[] = [];
  return {
    name,
    options,
    fresh,
    async open() {
      const db = await openDatabase(await fresh(), options);
      opened.push(db);
      return db;
    },
    async close() {
      await Promise.all(opened.splice(0).map((db) => db.destroy()));
      await stop();
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), in this process, served on a loopback port by pglite-socket.
 * PGlite is one session: each pool gets one connection (the socket server queues the others' statements, and a
 * second connection's statements could land inside the first one's extended-protocol exchange), and `fresh()`
 * empties the public schema instead of creating another. Starting it takes 2.5–7 s here (WebAssembly
 * compilation; more when the machine is busy) and some 700 MB of memory.
 */
export function pgliteEngine(): PostgresTestEngine {
  let started: Promise<{ lite: PGlite; server: PGLiteSocketServer; url: string }> | undefined;
  const start = async () => {
    const lite = await PGlite.create();
    // Several pools may stay open across tests (one connection each); they are used one at a time.
    const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await server.start();
    return { lite, server, url: `postgres://postgres@${server.getServerConn()}/postgres` };
  };
  return engine(
    'PGlite',
    { maxConnections: 1 },
    async () => {
      started ??= start();
      const { lite, url } = await started;
      await lite.exec('drop schema public cascade; create schema public;');
      return url;
    },
    async () => {
      if (!started) return;
      const { lite, server } = await started;
      await server.stop();
      await lite.close();
    },
  );
}

/**
 * A real PostgreSQL server (KAOWU_TEST_PG_URL). Each `fresh()` is a new schema, kaowu_test_…, put first on the
 * search path through the URL; `close()` drops them, so the database is left as it was.
 */
export function serverEngine(url: string): PostgresTestEngine {
  const schemas: string[] = [];
  const control = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return engine(
    'PostgreSQL server',
    {},
    async () => {
      const schema = `kaowu_test_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
      await control((c) => c.query(`create schema ${schema}`));
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    async () => {
      const drop = schemas.splice(0);
      if (drop.length > 0) await control((c) => c.query(drop.map((s) => `drop schema ${s} cascade;`).join('\n')));
    },
  );
}

/**
 * The engines a PostgreSQL test runs on: PGlite always, the server at KAOWU_TEST_PG_URL when it is set. Without it
 * the server entry has no `make` and a name that says how to run it, for `describe.skipIf`.
 */
export function postgresTestEngines(
  env: NodeJS.ProcessEnv = process.env,
): { name: string; make: (() => PostgresTestEngine) | undefined }[] {
  const url = env.KAOWU_TEST_PG_URL;
  return [
    { name: 'PGlite (PostgreSQL in process)', make: pgliteEngine },
    url
      ? { name: 'PostgreSQL server (KAOWU_TEST_PG_URL)', make: () => serverEngine(url) }
      : { name: 'PostgreSQL server (skipped: set KAOWU_TEST_PG_URL to run)', make: undefined },
  ];
}

/**
 * `describe(title on <engine>)` once per engine in postgresTestEngines, skipped where the engine cannot run (its
 * tests never start, so they never see the missing engine), closing the engine after its tests.
 */
export function describeOnPostgres(title: string, tests: (engine: PostgresTestEngine) => void): void {
  for (const { name, make } of postgresTestEngines()) {
    describe.skipIf(make === undefined)(`${title} on ${name}`, () => {
      const engine = make?.();
      afterAll(() => engine?.close());
      tests(engine as PostgresTestEngine);
    });
  }
}
