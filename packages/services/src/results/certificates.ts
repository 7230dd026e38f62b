import { chinaDate, isoDate, levelLabel, type LevelCode } from '@kaowu/domain';
import { certificateBodyProblems, formatCertificateNumber, MAX_CERTIFICATE_SEQUENCE } from '@kaowu/grading';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { CERTIFICATE_ERRORS, fail, refuse } from '../shared/failures.ts';
import { requireNotHalted } from './supervision.ts';
import { findBatch } from './batch.ts';
import { getResultsSettings, RESULTS_SETTING_NAMES } from './settings.ts';
import { authorize } from '../shared/authorize.ts';
import { insertChunked } from '../shared/chunks.ts';

export interface IssuedCertificate {
  readonly ticket: string;
  readonly name: string;
  readonly number: string;
}

/**
 * Issues certificates (证书核发) to every candidate who passed and holds none yet, once the results are final.
 * Numbers follow the national 22-character rule; the sequence (last 6 digits) comes from a counter per
 * prefix (body, province, site, year, level) that only ever moves forward. The counter row is written
 * first in the transaction, so concurrent issuers — other batches, other processes — queue on it, and
 * every number is taken once.
 */
export async function issueCertificates(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: { issuedOn?: string | undefined } = {},
): Promise<{ issued: IssuedCertificate[]; already: number }> {
  await authorize(ctx, by, 'certificate.issue');
  const batch = await findBatch(ctx.db, batchRef);
  // A supervision veto (否决项) halts the batch: no certificate until it is lifted.
  await requireNotHalted(ctx.db, batch);
  const publicity = await ctx.db
    .selectFrom('publicities')
    .select(['finalised_at'])
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  if (!publicity?.finalised_at)
    throw fail.conflict(`批次 ${batch.planNumber} 的认定结果尚未在公示期满后确认，不能发证`, 'results are not final');
  const issuedOn = options.issuedOn ?? chinaDate(ctx.now());
  if (!isoDate.safeParse(issuedOn).success) throw fail.invalid(`发证日期 ${issuedOn} 应为 YYYY-MM-DD`, 'invalid date');
  const finalOn = chinaDate(new Date(publicity.finalised_at));
  if (issuedOn < finalOn)
    throw fail.invalid(`发证日期 ${issuedOn} 早于认定结果生效日期 ${finalOn}`, 'issued before final');
  const { certificateBody: body, numbering } = await getResultsSettings(ctx);
  if (numbering === 'authority') return issueAssigned(ctx, by, batch.id, issuedOn);
  if (body === undefined) {
    const keys = (
      ['certificate.bodyType', 'certificate.bodyCode', 'certificate.provinceCode', 'certificate.siteCode'] as const
    ).map((k) => `${k}（${RESULTS_SETTING_NAMES[k]}）`);
    throw fail.invalid(`尚未设置证书编码的机构信息：${keys.join('、')}`, 'certificate body settings missing');
  }
  const problem = certificateBodyProblems(body)[0];
  if (problem) throw refuse(problem, CERTIFICATE_ERRORS);
  const sample = formatCertificateNumber(body, Number(issuedOn.slice(0, 4)), batch.level, 1);
  if (!sample.ok) throw refuse(sample.error, CERTIFICATE_ERRORS);
  const prefix = sample.value.slice(0, 16);

  return ctx.db.transaction().execute(async (trx) => {
    // A write first: it takes the database's write lock (SQLite) before anything is read, so no other
    // issuer can read the same counter value in between.
    await trx
      .insertInto('certificate_sequences')
      .values({ prefix, last_sequence: 0 })
      .onConflict((oc) => oc.column('prefix').doNothing())
      .execute();
    const due = await dueForCertificates(trx, batch.id);
    const already = await countIssued(trx, batch.id);
    if (due.length === 0) return { issued: [], already };
    // Postgres locks the row here; SQLite already holds the write lock.
    const counter = await trx
      .updateTable('certificate_sequences')
      .set((eb) => ({ last_sequence: eb('last_sequence', '+', due.length) }))
      .where('prefix', '=', prefix)
      .returning('last_sequence')
      .executeTakeFirstOrThrow();
    const last = Number(counter.last_sequence);
    if (last > MAX_CERTIFICATE_SEQUENCE)
      throw fail.conflict(
        `证书编号前缀 ${prefix} 的序号将超过 ${MAX_CERTIFICATE_SEQUENCE}，无法再发证`,
        'certificate sequence exhausted',
      );
    const numbers = due.map((_, i) => `${prefix}${String(last - due.length + 1 + i).padStart(6, '0')}`);
    const issued = await recordIssued(
      trx,
      ctx,
      by,
      { batchId: batch.id, issuedOn, due, numbers },
      {
        prefix,
        first: numbers[0],
        last: numbers.at(-1),
      },
    );
    return { issued, already };
  });
}

/**
 * Issuing with the numbers the authority assigned (certificate.numbering = authority): refused until every
 * passing candidate without a certificate has an imported number; no counter is involved.
 */
async function issueAssigned(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  issuedOn: string,
): Promise<{ issued: IssuedCertificate[]; already: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await dueForCertificates(trx, batchId);
    const already = await countIssued(trx, batchId);
    if (due.length === 0) return { issued: [], already };
    const assigned = new Map(
      (
        await trx
          .selectFrom('certificate_assignments')
          .select(['candidate_id', 'number'])
          .where('batch_id', '=', batchId)
          .execute()
      ).map((a) => [a.candidate_id, a.number]),
    );
    const missing = due.filter((p) => !assigned.has(p.id));
    if (missing.length > 0)
      throw fail.conflict(
        `证书编号由人社部门赋码：尚有 ${missing.length} 名合格考生没有导入证书编号（${missing
          .slice(0, 5)
          .map((p) => `${p.ticket} ${p.name}`)
          .join('、')}${missing.length > 5 ? ' 等' : ''}），不能发证`,
        'authority numbers missing',
      );
    const numbers = due.map((p) => assigned.get(p.id)!);
    const issued = await recordIssued(trx, ctx, by, { batchId, issuedOn, due, numbers }, { numbering: 'authority' });
    return { issued, already };
  });
}

/**
 * Stores the certificates of `due` under `numbers` (one each, in order; prefix and sequence read from the number's
 * 16 + 6 characters), 400 rows a statement, and audits the issuing as `results.issue` with `detail` beside the date
 * and count. Inside the issuer's transaction, whichever way the numbers were found.
 */
async function recordIssued(
  trx: Executor,
  ctx: ServiceContext,
  by: string,
  issue: { batchId: string; issuedOn: string; due: readonly Due[]; numbers: readonly string[] },
  detail: Record<string, unknown>,
): Promise<IssuedCertificate[]> {
  const { batchId, issuedOn, due, numbers } = issue;
  const at = isoNow(ctx);
  const rows = due.map((p, i) => ({
    number: numbers[i]!,
    batch_id: batchId,
    candidate_id: p.id,
    prefix: numbers[i]!.slice(0, 16),
    sequence: Number(numbers[i]!.slice(16)),
    issued_on: issuedOn,
    issued_by: by,
    issued_at: at,
  }));
  await insertChunked(trx, 'certificates', rows, 400);
  await audit(trx, ctx, {
    actor: by,
    action: 'results.issue',
    entity: 'batch',
    entityId: batchId,
    detail: { issuedOn, ...detail, count: rows.length },
  });
  return due.map((p, i) => ({ ticket: p.ticket, name: p.name, number: numbers[i]! }));
}

type Due = Awaited<ReturnType<typeof dueForCertificates>>[number];

/** Candidates who passed and hold no certificate yet, by ticket. */
function dueForCertificates(db: Executor, batchId: string) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('candidates as c', 'c.id', 'd.candidate_id')
    .leftJoin('certificates as k', 'k.candidate_id', 'd.candidate_id')
    .select(['c.id', 'c.ticket', 'c.name'])
    .where('d.batch_id', '=', batchId)
    .where('d.outcome', '=', 'pass')
    .where('k.number', 'is', null)
    .orderBy('c.ticket')
    .execute();
}

async function countIssued(db: Executor, batchId: string): Promise<number> {
  const row = await db
    .selectFrom('certificates')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** candidate id → certificate number and issue date. */
export async function batchCertificates(
  db: Executor,
  batchId: string,
): Promise<Map<string, { number: string; issuedOn: string }>> {
  const rows = await db
    .selectFrom('certificates')
    .select(['candidate_id', 'number', 'issued_on'])
    .where('batch_id', '=', batchId)
    .execute();
  return new Map(rows.map((r) => [r.candidate_id, { number: r.number, issuedOn: r.issued_on }]));
}

export interface CertificateListing {
  readonly ticket: string;
  readonly name: string;
  readonly number: string;
  readonly level: LevelCode;
  /** 五级/初级工 … */
  readonly levelName: string;
  readonly issuedOn: string;
  /** 证书注销: when it was revoked, if it was. */
  readonly revokedAt: string | null;
}

export interface CertificateList {
  /** Issued certificates of the batch, by ticket. */
  readonly certificates: readonly CertificateListing[];
  /** Candidates who passed and hold no certificate yet: what issuing would cover once the results are final. */
  readonly awaiting: number;
}

/** The certificates issued in a batch (证书核发情况), for anyone on the batch's staff. */
export async function listCertificates(ctx: ServiceContext, by: string, batchRef: string): Promise<CertificateList> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'certificate.read', { batchId: batch.id });
  const rows = await ctx.db
    .selectFrom('certificates as k')
    .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
    .leftJoin('certificate_revocations as r', 'r.number', 'k.number')
    .select(['c.ticket', 'c.name', 'k.number', 'k.issued_on', 'r.revoked_at'])
    .where('k.batch_id', '=', batch.id)
    .orderBy('c.ticket')
    .execute();
  const levelName = levelLabel(batch.level);
  return {
    certificates: rows.map((r) => ({
      ticket: r.ticket,
      name: r.name,
      number: r.number,
      level: batch.level,
      levelName,
      issuedOn: r.issued_on,
      revokedAt: r.revoked_at,
    })),
    awaiting: (await dueForCertificates(ctx.db, batch.id)).length,
  };
}
