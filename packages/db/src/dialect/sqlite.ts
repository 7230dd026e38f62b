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
  return { dialect: new SqliteDialect({ database: withStatementCache(raw) }), raw };
}

/** How many distinct statements stay prepared; past it the cache starts over (queries with long IN lists vary). */
const STATEMENTS = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running the small indexed queries most
 * requests make (the public certificate query under load spent more time in `prepare` than in SQLite). The
 * same SQL text reuses its prepared statement: Kysely runs one query at a time on this connection, and SQLite
 * recompiles a statement by itself when the schema changed.
 */
function withStatementCache(raw: SQLite.Database): ConstructorParameters<typeof SqliteDialect>[0]['database'] {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare: (sql: string) => {
      let statement = prepared.get(sql);
      if (!statement) {
        if (prepared.size >= STATEMENTS) prepared.clear();
        statement = raw.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    },
  };
}
