import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Records that prove themselves (issue 16): each filing step of a batch marked done (the date and who); each
 * archive package written (its manifest's hash and the retention dates it states); and the destruction register
 * (销毁台账), one entry per purge of a batch's personal data. Dialect-neutral: text keys, China dates and
 * ISO-8601 times as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('filing_steps')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('step', t.text, (c) => c.notNull())
    .addColumn('done_on', t.text, (c) => c.notNull())
    .addColumn('done_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('recorded_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('filing_steps_pk', ['batch_id', 'step'])
    .execute();
  await db.schema
    .createTable('batch_archives')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('manifest_hash', t.text, (c) => c.notNull())
    .addColumn('audit_head', t.text, (c) => c.notNull())
    .addColumn('paper_until', t.text, (c) => c.notNull())
    .addColumn('electronic_until', t.text, (c) => c.notNull())
    .addColumn('archived_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('archived_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batch_archives_batch').on('batch_archives').columns(['batch_id']).execute();
  await db.schema
    .createTable('destructions')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('what', t.text, (c) => c.notNull())
    .addColumn('manifest_hash', t.text, (c) => c.notNull())
    .addColumn('retained_until', t.text, (c) => c.notNull())
    .addColumn('destroyed_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('destroyed_at', t.text, (c) => c.notNull())
    .execute();
}
