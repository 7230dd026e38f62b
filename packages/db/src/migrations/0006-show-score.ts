import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Whether candidates see their theory score when they submit (integer boolean; default 0: scores are published later). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('batches')
    .addColumn('show_score', t.integer, (c) => c.notNull().defaultTo(0))
    .execute();
}
