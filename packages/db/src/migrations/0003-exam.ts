import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The exam server: batches (认定批次) with windows, rooms and staff; the roster; attempts with their clock,
 * answers, client events, device transfers, incidents; server secrets and staff sessions.
 * Dialect-neutral like the rest: text keys, ISO-8601 text times, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('batches')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('plan_number', t.text, (c) => c.notNull().unique())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('ticket_prefix', t.text, (c) => c.notNull().unique())
    .addColumn('created_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('created_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('exam_windows')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('starts_at', t.text, (c) => c.notNull())
    .addColumn('ends_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rooms')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('code', t.text, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('seats', t.integer, (c) => c.notNull())
    .addColumn('columns', t.integer, (c) => c.notNull())
    .addColumn('window_id', t.text, (c) => c.notNull().references('exam_windows.id'))
    // closed → open → closed again; logins only while open.
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('paused_at', t.text)
    .addColumn('opened_at', t.text)
    .addColumn('closed_at', t.text)
    .addUniqueConstraint('rooms_batch_code_uq', ['batch_id', 'code'])
    .execute();
  await db.schema
    .createTable('batch_staff')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('duty', t.text, (c) => c.notNull())
    // Proctors are assigned to a room; other duties cover the whole batch ('' = every room).
    .addColumn('room_id', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_staff_pk', ['batch_id', 'username', 'duty', 'room_id'])
    .execute();
  await db.schema
    .createTable('candidates')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('ticket', t.text, (c) => c.notNull().unique())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('id_number', t.text, (c) => c.notNull())
    .addColumn('sex', t.text, (c) => c.notNull())
    .addColumn('birth_date', t.text, (c) => c.notNull())
    .addColumn('education', t.text, (c) => c.notNull())
    .addColumn('unit', t.text, (c) => c.notNull())
    .addColumn('occupation_years', t.real, (c) => c.notNull())
    .addColumn('room_id', t.text, (c) => c.notNull().references('rooms.id'))
    .addColumn('seat', t.integer, (c) => c.notNull())
    .addColumn('absent', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.text, (c) => c.notNull())
    .addUniqueConstraint('candidates_batch_id_number_uq', ['batch_id', 'id_number'])
    .addUniqueConstraint('candidates_room_seat_uq', ['room_id', 'seat'])
    .execute();
  await db.schema
    .createTable('attempts')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('candidate_id', t.text, (c) => c.notNull().unique().references('candidates.id'))
    .addColumn('paper_id', t.text, (c) => c.notNull().references('papers.id'))
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('started_at', t.text, (c) => c.notNull())
    // The clock (see services/exam/clock.ts): base time, extensions, closed pauses and an open pause.
    .addColumn('duration_ms', t.integer, (c) => c.notNull())
    .addColumn('extension_ms', t.integer, (c) => c.notNull())
    .addColumn('paused_ms', t.integer, (c) => c.notNull())
    .addColumn('paused_since', t.text)
    .addColumn('self_paused', t.integer, (c) => c.notNull())
    // Null while paused: the deadline moves until the clock runs again. Indexed for the expiry sweep.
    .addColumn('deadline_at', t.text)
    .addColumn('device_id', t.text, (c) => c.notNull())
    .addColumn('session_id', t.text)
    .addColumn('submitted_at', t.text)
    .addColumn('submitted_by', t.text)
    .addColumn('submit_reason', t.text)
    .addColumn('score', t.real)
    .addColumn('score_json', t.text)
    .execute();
  await db.schema.createIndex('attempts_open_idx').on('attempts').columns(['status', 'deadline_at']).execute();
  await db.schema
    .createTable('answers')
    .addColumn('attempt_id', t.text, (c) => c.notNull().references('attempts.id'))
    .addColumn('item_code', t.text, (c) => c.notNull())
    // As the candidate gave it (their variant's option order), and mapped back to the paper's order.
    .addColumn('response_json', t.text, (c) => c.notNull())
    .addColumn('canonical_json', t.text, (c) => c.notNull())
    .addColumn('seq', t.integer, (c) => c.notNull())
    .addColumn('saved_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['attempt_id', 'item_code'])
    .execute();
  await db.schema
    .createTable('attempt_events')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('attempt_id', t.text, (c) => c.notNull().references('attempts.id'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('detail_json', t.text, (c) => c.notNull())
    .addColumn('client_at', t.text)
    .addColumn('at', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_events_attempt_idx').on('attempt_events').columns(['attempt_id']).execute();
  await db.schema
    .createTable('device_transfers')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('attempt_id', t.text, (c) => c.notNull().references('attempts.id'))
    .addColumn('from_device', t.text, (c) => c.notNull())
    .addColumn('to_device', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('requested_at', t.text, (c) => c.notNull())
    .addColumn('decided_by', t.text)
    .addColumn('decided_at', t.text)
    .execute();
  await db.schema.createIndex('device_transfers_attempt_idx').on('device_transfers').columns(['attempt_id']).execute();
  await db.schema
    .createTable('incidents')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('room_id', t.text, (c) => c.notNull().references('rooms.id'))
    .addColumn('candidate_id', t.text)
    .addColumn('note', t.text, (c) => c.notNull())
    .addColumn('recorded_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('recorded_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('created_at', t.text, (c) => c.notNull())
    .addColumn('expires_at', t.text, (c) => c.notNull())
    .addColumn('revoked_at', t.text)
    .execute();
  // Signing keys live with the data, so tokens stay valid across a restart of the server.
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', t.text, (c) => c.primaryKey())
    .addColumn('value', t.text, (c) => c.notNull())
    .addColumn('created_at', t.text, (c) => c.notNull())
    .execute();
}
