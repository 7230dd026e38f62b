import { chinaDate, sha256Hex, type LevelCode } from '@kaowu/domain';
import { addYears } from '@kaowu/grading';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { auditChainHead, AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { findBatch, type ResultsBatch } from '../results/batch.ts';
import { exportAllResults, RESULT_REPORT_NAMES } from '../results/exports.ts';
import { exportSupervisionReport } from '../results/supervision.ts';
import { EXTERNAL_SUPERVISION_REPORT_NAME, exportExternalSupervision } from '../results/external-supervision.ts';
import { candidateListWorkbook } from '../results/candidate-list.ts';
import { getResultsSettings } from '../results/settings.ts';
import { renderCertificatePdfs } from '../certificates/pdfs.ts';
import { KaowuError } from '@kaowu/domain';
import { workbookPdf } from '@kaowu/reports';
import { batchRecords, batchAuditExtract } from './records.ts';
import { filingExports } from './filing-exports.ts';

export const ARCHIVE_FORMAT = 'kaowu-archive/1';

export interface ManifestFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** manifest.json: what an inspector reads first, and what `verifyArchive` checks every byte against. */
export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly batch: {
    readonly id: string;
    readonly planNumber: string;
    readonly name: string;
    readonly occupationCode: string;
    readonly level: LevelCode;
  };
  readonly archivedAt: string;
  readonly archivedBy: string;
  /** The whole audit chain's last record when the package was written: `kaowu audit verify --head <hash>`. */
  readonly auditHead: { readonly seq: number; readonly hash: string };
  /** The batch's audit records in `audit/records.jsonl`, by sequence number. */
  readonly auditRecords: readonly number[];
  readonly retention: {
    readonly paperYears: number;
    readonly electronicYears: number;
    /** Kept at least until (China dates), counted from the archiving day. */
    readonly paperUntil: string;
    readonly electronicUntil: string;
    readonly basis: string;
  };
  readonly files: readonly ManifestFile[];
}

export interface ArchiveResult {
  readonly fileName: string;
  readonly zip: Uint8Array;
  readonly manifest: ArchiveManifest;
  /** SHA-256 of manifest.json as written: the destruction register cites it. */
  readonly manifestHash: string;
}

export interface ArchiveOptions {
  /** For the certificates' QR codes (the public verification page). */
  readonly baseUrl: string;
}

const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/** Runs a part that a batch may not have come to yet (no results, no certificates): absent, not an error. */
async function optional<T>(part: () => Promise<T>): Promise<T | undefined> {
  try {
    return await part();
  } catch (e) {
    if (e instanceof KaowuError && (e.code === 'invalid' || e.code === 'not_found')) return undefined;
    throw e;
  }
}

/**
 * Writes the batch's archive package (归档): every report, the filing exports, the sealed papers with their keys,
 * each candidate's answer record and score, score entries (practical, panel, double entry), supervision, publicity
 * and objections, certificates, the batch's audit records with the chain they hang on, and manifest.json with
 * every file's SHA-256, the audit chain's head and the retention dates. Recorded and audited; administrators only.
 */
export async function archiveBatch(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'archive.write', { batchId: batch.id });
  const files = new Map<string, Uint8Array>();

  // Reports first: exporting them is audited, and the audit extract taken below includes those records.
  const reports = await optional(() => exportAllResults(ctx, by, batch.id));
  for (const [report, bytes] of reports ?? []) files.set(`reports/${RESULT_REPORT_NAMES[report]}.xlsx`, bytes);
  for (const [name, bytes] of (await optional(() => filingExports(ctx, by, batch.id))) ?? [])
    files.set(`filing/${name}`, bytes);
  const supervision = await optional(() => exportSupervisionReport(ctx, by, batch.id));
  if (supervision) files.set('supervision/附件2 内部督导情况报告.xlsx', supervision);
  const external = await optional(() => exportExternalSupervision(ctx, by, batch.id));
  if (external) files.set(`supervision/${EXTERNAL_SUPERVISION_REPORT_NAME}.xlsx`, external);
  const list = await optional(() => candidateListWorkbook(ctx, by, batch.id));
  if (list) files.set('publicity/考生名单公示.xlsx', list);
  // Every report also as a PDF (what an inspector opens without a spreadsheet program), beside its workbook.
  for (const [path, bytes] of [...files])
    if (path.endsWith('.xlsx')) files.set(`${path.slice(0, -'.xlsx'.length)}.pdf`, await workbookPdf(bytes));
  const certificates = await optional(() => renderCertificatePdfs(ctx, by, batch.id, options));
  for (const c of certificates ?? []) files.set(`certificates/${c.name}`, c.data);

  for (const [path, value] of await batchRecords(ctx.db, batch)) files.set(path, json(value));

  const now = ctx.now();
  const today = chinaDate(now);
  const settings = await getResultsSettings(ctx);
  const { paperYears, electronicYears } = settings.retention;
  const retention = {
    paperYears,
    electronicYears,
    paperUntil: addYears(today, paperYears),
    electronicUntil: addYears(today, electronicYears),
    basis: '纸质资料不少于三年，电子资料不少于五年（江人社发〔2024〕36号）；设置只能延长，不能缩短',
  };

  // The audit extract and the head are read last, inside one transaction with the archive's own record, so the
  // head is exactly the record before "archive.write".
  return ctx.db.transaction().execute(async (trx) => {
    const head = await auditChainHead(trx);
    const extract = await batchAuditExtract(trx, batch, head.seq);
    files.set('audit/records.jsonl', strToU8(extract.records.map((r) => JSON.stringify(r)).join('\n')));
    files.set('audit/chain.jsonl', strToU8(extract.chain.map((r) => JSON.stringify(r)).join('\n')));
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      batch: {
        id: batch.id,
        planNumber: batch.planNumber,
        name: batch.name,
        occupationCode: batch.occupationCode,
        level: batch.level,
      },
      archivedAt: now.toISOString(),
      archivedBy: by,
      auditHead: head,
      auditRecords: extract.records.map((r) => r.seq),
      retention,
      files: [...files].map(([path, data]) => ({ path, bytes: data.byteLength, sha256: sha256Hex(data) })),
    };
    const manifestBytes = json(manifest);
    const manifestHash = sha256Hex(manifestBytes);
    const zippable: Zippable = { 'manifest.json': manifestBytes };
    // Already-compressed files (xlsx, pdf) are stored, the rest deflated: about half the time for the same size.
    for (const [path, data] of files) zippable[path] = [data, { level: /\.(xlsx|pdf)$/.test(path) ? 0 : 6 }];
    const zip = zipSync(zippable);
    await trx
      .insertInto('batch_archives')
      .values({
        id: ctx.newId(),
        batch_id: batch.id,
        manifest_hash: manifestHash,
        audit_head: head.hash,
        paper_until: retention.paperUntil,
        electronic_until: retention.electronicUntil,
        archived_by: by,
        archived_at: isoNow(ctx),
      })
      .execute();
    const writer = new AuditWriter(trx, ctx);
    await writer.append({
      actor: by,
      action: 'archive.write',
      entity: 'batch',
      entityId: batch.id,
      detail: { manifestHash, auditHead: head, files: manifest.files.length, bytes: zip.byteLength },
    });
    await writer.flush();
    return { fileName: archiveFileName(batch), zip, manifest, manifestHash };
  });
}

export const archiveFileName = (batch: ResultsBatch): string => `归档 ${batch.planNumber}.zip`;
