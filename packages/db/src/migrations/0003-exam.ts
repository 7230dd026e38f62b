import type { Kysely } from 'kysely';

/**
 * The exam server: batches (认定批次) with windows, rooms and staff; the roster; attempts with their clock,
 * answers, client events, device transfers, incidents; server secrets and staff sessions.
 * Dialect-neutral like the rest: text keys, ISO-8601 text times, integer booleans, JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('ticket_prefix', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('exam_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('columns', 'integer', (c) => c.notNull())
    .addColumn('window_id', 'text', (c) => c.notNull().references('exam_windows.id'))
    // closed → open → closed again; logins only while open.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('rooms_batch_code_uq', ['batch_id', 'code'])
    .execute();
  await db.schema
    .createTable('batch_staff')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('duty', 'text', (c) => c.notNull())
    // Proctors are assigned to a room; other duties cover the whole batch ('' = every room).
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_staff_pk', ['batch_id', 'username', 'duty', 'room_id'])
    .execute();
  await db.schema
    .createTable('candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('ticket', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('occupation_years', 'real', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('absent', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('candidates_batch_id_number_uq', ['batch_id', 'id_number'])
    .addUniqueConstraint('candidates_room_seat_uq', ['room_id', 'seat'])
    .execute();
  await db.schema
    .createTable('attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().unique().references('candidates.id'))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    // The clock (see services/exam/clock.ts): base time, extensions, closed pauses and an open pause.
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('extension_ms', 'integer', (c) => c.notNull())
    .addColumn('paused_ms', 'integer', (c) => c.notNull())
    .addColumn('paused_since', 'text')
    .addColumn('self_paused', 'integer', (c) => c.notNull())
    // Null while paused: the deadline moves until the clock runs again. Indexed for the expiry sweep.
    .addColumn('deadline_at', 'text')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submit_reason', 'text')
    .addColumn('score', 'real')
    .addColumn('score_json', 'text')
    .execute();
  await db.schema.createIndex('attempts_open_idx').on('attempts').columns(['status', 'deadline_at']).execute();
  await db.schema
    .createTable('answers')
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    // As the candidate gave it (their variant's option order), and mapped back to the paper's order.
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('canonical_json', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['attempt_id', 'item_code'])
    .execute();
  await db.schema
    .createTable('attempt_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('client_at', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_events_attempt_idx').on('attempt_events').columns(['attempt_id']).execute();
  await db.schema
    .createTable('device_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id'))
    .addColumn('from_device', 'text', (c) => c.notNull())
    .addColumn('to_device', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('device_transfers_attempt_idx').on('device_transfers').columns(['attempt_id']).execute();
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
    .addColumn('candidate_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  // Signing keys live with the data, so tokens stay valid across a restart of the server.
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
