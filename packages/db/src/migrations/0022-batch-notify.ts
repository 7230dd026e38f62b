import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/index.ts';

/**
 * Several exam servers on one PostgreSQL database (README "Operating several servers"): each caches the
 * settings candidate requests read per batch (Safe Exam Browser key, score display, webcam frames). A trigger
 * announces every change to them, whichever process wrote it (a server, or `kaowu` on the command line):
 * `pg_notify('kaowu_batch', id)`, delivered to every listening server at COMMIT, which drops its copy.
 * SQLite has one exam server per database and nothing to announce.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create function kaowu_batch_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('kaowu_batch', new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger batches_notify after update on batches for each row
    when (
      (old.seb_config_key, old.show_score, old.webcam_frame)
      is distinct from
      (new.seb_config_key, new.show_score, new.webcam_frame)
    )
    execute function kaowu_batch_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger batches_notify on batches`.execute(db);
  await sql`drop function kaowu_batch_changed()`.execute(db);
}
