import type { Kysely } from 'kysely';

/** Whether candidates see their theory score when they submit (integer boolean; default 0: scores are published later). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('batches').addColumn('show_score', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
