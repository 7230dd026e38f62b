import { execFileSync } from 'node:child_process';

/**
 * Which database the test suites run on. By default SQLite; with `KAOWU_TEST_DIALECT=postgres` and
 * `KAOWU_TEST_PG_URL` (scripts/with-postgres.sh starts a throwaway server and sets it) the same suites run on
 * that PostgreSQL server instead: every database a test would have opened becomes a new schema there.
 * Exported as `@kaowu/db/test-target`, apart from `@kaowu/db/testing` so it loads nothing but `node:child_process`.
 */
export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(env: NodeJS.ProcessEnv = process.env): TestDialect {
  const dialect = env.KAOWU_TEST_DIALECT ?? 'sqlite';
  if (dialect === 'sqlite') return 'sqlite';
  if (dialect !== 'postgres') throw new Error(`KAOWU_TEST_DIALECT=${dialect}: expected sqlite or postgres`);
  if (!env.KAOWU_TEST_PG_URL) throw new Error('KAOWU_TEST_DIALECT=postgres needs KAOWU_TEST_PG_URL');
  return 'postgres';
}

let made = 0;

/**
 * A database no other test uses: `sqlite` (a file path or `:memory:`) on SQLite; on PostgreSQL a URL whose
 * search path starts with a schema made for it now. Synchronous (psql), so it fits where a path was computed.
 * The schemas are left for the throwaway cluster to take with it.
 */
export function testDbTarget(sqlite: string, env: NodeJS.ProcessEnv = process.env): string {
  if (testDialect(env) === 'sqlite') return sqlite;
  const url = new URL(env.KAOWU_TEST_PG_URL!);
  const schema = `kaowu_t${process.pid}_${Date.now().toString(36)}_${++made}`;
  execFileSync('psql', [url.toString(), '-qXc', `create schema ${schema}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
