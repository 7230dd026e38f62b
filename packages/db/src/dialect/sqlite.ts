import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/**
 * The write-ahead log's flush to disk, done off the event loop. better-sqlite3 runs a commit synchronously, so
 * with synchronous=FULL every commit holds the whole server still for its fsync (milliseconds each, hundreds in
 * an exam-start spike). A writer that batches (the exam server's group commit) can instead commit with
 * synchronous=NORMAL — SQLite writes the transaction's WAL frames before COMMIT returns, only the fsync is left
 * out — and then call `sync()`, which fdatasyncs the WAL file on libuv's thread pool, and acknowledge nothing
 * before it resolves: the same durability as FULL (the commit is on disk before anyone is told), while the
 * server goes on parsing requests and building the next transaction. Calls that arrive while a flush runs
 * share the next one (its data may have been written after the running flush began), so a flush covers
 * every commit before it. This process keeps its connection open, so SQLite never deletes or replaces the
 * WAL file under the handle (a checkpoint only rewinds or truncates it, same file).
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  /** fdatasync calls made, for tests. */
  flushes = 0;

  constructor(private readonly walPath: string) {}

  sync(): Promise<void> {
    if (this.running === null) return this.start();
    this.next ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<void> {
    this.next = null;
    const run = (async () => {
      this.handle ??= open(this.walPath, 'r+');
      this.flushes++;
      await (await this.handle).datasync();
    })();
    this.running = run;
    void run.then(
      () => this.clear(run),
      () => this.clear(run),
    );
    return run;
  }

  private clear(run: Promise<void>): void {
    if (this.running === run) this.running = null;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await (await handle)?.close();
  }
}

const walSyncs = new WeakMap<object, WalSync>();

/** The WAL flush of a SQLite dialect made by `sqliteDialect` for a file; undefined for `:memory:`. */
export const walSyncOf = (dialect: object): WalSync | undefined => walSyncs.get(dialect);

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
  const wal = path === ':memory:' ? undefined : new WalSync(`${path}-wal`);
  const dialect = new SqliteDialect({ database: withStatementCache(raw, wal) });
  if (wal) walSyncs.set(dialect, wal);
  return { dialect, raw };
}

/** How many distinct statements stay prepared; past it the cache starts over (queries with long IN lists vary). */
const STATEMENTS = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running the small indexed queries most
 * requests make (the public certificate query under load spent more time in `prepare` than in SQLite). The
 * same SQL text reuses its prepared statement: Kysely runs one query at a time on this connection, and SQLite
 * recompiles a statement by itself when the schema changed.
 */
function withStatementCache(
  raw: SQLite.Database,
  wal: WalSync | undefined,
): ConstructorParameters<typeof SqliteDialect>[0]['database'] {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      void wal?.close();
      raw.close();
    },
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
