import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../dialect/sqlite.ts';
import { migrateToLatest, migrations } from '../index.ts';

const T = '2026-11-02T01:00:00.000Z';

/** A database at 0006 holding one attempt and a row of every table that points at attempts. */
async function databaseBefore0007(): Promise<{ db: Kysely<unknown>; raw: ReturnType<typeof sqliteDialect>['raw'] }> {
  const { dialect, raw } = sqliteDialect(join(mkdtempSync(join(tmpdir(), 'kaowu-0007-')), 'k.db'));
  const db = new Kysely<unknown>({ dialect });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(
    '0006-show-score',
  );
  if (error) throw error;
  const run = (text: string, ...values: unknown[]) => raw.prepare(text).run(...values);
  run(`insert into users (username, display_name, password_hash, created_at) values ('admin', 'A', null, ?)`, T);
  run(
    `insert into batches (id, plan_number, name, occupation_code, level, ticket_prefix, created_by, created_at) values ('b1', 'P1', 'B', '6-31-01-03', 5, '2026', 'admin', ?)`,
    T,
  );
  run(`insert into exam_windows (id, batch_id, starts_at, ends_at) values ('w1', 'b1', ?, ?)`, T, T);
  run(
    `insert into rooms (id, batch_id, code, name, seats, columns, window_id, status) values ('r1', 'b1', '01', 'R', 1, 1, 'w1', 'open')`,
  );
  run(
    `insert into candidates (id, batch_id, ticket, name, id_number, sex, birth_date, education, unit, occupation_years, room_id, seat, absent, created_at)
       values ('c1', 'b1', 'T1', '王伟', '11010519491231002X', 'F', '1949-12-31', '高中', 'U', 3, 'r1', 1, 0, ?)`,
    T,
  );
  run(
    `insert into papers (id, occupation_code, level, form, assembly_id, snapshot_hash, blueprint_json, blueprint_hash, seed, usage_json, outline_json, paper_json, paper_hash, draft, batch_id, created_by, created_at)
       values ('p1', '6-31-01-03', 5, 'A', 'x', 'h', '{}', 'h', 's', '{}', '{}', '{}', 'h', 0, 'b1', 'admin', ?)`,
    T,
  );
  run(
    `insert into attempts (id, candidate_id, paper_id, status, started_at, duration_ms, extension_ms, paused_ms, paused_since, self_paused, deadline_at, device_id, session_id)
       values ('a1', 'c1', 'p1', 'in_progress', ?, 3600000, 60000, 0, null, 0, '2026-11-02T02:01:00.000Z', 'dev-1', 's1')`,
    T,
  );
  run(
    `insert into answers (attempt_id, item_code, response_json, canonical_json, seq, saved_at) values ('a1', 'Q001', 'true', 'true', 1, ?)`,
    T,
  );
  run(
    `insert into attempt_events (id, attempt_id, kind, detail_json, client_at, at) values ('e1', 'a1', 'focus_loss', '{}', null, ?)`,
    T,
  );
  run(
    `insert into device_transfers (id, attempt_id, from_device, to_device, status, requested_at) values ('t1', 'a1', 'dev-1', 'dev-2', 'pending', ?)`,
    T,
  );
  run(
    `insert into theory_scores (candidate_id, batch_id, attempt_id, score, detail_json, basis_hash, scored_at) values ('c1', 'b1', 'a1', 1, '{}', 'h', ?)`,
    T,
  );
  return { db, raw };
}

describe('migration 0007: attempts start after login', () => {
  it('makes started_at nullable and keeps every attempt, the rows pointing at it, the index and the foreign keys', async () => {
    const { db, raw } = await databaseBefore0007();
    await migrateToLatest(db);

    expect(raw.prepare(`select * from attempts`).all()).toEqual([
      expect.objectContaining({
        id: 'a1',
        status: 'in_progress',
        started_at: T,
        duration_ms: 3600000,
        extension_ms: 60000,
        deadline_at: '2026-11-02T02:01:00.000Z',
        device_id: 'dev-1',
      }),
    ]);
    const columns = raw.prepare(`pragma table_info(attempts)`).all() as { name: string; notnull: number }[];
    expect(columns.find((c) => c.name === 'started_at')?.notnull).toBe(0);
    expect(columns.filter((c) => c.notnull === 1).map((c) => c.name)).toEqual([
      'candidate_id',
      'paper_id',
      'status',
      'duration_ms',
      'extension_ms',
      'paused_ms',
      'self_paused',
      'device_id',
    ]);
    expect(raw.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'attempts'`).all()).toEqual(
      expect.arrayContaining([{ name: 'attempts_open_idx' }]),
    );
    for (const table of ['answers', 'attempt_events', 'device_transfers', 'theory_scores'])
      expect(
        (raw.prepare(`select count(*) as n from ${table} where attempt_id = 'a1'`).get() as { n: number }).n,
        table,
      ).toBe(1);

    // Foreign keys are on again, in both directions.
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      raw
        .prepare(
          `insert into answers (attempt_id, item_code, response_json, canonical_json, seq, saved_at) values ('nope', 'Q1', 'true', 'true', 1, ?)`,
        )
        .run(T),
    ).toThrow(/FOREIGN KEY/);
    expect(() => raw.prepare(`delete from attempts where id = 'a1'`).run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      raw
        .prepare(
          `insert into attempts (id, candidate_id, paper_id, status, started_at, duration_ms, extension_ms, paused_ms, self_paused, device_id) values ('a2', 'c1', 'p1', 'not_started', null, 0, 0, 0, 0, 'd')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    raw.prepare(`update attempts set status = 'not_started', started_at = null where id = 'a1'`).run();
    expect(await sql`pragma foreign_key_check`.execute(db)).toMatchObject({ rows: [] });
    await db.destroy();
  });
});
