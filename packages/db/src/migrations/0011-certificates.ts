import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Electronic certificates (issue 15): a revocation (证书注销) per certificate number, with its reason and who
 * revoked it. A certificate row is never deleted or changed: the public query reads its status from here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('certificate_revocations')
    .addColumn('number', t.text, (c) => c.primaryKey().references('certificates.number'))
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('revoked_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('revoked_at', t.text, (c) => c.notNull())
    .execute();
}
