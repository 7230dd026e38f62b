import pg from 'pg';
import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  type TransactionSettings,
} from 'kysely';

export interface PostgresOptions {
  /** Pool size (default 10). A single-session engine such as PGlite needs 1. */
  readonly maxConnections?: number;
}

/**
 * int8 (count(*), bigint columns) and numeric (sum, avg) as JS numbers, as better-sqlite3 returns SQLite's
 * integers and reals; pg's default is a string. Kaowu's values stay far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Any 64-bit constant works; this one spells "kaow". Shared by every process writing the same database. */
const WRITE_LOCK = 0x6b616f77;

/**
 * Every transaction takes one advisory lock first, so transactions run one at a time across all processes, as
 * they do on SQLite (one writer). The services rely on that: the audit chain appends seq + 1 to the head it
 * read, item versions and score-entry numbers are read-then-written. Statements outside a transaction, and
 * so most reads, still run in parallel.
 */
class SerialTransactionDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK})`));
  }
}

class KaowuPostgresDialect extends PostgresDialect {
  constructor(private readonly config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new SerialTransactionDriver(this.config);
  }
}

/**
 * A save is acknowledged only after its commit is durable (exam/group-commit.ts). PostgreSQL's commit waits for
 * the WAL flush unless synchronous_commit is off, which a server or role may set for speed: raise it back to on
 * for Kaowu's sessions. Other values (local, remote_write, remote_apply) already flush locally and are kept.
 */
const DURABLE_COMMITS = CompiledQuery.raw(
  `select set_config('synchronous_commit', 'on', false) where current_setting('synchronous_commit') = 'off'`,
);

const pools = new WeakMap<object, pg.Pool>();

/** The `pg` pool behind a dialect made by postgresDialect (undefined for any other), for openDatabase to hand out. */
export const poolOfDialect = (dialect: object): pg.Pool | undefined => pools.get(dialect);

/** PostgreSQL over the `pg` pool, for a `postgres://` or `postgresql://` URL. */
export function postgresDialect(url: string, options: PostgresOptions = {}): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types,
    application_name: 'kaowu',
  });
  // An idle client whose connection dropped (server restart, network): the pool discards it and the next
  // query connects again. Without a listener the error would end the process.
  pool.on('error', (e) => console.error(`PostgreSQL 空闲连接中断（将自动重连）: ${e.message}`));
  // The same for a client in use between two queries (inside a transaction): the pool listens only to idle ones,
  // and an unheard 'error' would end the process — every server at once when the database restarts. The query in
  // flight fails on its own; the pool discards the broken client when it comes back.
  pool.on('connect', (client) =>
    client.on('error', (e) => console.error(`PostgreSQL 连接中断（当前操作失败，将自动重连）: ${e.message}`)),
  );
  const dialect = new KaowuPostgresDialect({
    pool,
    onCreateConnection: (connection) => connection.executeQuery(DURABLE_COMMITS).then(() => undefined),
  });
  pools.set(dialect, pool);
  return dialect;
}
