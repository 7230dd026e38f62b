import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Numbers assigned by the authority (人社部门/省级中心 证书赋码), imported per batch before issuing when the
 * setting `certificate.numbering` is `authority`: one per passing candidate, each number unique.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('certificate_assignments')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('number', t.text, (c) => c.notNull().unique())
    .addColumn('imported_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('imported_at', t.text, (c) => c.notNull())
    .execute();
}
