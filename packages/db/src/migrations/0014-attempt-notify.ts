import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/index.ts';

/**
 * Several exam servers on one PostgreSQL database (README "Operating several servers"): each keeps a cache of
 * live attempts, so every change to what that cache holds (status, device and session — the revocation —,
 * clock, pause) is announced to all of them. A trigger, not the use cases, sends it, so no write path can
 * forget: `pg_notify('kaowu_attempt', id)` after each such UPDATE, delivered to every listener at COMMIT.
 * SQLite has one exam server per database and nothing to announce.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create function kaowu_attempt_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('kaowu_attempt', new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger attempts_notify after update on attempts for each row
    when (
      (old.status, old.device_id, old.session_id, old.started_at, old.duration_ms, old.extension_ms, old.paused_ms,
       old.paused_since, old.self_paused)
      is distinct from
      (new.status, new.device_id, new.session_id, new.started_at, new.duration_ms, new.extension_ms, new.paused_ms,
       new.paused_since, new.self_paused)
    )
    execute function kaowu_attempt_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger attempts_notify on attempts`.execute(db);
  await sql`drop function kaowu_attempt_changed()`.execute(db);
}
