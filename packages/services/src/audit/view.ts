import { type Database, fromJson } from '@kaowu/db';
import { sql, type ExpressionBuilder, type OperandValueExpressionOrList } from 'kysely';
import { allows, auditActionName, auditEntityName, RENAMED_AUDIT_ACTIONS } from '@kaowu/domain';
import { audit, auditChainHead, verifyAuditTrail, type AuditVerification, type Executor } from './writer.ts';
import { auditWorkbook } from './export.ts';
import { auditDetailSummary } from './labels.ts';
import { describeRecords } from './subjects.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { findBatch, type ResultsBatch } from '../results/batch.ts';
import { loadActor } from '../accounts/users.ts';
import { mayInBatch } from '../shared/authorize.ts';

export {
  auditDetailSummary,
  auditVocabulary,
  type AuditVocabulary,
} from './labels.ts';
import { authorize } from '../shared/authorize.ts';

/** A page of the audit page holds at most this many records. */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;
/** An export larger than this is refused with a request to narrow the filter (the workbook is built in memory). */
export const AUDIT_EXPORT_MAX = 50_000;

/** Which records to read; every field narrows, none given reads the whole trail. */
export interface AuditFilter {
  /**
   * A batch, by 认定计划号 or id: records about the batch itself, its rooms, candidates, attempts, papers and
   * objections.
   */
  readonly batch?: string | undefined;
  /** Exactly this actor: a username, `candidate:<准考证号>` or `system`. */
  readonly actor?: string | undefined;
  /** An action or the start of one: `item.`, `attempt.submit`. */
  readonly action?: string | undefined;
  readonly entity?: string | undefined;
  /** Needs `entity`. */
  readonly entityId?: string | undefined;
  /** ISO 8601 instants: `from` inclusive, `to` exclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Text anywhere in the record's detail. */
  readonly text?: string | undefined;
}

export interface AuditPageRequest extends AuditFilter {
  /** Keyset cursor: records with a smaller seq (the `next` of the previous page). */
  readonly before?: number | undefined;
  /** At most AUDIT_PAGE_MAX; AUDIT_PAGE_DEFAULT when not given. */
  readonly limit?: number | undefined;
}

export interface AuditRecordView {
  readonly seq: number;
  readonly at: string;
  /**
   * `displayName`: the staff member's name, or for a candidate (`candidate:…`) the candidate's, with their
   * 准考证号 as `ticket`; null for `system`.
   */
  readonly actor: { readonly username: string; readonly displayName: string | null; readonly ticket: string | null };
  readonly action: string;
  /** In Chinese; the action code itself when it has no name yet. */
  readonly actionLabel: string;
  readonly entity: string;
  readonly entityLabel: string;
  readonly entityId: string;
  /** What the record concerns, in words. */
  readonly subject: string;
  readonly detail: Readonly<Record<string, unknown>>;
  /** The detail in one line of words. */
  readonly summary: string;
  readonly beforeHash: string | null;
  readonly afterHash: string | null;
  readonly hash: string;
  readonly prevHash: string;
}

export interface AuditPage {
  /** Newest first. */
  readonly records: readonly AuditRecordView[];
  /** The `before` that reads the next (older) page; null on the last page. */
  readonly next: number | null;
  /** The batches a supervisor's view is limited to; null for an administrator, who reads the whole trail. */
  readonly limitedTo: readonly { readonly planNumber: string; readonly name: string }[] | null;
}

interface Scope {
  /** null: the whole trail. */
  readonly batchIds: readonly string[] | null;
  readonly limitedTo: AuditPage['limitedTo'];
  /** The batch the filter names, if it names one. */
  readonly batch: ResultsBatch | undefined;
}

/**
 * Who reads the trail. Narrower than requireBatchStaff (exam/access.ts), which lets all of a batch's staff read
 * the batch: the trail records everyone's work, readers' included, so it is for oversight only. Administrators
 * read all of it; a batch's internal supervisors (batch duty 'supervisor', 内部督导员) read the records of the
 * batches they supervise, and only those; proctors, assessors and authors are refused (a proctor sees the room's
 * own records on the room board).
 */
async function auditScope(ctx: ServiceContext, by: string, batchRef: string | undefined): Promise<Scope> {
  const actor = await loadActor(ctx, by);
  const batch = batchRef === undefined ? undefined : await findBatch(ctx.db, batchRef);
  if (allows(actor, 'audit.read')) return { batchIds: batch ? [batch.id] : null, limitedTo: null, batch };
  // The batches whose staff the actor is on and where the table lets that duty read the trail.
  const onStaff = await ctx.db
    .selectFrom('batch_staff as s')
    .innerJoin('batches as b', 'b.id', 's.batch_id')
    .select(['b.id', 'b.plan_number', 'b.name'])
    .distinct()
    .where('s.username', '=', by)
    .orderBy('b.plan_number')
    .execute();
  const supervised = [];
  for (const b of onStaff) if (await mayInBatch(ctx.db, actor, 'audit.read', b.id)) supervised.push(b);
  if (supervised.length === 0)
    throw fail.forbidden(
      `用户 ${by} 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放`,
      `${by} may not read the audit trail`,
    );
  const limitedTo = supervised.map((b) => ({ planNumber: b.plan_number, name: b.name }));
  if (batch === undefined) return { batchIds: supervised.map((b) => b.id), limitedTo, batch };
  if (!supervised.some((b) => b.id === batch.id))
    throw fail.forbidden(
      `用户 ${by} 不是批次 ${batch.planNumber} 的内部督导员，只能查看本人督导批次的审计记录`,
      `${by} does not supervise batch ${batch.planNumber}`,
    );
  return { batchIds: [batch.id], limitedTo, batch };
}

const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function instant(value: string, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw fail.invalid(`${field}不是有效的时间：${value}`, `invalid ${field}`);
  return new Date(t).toISOString();
}

/** Every kind of record that belongs to the batches; each branch is a range of the (entity, entity_id, seq) index. */
export function ofBatches(eb: ExpressionBuilder<Database, 'audit_log'>, ids: string[]) {
  const about = (entity: string, among: OperandValueExpressionOrList<Database, 'audit_log', 'audit_log.entity_id'>) =>
    eb.and([eb('audit_log.entity', '=', entity), eb('audit_log.entity_id', 'in', among)]);
  return eb.or([
    about('batch', ids),
    about('room', eb.selectFrom('rooms').select('rooms.id').where('rooms.batch_id', 'in', ids)),
    about('candidate', eb.selectFrom('candidates').select('candidates.id').where('candidates.batch_id', 'in', ids)),
    about(
      'attempt',
      eb
        .selectFrom('attempts')
        .innerJoin('candidates', 'candidates.id', 'attempts.candidate_id')
        .select('attempts.id')
        .where('candidates.batch_id', 'in', ids),
    ),
    about('paper', eb.selectFrom('papers').select('papers.id').where('papers.batch_id', 'in', ids)),
    about('objection', eb.selectFrom('objections').select('objections.id').where('objections.batch_id', 'in', ids)),
  ]);
}

/** The filtered records, newest first. Stored times are `toISOString()` text, so bounds compare as text. */
function recordsQuery(
  db: Executor,
  filter: AuditFilter,
  batchIds: readonly string[] | null,
  before: number | undefined,
) {
  if (filter.entityId !== undefined && filter.entity === undefined)
    throw fail.invalid('按对象编号筛选时须同时指定对象类型', 'entityId needs entity');
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.username', 'audit_log.actor')
    .selectAll('audit_log')
    .select('users.display_name');
  if (batchIds !== null) q = q.where((eb) => ofBatches(eb, [...batchIds]));
  if (filter.actor !== undefined) q = q.where('audit_log.actor', '=', filter.actor);
  if (filter.action !== undefined) {
    const prefix = filter.action;
    const like = sql<boolean>`${sql.ref('audit_log.action')} like ${`${likeEscaped(prefix)}%`} escape '\\'`;
    const renamed = Object.keys(RENAMED_AUDIT_ACTIONS).filter((old) => RENAMED_AUDIT_ACTIONS[old]?.startsWith(prefix));
    q = q.where((eb) => (renamed.length === 0 ? like : eb.or([like, eb('audit_log.action', 'in', renamed)])));
  }
  if (filter.entity !== undefined) q = q.where('audit_log.entity', '=', filter.entity);
  if (filter.entityId !== undefined) q = q.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.from !== undefined) q = q.where('audit_log.at', '>=', instant(filter.from, '开始时间'));
  if (filter.to !== undefined) q = q.where('audit_log.at', '<', instant(filter.to, '结束时间'));
  if (filter.text !== undefined)
    q = q.where(sql<boolean>`${sql.ref('audit_log.detail_json')} like ${`%${likeEscaped(filter.text)}%`} escape '\\'`);
  if (before !== undefined) q = q.where('audit_log.seq', '<', before);
  return q.orderBy('audit_log.seq', 'desc');
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['execute']>>[number];

async function recordViews(db: Executor, rows: readonly StoredRow[]): Promise<AuditRecordView[]> {
  const words = await describeRecords(db, rows);
  return rows.map((r, i): AuditRecordView => {
    const detail = fromJson(r.detail_json);
    const candidate = words.candidateActors.get(r.actor);
    return {
      seq: r.seq,
      at: r.at,
      actor: {
        username: r.actor,
        displayName: r.display_name ?? candidate?.name ?? null,
        ticket: candidate?.ticket ?? null,
      },
      action: r.action,
      actionLabel: auditActionName(r.action),
      entity: r.entity,
      entityLabel: auditEntityName(r.entity),
      entityId: r.entity_id,
      subject: words.subjects[i]!,
      detail,
      summary: auditDetailSummary(detail, r.action),
      beforeHash: r.before_hash,
      afterHash: r.after_hash,
      hash: r.hash,
      prevHash: r.prev_hash,
    };
  });
}

/** One page of the audit trail for the audit page: administrators, and supervisors for their batches. */
export async function listAudit(ctx: ServiceContext, by: string, request: AuditPageRequest = {}): Promise<AuditPage> {
  const limit = request.limit ?? AUDIT_PAGE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX)
    throw fail.invalid(`每页条数应为 1–${AUDIT_PAGE_MAX}`, 'invalid limit');
  const scope = await auditScope(ctx, by, request.batch);
  const rows = await recordsQuery(ctx.db, request, scope.batchIds, request.before)
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    records: await recordViews(ctx.db, page),
    next: rows.length > limit ? page.at(-1)!.seq : null,
    limitedTo: scope.limitedTo,
  };
}

/** The hash chain checked from the first record: administrators only (it reads every record, whatever the batch). */
export async function verifyAudit(
  ctx: ServiceContext,
  by: string,
  options: { head?: string | undefined } = {},
): Promise<AuditVerification> {
  await authorize(ctx, by, 'audit.verify');
  return verifyAuditTrail(ctx.db, options.head === undefined ? {} : { head: options.head });
}

const filterFields = (filter: AuditFilter): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      batch: filter.batch,
      actor: filter.actor,
      action: filter.action,
      entity: filter.entity,
      entityId: filter.entityId,
      from: filter.from,
      to: filter.to,
      text: filter.text,
    }).filter((e): e is [string, string] => e[1] !== undefined),
  );

/**
 * The filtered records as a workbook for inspectors (all pages, newest first), with who exported what on a
 * second sheet. The export is itself recorded: against the batch when the filter names one, so the batch's
 * supervisors see it.
 */
export async function exportAudit(
  ctx: ServiceContext,
  by: string,
  filter: AuditFilter = {},
): Promise<{ fileName: string; data: Uint8Array }> {
  const scope = await auditScope(ctx, by, filter.batch);
  const records: AuditRecordView[] = [];
  let before: number | undefined;
  for (;;) {
    const rows = await recordsQuery(ctx.db, filter, scope.batchIds, before).limit(1000).execute();
    if (records.length + rows.length > AUDIT_EXPORT_MAX)
      throw fail.invalid(
        `符合条件的审计记录超过 ${AUDIT_EXPORT_MAX} 条，请缩小筛选范围（例如按时间段）后分批导出`,
        'too many records to export',
      );
    records.push(...(await recordViews(ctx.db, rows)));
    if (rows.length < 1000) break;
    before = rows.at(-1)!.seq;
  }
  const exporter = await loadActor(ctx, by);
  const fields = filterFields(filter);
  const data = await auditWorkbook(records, {
    exportedBy: `${exporter.displayName}（${by}）`,
    exportedAt: ctx.now(),
    filter: fields,
    limitedTo: scope.limitedTo,
    head: await auditChainHead(ctx.db),
  });
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      actor: by,
      action: 'audit.export',
      entity: scope.batch ? 'batch' : 'audit',
      entityId: scope.batch?.id ?? '*',
      detail: { filter: fields, records: records.length },
    }),
  );
  return { fileName: scope.batch ? `审计记录 ${scope.batch.planNumber}.xlsx` : '审计记录.xlsx', data };
}
