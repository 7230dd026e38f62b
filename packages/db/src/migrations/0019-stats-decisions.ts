import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * A flagged item kept as it is (保留) after its statistics were reviewed: the decision on one batch's findings
 * for one item version, with the reviewer's comment. Returning (退回修改) and retiring (停用) show in the item's
 * own versions and status; keeping changes nothing else, so it is recorded here and takes the item off the
 * review queue's 需复核（统计） list until a later batch flags it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('item_stats_decisions')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('item_code', t.text, (c) => c.notNull())
    .addColumn('item_version', t.integer, (c) => c.notNull())
    .addColumn('decision', t.text, (c) => c.notNull())
    .addColumn('comment', t.text, (c) => c.notNull())
    .addColumn('decided_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('decided_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_stats_decisions_pk', ['batch_id', 'item_code', 'item_version'])
    .execute();
}
