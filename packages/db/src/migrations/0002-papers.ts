import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A sealed paper: the canonical JSON is stored as assembled and checked against paper_hash on every read.
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('assembly_id', 'text', (c) => c.notNull())
    .addColumn('snapshot_hash', 'text', (c) => c.notNull())
    .addColumn('blueprint_json', 'text', (c) => c.notNull())
    .addColumn('blueprint_hash', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('usage_json', 'text', (c) => c.notNull())
    .addColumn('outline_json', 'text', (c) => c.notNull())
    .addColumn('paper_json', 'text', (c) => c.notNull())
    .addColumn('paper_hash', 'text', (c) => c.notNull())
    .addColumn('draft', 'integer', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_bank_idx').on('papers').columns(['occupation_code', 'level']).execute();
}
