import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The attempt clock starts when the candidate starts (开始答题), not when they log in: login creates the
 * attempt as 'not_started' with no start time, so `attempts.started_at` becomes nullable. Status runs
 * not_started → in_progress → submitted.
 *
 * PostgreSQL drops the constraint in place. SQLite cannot alter a column, so the table is rebuilt the way the
 * SQLite manual prescribes (ALTER TABLE, "making other kinds of table schema changes"): foreign keys off
 * outside the transaction, copy into a new table, drop, rename, recreate the index, check the keys, commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await db.schema
      .alterTable('attempts')
      .alterColumn('started_at', (c) => c.dropNotNull())
      .execute();
    return;
  }
  const t = columnTypes(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      // As in 0003-exam.ts, except started_at.
      await trx.schema
        .createTable('attempts_next')
        .addColumn('id', t.text, (c) => c.primaryKey())
        .addColumn('candidate_id', t.text, (c) => c.notNull().unique().references('candidates.id'))
        .addColumn('paper_id', t.text, (c) => c.notNull().references('papers.id'))
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('started_at', t.text)
        .addColumn('duration_ms', t.integer, (c) => c.notNull())
        .addColumn('extension_ms', t.integer, (c) => c.notNull())
        .addColumn('paused_ms', t.integer, (c) => c.notNull())
        .addColumn('paused_since', t.text)
        .addColumn('self_paused', t.integer, (c) => c.notNull())
        .addColumn('deadline_at', t.text)
        .addColumn('device_id', t.text, (c) => c.notNull())
        .addColumn('session_id', t.text)
        .addColumn('submitted_at', t.text)
        .addColumn('submitted_by', t.text)
        .addColumn('submit_reason', t.text)
        .addColumn('score', t.real)
        .addColumn('score_json', t.text)
        .execute();
      await sql`insert into attempts_next select id, candidate_id, paper_id, status, started_at, duration_ms, extension_ms, paused_ms, paused_since,
        self_paused, deadline_at, device_id, session_id, submitted_at, submitted_by, submit_reason, score, score_json from attempts`.execute(
        trx,
      );
      await trx.schema.dropTable('attempts').execute();
      await trx.schema.alterTable('attempts_next').renameTo('attempts').execute();
      await trx.schema.createIndex('attempts_open_idx').on('attempts').columns(['status', 'deadline_at']).execute();
      const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0)
        throw new Error(`foreign keys broken by the attempts rebuild: ${JSON.stringify(broken.rows.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
