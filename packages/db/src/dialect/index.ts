import { PostgresAdapter, type Dialect, type Kysely } from 'kysely';
import { postgresDialect, type PostgresOptions } from './postgres.ts';
import { sqliteDialect } from './sqlite.ts';

export type DialectOptions = PostgresOptions;

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** A `postgres://` or `postgresql://` URL opens PostgreSQL; anything else is a SQLite file (or `:memory:`). */
export function chooseDialect(target: string, options: DialectOptions = {}): Dialect {
  return isPostgresUrl(target) ? postgresDialect(target, options) : sqliteDialect(target).dialect;
}

/**
 * Whether `db` (or a transaction on it) runs on PostgreSQL, for the few places that must differ: migrations
 * choosing column types, the migrator's schema. Kysely has no public accessor, so this reads the adapter;
 * every PostgreSQL dialect, pg or PGlite, uses PostgresAdapter.
 */
export const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
