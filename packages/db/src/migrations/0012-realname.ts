import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * 实名制 and accommodations (issue 17): each candidate's roster photo (resized, as stored and served), the
 * accommodations a candidate is granted (extra minutes and/or a time multiplier, a large default font), the
 * proctor's 实名核验 per candidate, the webcam frame taken at 开始答题 (or why there is none), and the batch
 * setting that asks for it. Tables of their own keyed by candidate, so the candidates row stays as it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('candidate_photos')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('mime', t.text, (c) => c.notNull())
    .addColumn('data', t.blob, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('uploaded_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('candidate_accommodations')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('extra_minutes', t.integer, (c) => c.notNull())
    // The paper's minutes are multiplied by it (1: none), then the extra minutes added.
    .addColumn('time_factor', t.real, (c) => c.notNull())
    .addColumn('large_font', t.integer, (c) => c.notNull())
    .addColumn('updated_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('identity_checks')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('note', t.text)
    .addColumn('checked_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('checked_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('start_frames')
    .addColumn('candidate_id', t.text, (c) => c.primaryKey().references('candidates.id'))
    // captured | refused (no consent) | unavailable (no camera, or it failed)
    .addColumn('outcome', t.text, (c) => c.notNull())
    .addColumn('mime', t.text)
    .addColumn('data', t.blob)
    .addColumn('reason', t.text)
    .addColumn('at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('batches')
    .addColumn('webcam_frame', t.integer, (c) => c.notNull().defaultTo(0))
    .execute();
}
