import { type AuditAction, type AuditEntity, canonicalJson, sha256Hex } from '@kaowu/domain';
import { type Db, toCanonicalJson } from '@kaowu/db';
import type { Transaction } from 'kysely';
import type { Database } from '@kaowu/db';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';

export type Executor = Db | Transaction<Database>;

/** Action and entity are closed unions: a new one without its name in @kaowu/domain fails the typecheck. */
export interface AuditEntry {
  readonly actor: string;
  readonly action: AuditAction;
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly beforeHash?: string | null;
  readonly afterHash?: string | null;
  readonly detail?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);

/**
 * The chain head as last written inside a transaction that asked for it (`rememberAuditHead`): the exam
 * server's group commit runs hundreds of works in one transaction, each appending a record or two, and
 * re-reading the head for each cost a query (a round trip on PostgreSQL) per record. Writes are serialised
 * (SQLite's one writer, PostgreSQL's write lock taken by every transaction), so inside the transaction only its
 * own appends move the head. Whoever rolls back part of the transaction must `forgetAuditHead` it.
 */
const heads = new WeakMap<object, { seq: number; hash: string } | null>();

/** Carries the head from one append to the next inside `trx` (see `heads`). */
export const rememberAuditHead = (trx: Transaction<Database>): void => void heads.set(trx, null);

/** After a rollback to a savepoint inside `trx`: the next append reads the head again. */
export const forgetAuditHead = (trx: Transaction<Database>): void => {
  if (heads.has(trx)) heads.set(trx, null);
};

/**
 * Records appended inside a transaction that asked to defer them (`deferAuditRows`): held in order and inserted
 * by `flushDeferredAudit` just before the commit, in multi-row statements. The group commit defers while it
 * runs its works without savepoints, so a batch of logins and starts costs one audit INSERT, not one each (a
 * round trip each on PostgreSQL). A failing work rolls that whole transaction back, records included.
 */
const deferred = new WeakMap<object, (Row & { hash: string })[]>();

/** From now until `flushDeferredAudit(trx)`, audit records appended inside `trx` are held, not inserted. */
export const deferAuditRows = (trx: Transaction<Database>): void => void deferred.set(trx, []);

/** Inserts the records held for `trx` (see `deferAuditRows`); must run before the transaction commits. */
export async function flushDeferredAudit(trx: Transaction<Database>): Promise<void> {
  const rows = deferred.get(trx);
  deferred.delete(trx);
  for (let k = 0; rows !== undefined && k < rows.length; k += 500)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(k, k + 500))
      .execute();
}

/** An audit record as stored, before its own hash is added. */
export type Row = Omit<Database['audit_log'], 'hash'>;

/** Each record's hash covers its content and the previous record's hash, so any edit or deletion breaks the chain. */
export function recordHash(row: Row): string {
  const { prev_hash, ...rest } = row;
  return sha256Hex(`${prev_hash}\n${canonicalJson(rest)}`);
}

/**
 * Appends records to the audit trail inside the caller's transaction. The chain head is read once and then
 * carried in memory, so a bulk import appends thousands of records without re-reading it.
 */
export class AuditWriter {
  private head: { seq: number; hash: string } | undefined;
  private pending: (Row & { hash: string })[] = [];

  constructor(
    private readonly trx: Executor,
    private readonly ctx: ServiceContext,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    if (this.head === undefined) this.head = heads.get(this.trx) ?? undefined;
    if (this.head === undefined) {
      const last = await this.trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      this.head = last ?? { seq: 0, hash: GENESIS };
    }
    const row: Row = {
      seq: this.head.seq + 1,
      at: isoNow(this.ctx),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before_hash: entry.beforeHash ?? null,
      after_hash: entry.afterHash ?? null,
      detail_json: toCanonicalJson(entry.detail ?? {}),
      prev_hash: this.head.hash,
    };
    const hash = recordHash(row);
    this.pending.push({ ...row, hash });
    this.head = { seq: row.seq, hash };
    if (this.pending.length >= 500) await this.flush();
  }

  /** Must be called before the transaction commits. */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    const held = deferred.get(this.trx);
    if (held !== undefined) held.push(...rows);
    else if (rows.length > 0) await this.trx.insertInto('audit_log').values(rows).execute();
    if (rows.length > 0 && heads.has(this.trx)) heads.set(this.trx, this.head ?? null);
  }
}

export async function audit(trx: Executor, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const writer = new AuditWriter(trx, ctx);
  await writer.append(entry);
  await writer.flush();
}

export interface AuditVerification {
  readonly records: number;
  /** The first broken record, if any, and why. */
  readonly broken: { readonly seq: number; readonly reason: string } | null;
}

/**
 * The chain's last record: printed into every report export and archive manifest as an anchor. A hash chain
 * cannot notice its last records being deleted; an anchor kept outside the database can (`verifyAuditTrail`
 * with `head`).
 */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export async function auditChainHead(db: Executor): Promise<AuditHead> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ?? { seq: 0, hash: GENESIS };
}

/** The anchor in words, as reports print it. */
export const auditHeadText = (head: AuditHead): string => `审计链头：第 ${head.seq} 条记录，校验码 ${head.hash}`;

/**
 * Checks the chain from the first record. With `head` (a record hash printed earlier into a report or an archive
 * manifest), the chain must still hold a record with that hash: when it does not, records were deleted from its
 * end (or the chain was replaced), and the verification fails even though what is left chains correctly.
 */
export async function verifyAuditTrail(db: Db, options: { head?: string } = {}): Promise<AuditVerification> {
  const head = options.head?.trim().toLowerCase();
  let headFound = head === undefined || head === GENESIS;
  let prev = GENESIS;
  let expectedSeq = 1;
  let records = 0;
  const pageSize = 5000;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      records++;
      if (row.seq !== expectedSeq)
        return { records, broken: { seq: expectedSeq, reason: `第 ${expectedSeq} 条记录缺失` } };
      if (row.prev_hash !== prev)
        return { records, broken: { seq: row.seq, reason: `第 ${row.seq} 条记录的前序校验码与上一条不符` } };
      const { hash, ...rest } = row;
      if (recordHash(rest) !== hash)
        return { records, broken: { seq: row.seq, reason: `第 ${row.seq} 条记录的内容已被篡改` } };
      if (hash === head) headFound = true;
      prev = hash;
      expectedSeq++;
    }
    if (page.length < pageSize) break;
  }
  if (!headFound)
    return {
      records,
      broken: {
        seq: expectedSeq,
        reason:
          `锚定的链头 ${head} 不在审计链中：此前打印的记录已不存在（链尾记录被删除或整条链被替换），` +
          `现存 ${records} 条记录`,
      },
    };
  return { records, broken: null };
}
