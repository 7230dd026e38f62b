import { resolve } from 'node:path';
import { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { sqliteDialect } from './dialect/sqlite.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** `--db <path>`, else `KAOWU_DB`, else `./data/kaowu.db`. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.KAOWU_DB ?? './data/kaowu.db';
  return chosen === ':memory:' ? chosen : resolve(chosen);
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(error)}`);
  }
}

/** Opens (creating if needed) a SQLite database and brings its schema up to date. */
export async function openDatabase(path: string): Promise<Db> {
  const { dialect } = sqliteDialect(path);
  const db = new Kysely<Database>({ dialect });
  await migrateToLatest(db as unknown as Kysely<unknown>);
  return db;
}
