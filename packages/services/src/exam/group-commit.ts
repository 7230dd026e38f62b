import { isPostgres, walSyncFor, type Database, type Db, type Json, type WalSync } from '@kaowu/db';
import { KaowuError, type ItemResponse } from '@kaowu/domain';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { deferAuditRows, flushDeferredAudit, forgetAuditHead, rememberAuditHead } from '../audit/writer.ts';

export interface AnswerWrite {
  readonly attemptId: string;
  readonly itemCode: string;
  readonly responseJson: Json<ItemResponse>;
  readonly canonicalJson: Json<ItemResponse>;
  readonly seq: number;
  readonly savedAt: string;
}

/** What the database holds for the answer after the commit: the save's own seq, or a higher one that won. */
export interface AnswerAck {
  readonly seq: number;
  readonly storedSeq: number;
}

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

/** A work failed in a transaction run without savepoints: the transaction is rolled back and run with them. */
class WorkFailed extends Error {}

type Op =
  | { kind: 'answer'; write: AnswerWrite; resolve: (ack: AnswerAck) => void; reject: (e: unknown) => void }
  | { kind: 'work'; work: Work<unknown>; resolve: (value: unknown) => void; reject: (e: unknown) => void };

/** Ops per transaction: large enough to amortise the fsync, small enough to keep latency flat. */
const MAX_OPS = 2000;
/**
 * Rows per INSERT statement (6 parameters each, far below SQLite's 32,766 and PostgreSQL's 65,535). Each row count
 * has its own SQL text, built once and then reused. SQLite keeps every text prepared in a cache of 500 statements:
 * at most 128 rows keeps the upsert's texts few and small there. On PostgreSQL each statement is a round trip
 * inside the write lock, and fewer, larger statements measured cheaper.
 */
const ROWS_PER_STATEMENT = { sqlite: 128, postgres: 500 } as const;

/** The answer columns in the order of each row's parameters in the upsert. */
const ANSWER_COLUMNS = 6;
const answerParameters = (w: AnswerWrite): unknown[] => [
  w.attemptId,
  w.itemCode,
  w.responseJson,
  w.canonicalJson,
  w.seq,
  w.savedAt,
];

/**
 * PostgreSQL only (several servers): which of the group's attempts are submitted. The ids go as one array
 * parameter: one short statement text whatever the group's size, where an IN list grows with the group (up to
 * 2,000 parameters) and is a new text for PostgreSQL to parse and plan at each size.
 */
const SUBMITTED_AMONG = "select id from attempts where status = 'submitted' and id = any($1::text[])";

const SYNCHRONOUS_NORMAL = CompiledQuery.raw('pragma synchronous = NORMAL');
const SYNCHRONOUS_FULL = CompiledQuery.raw('pragma synchronous = FULL');

/**
 * Group commit: every exam write goes through one queue. A flush runs everything queued in ONE transaction,
 * in queue order (consecutive answer saves become multi-row upserts), commits, and only once the commit is
 * durable resolves each caller. A failure before that rejects every op of the transaction: nothing is ever
 * acknowledged that is not durable.
 *
 * Durable means on disk. PostgreSQL's COMMIT returns after its WAL flush (synchronous_commit on). On a SQLite
 * file the transaction commits with synchronous=NORMAL (WAL frames written, no fsync, the event loop never
 * waits on the disk) and is acknowledged after WalSync's fdatasync of the WAL on the thread pool: meanwhile
 * the server goes on parsing requests and the next batch gathers. Every other write on the connection keeps
 * synchronous=FULL (the pragma is set back before the connection is released).
 *
 * One failing work function (a business rule checked inside the transaction) rolls back only itself and
 * rejects only its own caller: the transaction first runs without savepoints and, when a work fails, is rolled
 * back and run again with a savepoint around each work. A work may therefore run twice, the first run rolled
 * back: it changes nothing but the database (caches and live views are updated by its caller after the commit).
 */
export class GroupCommit {
  private queue: Op[] = [];
  private running: Promise<void> | null = null;
  private readonly wal: WalSync | undefined;
  /** Transactions committed and ops acknowledged, for the benchmark and tests. */
  readonly stats = { transactions: 0, ops: 0 };

  /**
   * On PostgreSQL several servers may take saves of one attempt: another server's submission reaches this one's
   * attempt cache only with its notification, so each group re-reads, under the write lock, which of its attempts
   * are submitted, and refuses their saves. One process on SQLite needs no check (its `closing` set suffices).
   */
  private readonly checkSubmitted: boolean;

  private readonly rowsPerStatement: number;

  /** The upsert's SQL text per row count, as Kysely compiles it for this database (built on first use). */
  private readonly upsertSql = new Map<number, string>();

  constructor(private readonly db: Db) {
    this.checkSubmitted = isPostgres(db as unknown as Kysely<unknown>);
    this.rowsPerStatement = this.checkSubmitted ? ROWS_PER_STATEMENT.postgres : ROWS_PER_STATEMENT.sqlite;
    this.wal = walSyncFor(db);
  }

  saveAnswer(write: AnswerWrite): Promise<AnswerAck> {
    return new Promise((resolve, reject) => this.push({ kind: 'answer', write, resolve, reject }));
  }

  /** Runs `work` in the next group transaction; resolves with its result after the commit. */
  write<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.push({ kind: 'work', work, resolve: resolve as (v: unknown) => void, reject }),
    );
  }

  /** Resolves when everything queued so far is committed (or rejected). */
  async drain(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private push(op: Op): void {
    this.queue.push(op);
    if (this.running === null)
      this.running = new Promise<void>((done) => setImmediate(() => void this.loop().finally(done)));
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_OPS);
        await this.flush(batch);
      }
    } finally {
      this.running = null;
      // Ops that arrived after the last check start a new loop.
      if (this.queue.length > 0)
        this.running = new Promise<void>((done) => setImmediate(() => void this.loop().finally(done)));
    }
  }

  private async flush(batch: Op[]): Promise<void> {
    let settle: (() => void)[] = [];
    // First without savepoints (two statements, on PostgreSQL two round trips, fewer per work); a work that
    // fails rolls the whole transaction back, and the batch runs again with a savepoint around each work.
    const run = async (db: Db): Promise<void> => {
      try {
        await this.transact(db, batch, settle, false);
      } catch (e) {
        if (!(e instanceof WorkFailed)) throw e;
        settle = [];
        await this.transact(db, batch, settle, true);
      }
    };
    try {
      if (this.wal === undefined) await run(this.db);
      else
        await this.db.connection().execute(async (conn) => {
          await conn.executeQuery(SYNCHRONOUS_NORMAL);
          try {
            await run(conn);
          } finally {
            await conn.executeQuery(SYNCHRONOUS_FULL);
          }
        });
    } catch (e) {
      for (const op of batch) op.reject(e);
      return;
    }
    this.stats.transactions++;
    this.stats.ops += batch.length;
    if (this.wal === undefined) {
      for (const s of settle) s();
      return;
    }
    // The next transaction waits for this flush (ops queue meanwhile, the event loop keeps parsing requests):
    // one commit and one flush in flight keeps every batch as large as the disk's pace allows, where starting a
    // transaction per arriving op would split the acknowledgements over many small flushes.
    try {
      await this.wal.sync();
    } catch (e) {
      for (const op of batch) op.reject(e);
      return;
    }
    for (const s of settle) s();
  }

  /** One transaction over `batch`: each caller's outcome goes into `settle`, to be told once it is durable. */
  private async transact(db: Db, batch: Op[], settle: (() => void)[], savepoints: boolean): Promise<void> {
    const trx = await db.startTransaction().execute();
    // Each work's audit record follows the previous one's without reading the head again.
    rememberAuditHead(trx);
    // Without savepoints a failing work rolls everything back: the works' audit records go in one INSERT at the end.
    if (!savepoints) deferAuditRows(trx);
    try {
      let i = 0;
      while (i < batch.length) {
        const op = batch[i]!;
        if (op.kind === 'work') {
          settle.push(await (savepoints ? this.runWork(trx, op) : this.runWorkBare(trx, op)));
          i++;
          continue;
        }
        let j = i;
        while (j < batch.length && batch[j]!.kind === 'answer') j++;
        settle.push(...(await this.upsertAnswers(trx, batch.slice(i, j) as Extract<Op, { kind: 'answer' }>[])));
        i = j;
      }
      await flushDeferredAudit(trx);
      await trx.commit().execute();
    } catch (e) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw e;
    }
  }

  private async runWorkBare(trx: Transaction<Database>, op: Extract<Op, { kind: 'work' }>): Promise<() => void> {
    let value: unknown;
    try {
      value = await op.work(trx);
    } catch {
      throw new WorkFailed();
    }
    return () => op.resolve(value);
  }

  private async runWork(trx: Transaction<Database>, op: Extract<Op, { kind: 'work' }>): Promise<() => void> {
    // One name for every work: they run one after another, each savepoint released or rolled back before the
    // next, and the same SQL text stays one prepared statement (a new name per work filled SQLite's cache).
    const name = 'group_work';
    await sql`savepoint ${sql.id(name)}`.execute(trx);
    try {
      const value = await op.work(trx);
      await sql`release savepoint ${sql.id(name)}`.execute(trx);
      return () => op.resolve(value);
    } catch (e) {
      await sql`rollback to savepoint ${sql.id(name)}`.execute(trx);
      forgetAuditHead(trx);
      await sql`release savepoint ${sql.id(name)}`.execute(trx);
      return () => op.reject(e);
    }
  }

  /**
   * The upsert of `chunk` as Kysely writes it, compiled once per row count: building and compiling the query per
   * group cost more than SQLite's own work on it. The first use of each row count checks that the parameters
   * given (answerParameters per row) are the ones Kysely put into the text, in the same order.
   */
  private upsertText(chunk: readonly AnswerWrite[], parameters: readonly unknown[]): string {
    const known = this.upsertSql.get(chunk.length);
    if (known !== undefined) return known;
    const newer = sql<boolean>`excluded.seq > answers.seq`;
    const compiled = this.db
      .insertInto('answers')
      .values(
        chunk.map((w) => ({
          attempt_id: w.attemptId,
          item_code: w.itemCode,
          response_json: w.responseJson,
          canonical_json: w.canonicalJson,
          seq: w.seq,
          saved_at: w.savedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['attempt_id', 'item_code']).doUpdateSet({
          response_json: sql`case when ${newer} then excluded.response_json else answers.response_json end`,
          canonical_json: sql`case when ${newer} then excluded.canonical_json else answers.canonical_json end`,
          saved_at: sql`case when ${newer} then excluded.saved_at else answers.saved_at end`,
          seq: sql`case when ${newer} then excluded.seq else answers.seq end`,
        }),
      )
      .returning(['attempt_id', 'item_code', 'seq'])
      .compile();
    if (
      compiled.parameters.length !== chunk.length * ANSWER_COLUMNS ||
      compiled.parameters.some((p, i) => p !== parameters[i])
    )
      throw new Error('group commit: the upsert parameters differ from the compiled query');
    this.upsertSql.set(chunk.length, compiled.sql);
    return compiled.sql;
  }

  /**
   * One upsert per chunk. A lower or equal seq never overwrites a higher one; RETURNING gives the seq the row
   * holds afterwards, so each caller learns whether its save is what is stored or was superseded.
   */
  private async upsertAnswers(
    trx: Transaction<Database>,
    queued: Extract<Op, { kind: 'answer' }>[],
  ): Promise<(() => void)[]> {
    let ops = queued;
    const refused: (() => void)[] = [];
    if (this.checkSubmitted) {
      const ids = [...new Set(ops.map((op) => op.write.attemptId))];
      const submitted = new Set(
        (await trx.executeQuery<{ id: string }>(CompiledQuery.raw(SUBMITTED_AMONG, [ids]))).rows.map((r) => r.id),
      );
      if (submitted.size > 0) {
        const late = ops.filter((op) => submitted.has(op.write.attemptId));
        ops = ops.filter((op) => !submitted.has(op.write.attemptId));
        const error = new KaowuError('attempt_submitted', '已交卷，不能再修改答案', 'attempt already submitted');
        refused.push(...late.map((op) => () => op.reject(error)));
      }
    }
    // Within one statement each row may be touched once (PostgreSQL insists): keep the highest seq per answer.
    const best = new Map<string, AnswerWrite>();
    for (const op of ops) {
      const key = `${op.write.attemptId}\u0000${op.write.itemCode}`;
      const held = best.get(key);
      if (held === undefined || op.write.seq > held.seq) best.set(key, op.write);
    }
    const stored = new Map<string, number>();
    const rows = [...best.values()];
    for (let k = 0; k < rows.length; k += this.rowsPerStatement) {
      const chunk = rows.slice(k, k + this.rowsPerStatement);
      const parameters: unknown[] = [];
      for (const w of chunk) parameters.push(...answerParameters(w));
      const result = await trx.executeQuery<{ attempt_id: string; item_code: string; seq: number }>(
        CompiledQuery.raw(this.upsertText(chunk, parameters), parameters),
      );
      for (const r of result.rows) stored.set(`${r.attempt_id}\u0000${r.item_code}`, r.seq);
    }
    return [
      ...refused,
      ...ops.map((op) => {
        const storedSeq = stored.get(`${op.write.attemptId}\u0000${op.write.itemCode}`) ?? op.write.seq;
        return () => op.resolve({ seq: op.write.seq, storedSeq });
      }),
    ];
  }
}
