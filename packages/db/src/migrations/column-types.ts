import { sql, type Expression, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/index.ts';

/**
 * The column types whose SQLite name means something else in PostgreSQL, so that both give the same JS values:
 * - integer: SQLite's is 64-bit, PostgreSQL's 32 (a client's save seq may be up to 2^53): bigint there, read back
 *   as a number by pg's int8 parser (dialect/postgres.ts).
 * - real: SQLite's is 8 bytes, PostgreSQL's 4 (scores would lose digits): double precision.
 * - blob: bytea.
 * - text: SQLite compares text byte by byte; PostgreSQL by the database's locale unless told otherwise, so
 *   ORDER BY, min/max, < and LIKE would differ between a `C` and an `en_US` database. Collation "C" is bytewise
 *   for UTF-8, whatever locale the database was created with.
 * On SQLite the names are the ones the migrations were released with, so its DDL is unchanged.
 */
export interface ColumnTypes {
  readonly integer: 'integer' | 'bigint';
  readonly real: 'real' | 'double precision';
  readonly blob: 'blob' | 'bytea';
  readonly text: 'text' | Expression<unknown>;
}

const SQLITE: ColumnTypes = { integer: 'integer', real: 'real', blob: 'blob', text: 'text' };
const POSTGRES: ColumnTypes = {
  integer: 'bigint',
  real: 'double precision',
  blob: 'bytea',
  text: sql`text collate "C"`,
};

/** The types for the database a migration runs on (Kysely hands migrations only the database). */
export const columnTypes = (db: Kysely<unknown>): ColumnTypes => (isPostgres(db) ? POSTGRES : SQLITE);
