import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/**
 * The embedded default. WAL lets readers run beside the writer; synchronous=FULL makes each commit
 * survive a power cut, not only a process crash (this SQLite build defaults WAL databases to NORMAL,
 * which can lose the last transactions on power loss).
 */
export function sqliteDialect(path: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return { dialect: new SqliteDialect({ database: raw }), raw };
}
