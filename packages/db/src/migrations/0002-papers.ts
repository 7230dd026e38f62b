import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  // A sealed paper: the canonical JSON is stored as assembled and checked against paper_hash on every read.
  await db.schema
    .createTable('papers')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('form', t.text, (c) => c.notNull())
    .addColumn('assembly_id', t.text, (c) => c.notNull())
    .addColumn('snapshot_hash', t.text, (c) => c.notNull())
    .addColumn('blueprint_json', t.text, (c) => c.notNull())
    .addColumn('blueprint_hash', t.text, (c) => c.notNull())
    .addColumn('seed', t.text, (c) => c.notNull())
    .addColumn('usage_json', t.text, (c) => c.notNull())
    .addColumn('outline_json', t.text, (c) => c.notNull())
    .addColumn('paper_json', t.text, (c) => c.notNull())
    .addColumn('paper_hash', t.text, (c) => c.notNull())
    .addColumn('draft', t.integer, (c) => c.notNull())
    .addColumn('batch_id', t.text)
    .addColumn('created_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('created_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_bank_idx').on('papers').columns(['occupation_code', 'level']).execute();
}
