import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, resolveDbPath } from './index.ts';

describe('openDatabase', () => {
  it('creates the file, runs every migration and uses WAL with synchronous=FULL', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kaowu-db-')), 'nested', 'k.db');
    const db = await openDatabase(path);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2); // 2 = FULL
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['items', 'item_versions', 'audit_log', 'certifications']),
    );
    await db.destroy();
    // reopening an up-to-date database is a no-op
    const again = await openDatabase(path);
    await again.destroy();
  });

  it('resolves the path from the flag, then KAOWU_DB, then ./data/kaowu.db', () => {
    expect(resolveDbPath('/x/a.db', { KAOWU_DB: '/y/b.db' })).toBe('/x/a.db');
    expect(resolveDbPath(undefined, { KAOWU_DB: '/y/b.db' })).toBe('/y/b.db');
    expect(resolveDbPath(undefined, {})).toMatch(/data\/kaowu\.db$/);
  });
});
