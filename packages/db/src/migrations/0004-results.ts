import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Results (issue 6): the batch's assessment plan, candidates' application facts and elective choices,
 * assessor panels and avoidance, two-person score entry, spread resolutions, key corrections, theory
 * scores, decisions, publicity with objections, and certificates with a never-repeating sequence per prefix.
 * Dialect-neutral like the rest: text keys, ISO-8601 text times, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('batch_plans')
    .addColumn('batch_id', t.text, (c) => c.primaryKey().references('batches.id'))
    .addColumn('plan_json', t.text, (c) => c.notNull())
    .addColumn('plan_hash', t.text, (c) => c.notNull())
    // The application deadline eligibility is judged on (YYYY-MM-DD).
    .addColumn('eligibility_as_of', t.text, (c) => c.notNull())
    .addColumn('set_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('set_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('candidate_applications')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    // The application facts beyond the roster's (employment, pension, certificates held, awards, evidence…).
    .addColumn('application_json', t.text, (c) => c.notNull())
    .addColumn('updated_by', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('candidate_applications_batch_idx')
    .on('candidate_applications')
    .columns(['batch_id'])
    .execute();
  await db.schema
    .createTable('candidate_electives')
    .addColumn('candidate_id', t.text, (c) => c.notNull().references('candidates.id'))
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('group_code', t.text, (c) => c.notNull())
    .addColumn('component_code', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('candidate_electives_pk', ['candidate_id', 'component_code'])
    .execute();
  await db.schema
    .createIndex('candidate_electives_batch_idx')
    .on('candidate_electives')
    .columns(['batch_id'])
    .execute();
  await db.schema
    .createTable('panel_members')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('component_code', t.text, (c) => c.notNull())
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('leader', t.integer, (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_members_pk', ['batch_id', 'component_code', 'username'])
    .execute();
  await db.schema
    .createTable('panel_relations')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text, (c) => c.notNull().references('candidates.id'))
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('relation', t.text, (c) => c.notNull())
    .addColumn('recorded_by', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_relations_pk', ['candidate_id', 'username'])
    .execute();
  await db.schema
    .createTable('score_entries')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    // Entry order within the batch: a person's later entry replaces their earlier one.
    .addColumn('seq', t.integer, (c) => c.notNull())
    .addColumn('candidate_id', t.text, (c) => c.notNull().references('candidates.id'))
    .addColumn('component_code', t.text, (c) => c.notNull())
    // Whose score sheet the value was copied from.
    .addColumn('assessor', t.text, (c) => c.notNull().references('users.username'))
    // entry: a value typed or imported; confirmation: a second person confirming the other's entry.
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('value', t.real)
    .addColumn('absent', t.integer, (c) => c.notNull())
    .addColumn('entered_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('entered_at', t.text, (c) => c.notNull())
    // The imported file's hash, or 'manual'.
    .addColumn('source', t.text, (c) => c.notNull())
    .addUniqueConstraint('score_entries_batch_seq_uq', ['batch_id', 'seq'])
    .execute();
  await db.schema
    .createTable('spread_resolutions')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text, (c) => c.notNull().references('candidates.id'))
    .addColumn('component_code', t.text, (c) => c.notNull())
    .addColumn('resolved_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('resolved_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('spread_resolutions_pk', ['candidate_id', 'component_code'])
    .execute();
  await db.schema
    .createTable('key_corrections')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('paper_id', t.text, (c) => c.notNull().references('papers.id'))
    .addColumn('item_code', t.text, (c) => c.notNull())
    .addColumn('key_json', t.text, (c) => c.notNull())
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('corrected_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('corrected_at', t.text, (c) => c.notNull())
    // The current correction of an item; earlier ones stay in the audit trail.
    .addUniqueConstraint('key_corrections_paper_item_uq', ['paper_id', 'item_code'])
    .execute();
  await db.schema
    .createTable('theory_scores')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('attempt_id', t.text, (c) => c.notNull().references('attempts.id'))
    .addColumn('score', t.real, (c) => c.notNull())
    // Per section and outline area, and item by item.
    .addColumn('detail_json', t.text, (c) => c.notNull())
    // Hash of what the score depends on besides the answers: paper, key corrections, multiple-choice rule.
    .addColumn('basis_hash', t.text, (c) => c.notNull())
    .addColumn('scored_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('theory_scores_batch_idx').on('theory_scores').columns(['batch_id']).execute();
  await db.schema
    .createTable('decisions')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('outcome', t.text, (c) => c.notNull())
    .addColumn('composite', t.real)
    .addColumn('decision_json', t.text, (c) => c.notNull())
    .addColumn('eligibility_json', t.text, (c) => c.notNull())
    // Who computed the decision as it stands, and when it took this value (every run is in the audit trail).
    .addColumn('computed_by', t.text, (c) => c.notNull())
    .addColumn('computed_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_batch_idx').on('decisions').columns(['batch_id']).execute();
  await db.schema
    .createTable('publicities')
    .addColumn('batch_id', t.text, (c) => c.primaryKey().references('batches.id'))
    .addColumn('published_on', t.text, (c) => c.notNull())
    .addColumn('working_days', t.integer, (c) => c.notNull())
    .addColumn('count_publication_day', t.integer, (c) => c.notNull())
    .addColumn('first_day', t.text, (c) => c.notNull())
    .addColumn('last_day', t.text, (c) => c.notNull())
    // The decisions as published: finalisation refuses when they changed since.
    .addColumn('decisions_hash', t.text, (c) => c.notNull())
    .addColumn('published_by', t.text, (c) => c.notNull())
    .addColumn('published_at', t.text, (c) => c.notNull())
    .addColumn('finalised_by', t.text)
    .addColumn('finalised_at', t.text)
    .execute();
  await db.schema
    .createTable('objections')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text)
    .addColumn('text', t.text, (c) => c.notNull())
    .addColumn('raised_at', t.text, (c) => c.notNull())
    .addColumn('recorded_by', t.text, (c) => c.notNull())
    .addColumn('outcome', t.text)
    .addColumn('note', t.text)
    .addColumn('resolved_by', t.text)
    .addColumn('resolved_at', t.text)
    .execute();
  await db.schema.createIndex('objections_batch_idx').on('objections').columns(['batch_id']).execute();
  await db.schema
    .createTable('certificate_sequences')
    // The number's first 16 characters: body type, body code, province, site, year, level.
    .addColumn('prefix', t.text, (c) => c.primaryKey())
    .addColumn('last_sequence', t.integer, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certificates')
    .addColumn('number', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', t.text, (c) => c.notNull().unique().references('candidates.id'))
    .addColumn('prefix', t.text, (c) => c.notNull())
    .addColumn('sequence', t.integer, (c) => c.notNull())
    .addColumn('issued_on', t.text, (c) => c.notNull())
    .addColumn('issued_by', t.text, (c) => c.notNull())
    .addColumn('issued_at', t.text, (c) => c.notNull())
    .addUniqueConstraint('certificates_prefix_sequence_uq', ['prefix', 'sequence'])
    .execute();
  await db.schema.createIndex('certificates_batch_idx').on('certificates').columns(['batch_id']).execute();
}
