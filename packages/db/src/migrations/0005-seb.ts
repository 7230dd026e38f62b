import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Safe Exam Browser: a batch may carry an SEB Config Key. When it does, every candidate request must prove it
 * comes from an SEB started with that configuration (X-SafeExamBrowser-ConfigKeyHash). Null: no SEB required.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('batches').addColumn('seb_config_key', t.text).execute();
}
