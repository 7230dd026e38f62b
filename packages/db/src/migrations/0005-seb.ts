import type { Kysely } from 'kysely';

/**
 * Safe Exam Browser: a batch may carry an SEB Config Key. When it does, every candidate request must prove it
 * comes from an SEB started with that configuration (X-SafeExamBrowser-ConfigKeyHash). Null: no SEB required.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('batches').addColumn('seb_config_key', 'text').execute();
}
