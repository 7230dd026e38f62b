import type { Kysely } from 'kysely';

/**
 * Results (issue 6): the batch's assessment plan, candidates' application facts and elective choices,
 * assessor panels and avoidance, two-person score entry, spread resolutions, key corrections, theory
 * scores, decisions, publicity with objections, and certificates with a never-repeating sequence per prefix.
 * Dialect-neutral like the rest: text keys, ISO-8601 text times, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('batch_plans')
    .addColumn('batch_id', 'text', (c) => c.primaryKey().references('batches.id'))
    .addColumn('plan_json', 'text', (c) => c.notNull())
    .addColumn('plan_hash', 'text', (c) => c.notNull())
    // The application deadline eligibility is judged on (YYYY-MM-DD).
    .addColumn('eligibility_as_of', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('candidate_applications')
    .addColumn('candidate_id', 'text', (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    // The application facts beyond the roster's (employment, pension, certificates held, awards, evidence…).
    .addColumn('application_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidate_applications_batch_idx').on('candidate_applications').columns(['batch_id']).execute();
  await db.schema
    .createTable('candidate_electives')
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('component_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('candidate_electives_pk', ['candidate_id', 'component_code'])
    .execute();
  await db.schema.createIndex('candidate_electives_batch_idx').on('candidate_electives').columns(['batch_id']).execute();
  await db.schema
    .createTable('panel_members')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('component_code', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('leader', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_members_pk', ['batch_id', 'component_code', 'username'])
    .execute();
  await db.schema
    .createTable('panel_relations')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_relations_pk', ['candidate_id', 'username'])
    .execute();
  await db.schema
    .createTable('score_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    // Entry order within the batch: a person's later entry replaces their earlier one.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addColumn('component_code', 'text', (c) => c.notNull())
    // Whose score sheet the value was copied from.
    .addColumn('assessor', 'text', (c) => c.notNull().references('users.username'))
    // entry: a value typed or imported; confirmation: a second person confirming the other's entry.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('absent', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    // The imported file's hash, or 'manual'.
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_entries_batch_seq_uq', ['batch_id', 'seq'])
    .execute();
  await db.schema
    .createTable('spread_resolutions')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id'))
    .addColumn('component_code', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('spread_resolutions_pk', ['candidate_id', 'component_code'])
    .execute();
  await db.schema
    .createTable('key_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    // The current correction of an item; earlier ones stay in the audit trail.
    .addUniqueConstraint('key_corrections_paper_item_uq', ['paper_id', 'item_code'])
    .execute();
  await db.schema
    .createTable('theory_scores')
    .addColumn('candidate_id', 'text', (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id'))
    .addColumn('score', 'real', (c) => c.notNull())
    // Per section and outline area, and item by item.
    .addColumn('detail_json', 'text', (c) => c.notNull())
    // Hash of what the score depends on besides the answers: paper, key corrections, multiple-choice rule.
    .addColumn('basis_hash', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('theory_scores_batch_idx').on('theory_scores').columns(['batch_id']).execute();
  await db.schema
    .createTable('decisions')
    .addColumn('candidate_id', 'text', (c) => c.primaryKey().references('candidates.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('composite', 'real')
    .addColumn('decision_json', 'text', (c) => c.notNull())
    .addColumn('eligibility_json', 'text', (c) => c.notNull())
    // Who computed the decision as it stands, and when it took this value (every run is in the audit trail).
    .addColumn('computed_by', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_batch_idx').on('decisions').columns(['batch_id']).execute();
  await db.schema
    .createTable('publicities')
    .addColumn('batch_id', 'text', (c) => c.primaryKey().references('batches.id'))
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('count_publication_day', 'integer', (c) => c.notNull())
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('last_day', 'text', (c) => c.notNull())
    // The decisions as published: finalisation refuses when they changed since.
    .addColumn('decisions_hash', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('finalised_by', 'text')
    .addColumn('finalised_at', 'text')
    .execute();
  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('objections_batch_idx').on('objections').columns(['batch_id']).execute();
  await db.schema
    .createTable('certificate_sequences')
    // The number's first 16 characters: body type, body code, province, site, year, level.
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certificates')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().unique().references('candidates.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('certificates_prefix_sequence_uq', ['prefix', 'sequence'])
    .execute();
  await db.schema.createIndex('certificates_batch_idx').on('certificates').columns(['batch_id']).execute();
}
