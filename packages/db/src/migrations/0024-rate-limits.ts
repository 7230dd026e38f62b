import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/index.ts';
import { columnTypes } from './column-types.ts';

/**
 * Request budgets (login attempts, the public certificate query) counted in the database, so that N servers on
 * one PostgreSQL database grant an address one budget, not N. rate-limiter-flexible's RateLimiterPostgres reads
 * and writes it (`tableCreated: true`: created here, where the schema and its DDL are reviewed, rather than by
 * the library at start-up with `create table if not exists` racing between servers). Its columns are the ones the
 * library inserts positionally: key, points, expire (ms since the epoch; null: no expiry).
 * UNLOGGED on PostgreSQL: its writes skip the WAL, so a counted request does not wait for a WAL flush (a login
 * would otherwise pay two); the price is that a database crash or a failover to a standby empties it, which only
 * restarts the current windows.
 * SQLite has one exam server per database and counts in memory; the table exists there too, unused, so both
 * databases keep one schema (services/src/postgres.test.ts compares them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('rate_limits')
    .$call((b) => (isPostgres(db) ? b.modifyFront(sql`unlogged`) : b))
    .addColumn('key', t.text, (c) => c.primaryKey())
    .addColumn('points', t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('expire', t.integer)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
