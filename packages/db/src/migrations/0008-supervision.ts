import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Internal supervision (附件2 内部督导情况报告): one report per batch, filled by the batch's supervisors on
 * exam day and completed after the publicity, and each supervisor's signature over the exact report signed
 * (its content hash), so a later change shows the signature no longer covers it. Dialect-neutral like the
 * rest: text keys, ISO-8601 text times, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('supervision_reports')
    .addColumn('batch_id', t.text, (c) => c.primaryKey().references('batches.id'))
    .addColumn('report_json', t.text, (c) => c.notNull())
    .addColumn('report_hash', t.text, (c) => c.notNull())
    // 合计 (0 when vetoed), kept beside the JSON so lists and the halted-batch check need not parse it.
    .addColumn('total', t.integer, (c) => c.notNull())
    .addColumn('vetoed', t.integer, (c) => c.notNull())
    .addColumn('updated_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('supervision_signatures')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('signed_at', t.text, (c) => c.notNull())
    .addColumn('report_hash', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_signatures_pk', ['batch_id', 'username'])
    .execute();
}
