import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, resolveDbPath, type Db } from './index.ts';
import { describeOnPostgres } from './testing.ts';

describe('choosing PostgreSQL by URL', () => {
  it('passes postgres:// and postgresql:// URLs through unchanged, resolving only file paths', () => {
    const url = 'postgresql://kaowu:secret@db.internal:5432/kaowu?sslmode=require';
    expect(resolveDbPath(url, { KAOWU_DB: '/y/b.db' })).toBe(url);
    expect(resolveDbPath(undefined, { KAOWU_DB: 'postgres://localhost/kaowu' })).toBe('postgres://localhost/kaowu');
    expect(resolveDbPath('postgres-notes.db', {})).toMatch(/^\/.*postgres-notes\.db$/);
  });
});

/** Writes the same rows and reads them back, so SQLite and PostgreSQL can be compared value for value. */
async function roundTrip(db: Db) {
  await db
    .insertInto('users')
    .values({
      username: 'u',
      display_name: '王',
      password_hash: null,
      failed_logins: 2 ** 40,
      locked_until: null,
      created_at: '2026-11-02T01:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('assets')
    .values({
      occupation_code: '6-31-01-03',
      level: 5,
      name: 'a.png',
      mime: 'image/png',
      data: Uint8Array.from([0, 1, 254, 255]),
      hash: 'h',
    })
    .execute();
  await db
    .insertInto('settings')
    .values([
      { key: 'b', value: '1' },
      { key: 'B', value: '2' },
      { key: 'a-1', value: '3' },
      { key: 'a1', value: '4' },
    ])
    .execute();
  const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
  const asset = await db.selectFrom('assets').selectAll().executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('settings')
    .select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('key').as('top')])
    .executeTakeFirstOrThrow();
  const order = (await db.selectFrom('settings').select('key').orderBy('key').execute()).map((r) => r.key);
  const updated = await db
    .updateTable('users')
    .set({ failed_logins: 0 })
    .where('username', '=', 'u')
    .executeTakeFirst();
  return { user, asset: { ...asset, data: [...asset.data] }, counts, order, updated: updated.numUpdatedRows };
}

describeOnPostgres('openDatabase', (engine) => {
  it('migrates an empty database, and reopening it is a no-op', async () => {
    const url = await engine.fresh();
    const db = await openDatabase(url, engine.options);
    const migrated = await db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(migrated.length).toBeGreaterThanOrEqual(7);
    await db.destroy();
    const again = await openDatabase(url, engine.options);
    expect(
      await again
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute(),
    ).toEqual(migrated);
    await again.destroy();
  });

  // 64-bit integers and counts as numbers, bytes, bytewise text order.
  it('gives the same JS values as SQLite', async () => {
    const lite = await openDatabase(':memory:');
    const expected = await roundTrip(lite);
    await lite.destroy();
    expect(expected.user.failed_logins).toBe(2 ** 40);
    expect(expected.order).toEqual(['B', 'a-1', 'a1', 'b']);
    expect(await roundTrip(await engine.open())).toEqual(expected);
  });

  it('keeps commits durable: a session that starts with synchronous_commit=off is raised to on', async () => {
    // The server honours startup options from the URL; PGlite ignores them, so there this checks the default.
    const url = new URL(await engine.fresh());
    url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} -c synchronous_commit=off`.trim());
    const db = await openDatabase(url.toString(), engine.options);
    expect((await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db)).rows).toEqual([
      { synchronous_commit: 'on' },
    ]);
    await db.destroy();
  });

  it('runs transactions one at a time, holding the write lock, as SQLite has one writer', async () => {
    const url = await engine.fresh();
    const [a, b] = [await openDatabase(url, engine.options), await openDatabase(url, engine.options)];
    await a.insertInto('settings').values({ key: 'n', value: '0' }).execute();
    // Read, wait, write back + 1: without the lock both read 0 under READ COMMITTED and the result is 1.
    const increment = (db: Db) =>
      db.transaction().execute(async (trx) => {
        const { value } = await trx
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'n')
          .executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 50));
        await trx
          .updateTable('settings')
          .set({ value: String(Number(value) + 1) })
          .where('key', '=', 'n')
          .execute();
        const held = sql<{ n: number }>`
          select count(*) as n from pg_locks
          where locktype = 'advisory' and granted and pid = pg_backend_pid()`;
        return (await held.execute(trx)).rows[0]?.n;
      });
    expect(await Promise.all([increment(a), increment(b), increment(a)])).toEqual([1, 1, 1]);
    expect(await a.selectFrom('settings').select('value').where('key', '=', 'n').executeTakeFirst()).toEqual({
      value: '3',
    });
    await Promise.all([a.destroy(), b.destroy()]);
  });
});
