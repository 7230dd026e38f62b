import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The exam day as the policy runs it (issue 18): staff changes once a batch has started, each proposed by an
 * administrator with a reason and applied only when one of the batch's supervisors confirms it (a second
 * person); the published candidate list (职工认定名单公示) with its objections; and each assessor's sign-off of a
 * practical score sheet (实操考评表), by the sheet's identifier. Dialect-neutral like the
 * rest: text keys, ISO-8601 text times and China dates, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('staff_changes')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    // The whole staff list as it will be, so the confirmer sees exactly what they confirm.
    .addColumn('staff_json', t.text, (c) => c.notNull())
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('proposed_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('proposed_at', t.text, (c) => c.notNull())
    .addColumn('confirmed_by', t.text, (c) => c.references('users.username'))
    .addColumn('confirmed_at', t.text)
    .execute();
  await db.schema
    .createTable('candidate_lists')
    .addColumn('batch_id', t.text, (c) => c.primaryKey().references('batches.id'))
    .addColumn('published_on', t.text, (c) => c.notNull())
    .addColumn('working_days', t.integer, (c) => c.notNull())
    .addColumn('count_publication_day', t.integer, (c) => c.notNull())
    .addColumn('first_day', t.text, (c) => c.notNull())
    .addColumn('last_day', t.text, (c) => c.notNull())
    // The tickets published, in order: the list as it went up.
    .addColumn('tickets_json', t.text, (c) => c.notNull())
    .addColumn('published_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('published_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('candidate_list_objections')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text, (c) => c.references('candidates.id'))
    .addColumn('text', t.text, (c) => c.notNull())
    .addColumn('raised_at', t.text, (c) => c.notNull())
    .addColumn('recorded_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('outcome', t.text)
    .addColumn('note', t.text)
    .addColumn('resolved_by', t.text, (c) => c.references('users.username'))
    .addColumn('resolved_at', t.text)
    .execute();
  await db.schema
    .createTable('practical_sheet_signoffs')
    .addColumn('sheet_id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text, (c) => c.notNull().references('candidates.id'))
    .addColumn('component_code', t.text, (c) => c.notNull())
    .addColumn('assessor', t.text, (c) => c.notNull().references('users.username'))
    // The total the assessor signed for, as entered from this sheet.
    .addColumn('total', t.real, (c) => c.notNull())
    .addColumn('signed_at', t.text, (c) => c.notNull())
    .execute();
  // 附件3 外督情况登记表: one per batch, filled by internal and external supervisors together, signed over its hash.
  await db.schema
    .createTable('external_supervision_reports')
    .addColumn('batch_id', t.text, (c) => c.primaryKey().references('batches.id'))
    .addColumn('report_json', t.text, (c) => c.notNull())
    .addColumn('report_hash', t.text, (c) => c.notNull())
    .addColumn('total', t.integer, (c) => c.notNull())
    .addColumn('vetoed', t.integer, (c) => c.notNull())
    .addColumn('updated_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('external_supervision_signatures')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('duty', t.text, (c) => c.notNull())
    .addColumn('signed_at', t.text, (c) => c.notNull())
    .addColumn('report_hash', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('external_supervision_signatures_pk', ['batch_id', 'username'])
    .execute();
}
