import { resolve } from 'node:path';
import type pg from 'pg';
import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { chooseDialect, isPostgres, isPostgresUrl, type DialectOptions } from './dialect/index.ts';
import { poolOfDialect } from './dialect/postgres.ts';
import { walSyncOf, type WalSync } from './dialect/sqlite.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

const walSyncs = new WeakMap<Db, WalSync>();
const pools = new WeakMap<Db, pg.Pool>();

/**
 * The `pg` pool of a database opened on a PostgreSQL URL (undefined on SQLite and PGlite), for the few users that
 * take a pool rather than Kysely: the shared rate limits (apps/server middleware/rate-limit). db.destroy() ends it.
 */
export const postgresPoolFor = (db: Db): pg.Pool | undefined => pools.get(db);

/**
 * A SQLite file's WAL flush off the event loop (see WalSync), for a writer that commits with synchronous=NORMAL
 * and acknowledges only once it resolves; undefined on PostgreSQL and `:memory:`.
 */
export const walSyncFor = (db: Db): WalSync | undefined => walSyncs.get(db);

/** `--db <path or URL>`, else `KAOWU_DB`, else `./data/kaowu.db`. File paths are made absolute; URLs pass unchanged. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.KAOWU_DB ?? './data/kaowu.db';
  return chosen === ':memory:' || isPostgresUrl(chosen) ? chosen : resolve(chosen);
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // Unless told a schema, Kysely takes migration tables found in ANY schema of the database as its own (another
  // Kysely app in `public`, a second Kaowu in its own schema): on PostgreSQL, name the one the tables go to.
  const schema = isPostgres(db)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`);
  }
}

/**
 * Opens the database and brings its schema up to date: a SQLite file (created if needed) or `:memory:`, or a
 * PostgreSQL database given as a `postgres://` / `postgresql://` URL (the database must exist).
 */
export async function openDatabase(target: string, options: DialectOptions = {}): Promise<Db> {
  const dialect = chooseDialect(target, options);
  const db = new Kysely<Database>({ dialect });
  const wal = walSyncOf(dialect);
  if (wal) walSyncs.set(db, wal);
  const pool = poolOfDialect(dialect);
  if (pool) pools.set(db, pool);
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return db;
}
