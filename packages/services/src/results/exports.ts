import { type AssessmentPlan, chinaDate, type EducationLevel, type MaskingSettings } from '@kaowu/domain';
import {
  certificateRegisterReport,
  publicityConfirmationReport,
  publicityListReport,
  scoreExportReport,
  scoreSummaryReport,
  type BatchHeader,
  type CandidateRow,
} from '@kaowu/reports';
import { publicityWindow, type Decision } from '@kaowu/grading';
import { fromJson } from '@kaowu/db';
import { auditChainHead, AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { batchApplications } from './applications.ts';
import { batchCandidates, findBatch, requirePlan, type ResultsBatch } from './batch.ts';
import { batchCertificates } from './certificates.ts';
import { getResultsSettings } from './settings.ts';
import { authorize } from '../shared/authorize.ts';

export const RESULT_REPORTS = ['summary', 'register', 'publicity', 'confirmation', 'full'] as const;
export type ResultReport = (typeof RESULT_REPORTS)[number];
export const RESULT_REPORT_NAMES: Readonly<Record<ResultReport, string>> = {
  summary: '附件1 综合成绩汇总表',
  register: '附件5 证书核发登记表',
  publicity: '公示名单（脱敏）',
  confirmation: '附件4 公示结果确认单',
  full: '成绩明细（全部组成部分）',
};

export const isResultReport = (value: string): value is ResultReport =>
  (RESULT_REPORTS as readonly string[]).includes(value);

interface ExportData {
  readonly header: (date: string) => BatchHeader;
  readonly plan: AssessmentPlan;
  readonly rows: readonly CandidateRow[];
  readonly decisions: readonly Decision[];
  readonly publicity: PublicityRow | undefined;
  readonly masking: MaskingSettings;
  readonly lastIssuedOn: string | undefined;
  readonly today: string;
  /** The audit chain's head when the data was read: printed in every report's footer. */
  readonly auditHead: { readonly seq: number; readonly hash: string };
}

type PublicityRow = {
  published_on: string;
  working_days: number;
  count_publication_day: number;
  finalised_at: string | null;
};

/**
 * Everything the reports print, read once (a full set of reports for 10,000 candidates reads it once, not five times).
 */
export async function exportData(
  ctx: ServiceContext,
  batch: ResultsBatch,
  date: string | undefined,
): Promise<ExportData> {
  const { plan } = await requirePlan(ctx.db, batch);
  const stored = await ctx.db
    .selectFrom('decisions')
    .select('decision_json')
    .where('batch_id', '=', batch.id)
    .execute();
  if (stored.length === 0) throw fail.invalid(`批次 ${batch.planNumber} 尚未计算认定结果`, 'no decisions');
  const settings = await getResultsSettings(ctx);
  const publicity = await ctx.db
    .selectFrom('publicities')
    .select(['published_on', 'working_days', 'count_publication_day', 'finalised_at'])
    .where('batch_id', '=', batch.id)
    .executeTakeFirst();
  const certificates = await batchCertificates(ctx.db, batch.id);
  const applications = await batchApplications(ctx.db, batch.id);
  const rows: CandidateRow[] = (await batchCandidates(ctx.db, batch.id)).map((p) => ({
    id: p.id,
    name: p.name,
    idNumber: p.id_number,
    unit: p.unit,
    address: applications.get(p.id)?.address,
    education: p.education as EducationLevel,
    occupationYears: p.occupation_years,
    ticket: p.ticket,
    certificateNumber: certificates.get(p.id)?.number,
  }));
  const auditHead = await auditChainHead(ctx.db);
  return {
    header: (reportDate: string): BatchHeader => ({
      enterpriseName: settings.enterpriseName,
      evaluationBody: settings.evaluationBody,
      planNumber: batch.planNumber,
      occupationName: plan.occupation.name,
      trade: plan.occupation.trade,
      level: batch.level,
      date: date ?? reportDate,
      contact: settings.contact,
      auditHead,
    }),
    plan,
    rows,
    decisions: stored.map((d) => fromJson(d.decision_json)),
    publicity,
    masking: settings.masking,
    lastIssuedOn: [...certificates.values()]
      .map((c) => c.issuedOn)
      .sort()
      .at(-1),
    today: chinaDate(ctx.now()),
    auditHead,
  };
}

async function writeReport(batch: ResultsBatch, data: ExportData, report: ResultReport): Promise<Uint8Array> {
  const { header, plan, rows, decisions, publicity } = data;
  const needPublicity = (): PublicityRow => {
    if (!publicity) throw fail.invalid(`批次 ${batch.planNumber} 的成绩尚未公示`, 'not published');
    return publicity;
  };
  const needFinal = (): PublicityRow & { finalised_at: string } => {
    const p = needPublicity();
    if (p.finalised_at === null)
      throw fail.invalid(`批次 ${batch.planNumber} 的认定结果尚未在公示期满后确认`, 'results are not final');
    return { ...p, finalised_at: p.finalised_at };
  };
  const windowOf = (p: PublicityRow) => {
    const w = publicityWindow(p.published_on, p.working_days, p.count_publication_day === 1);
    if (!w.ok) throw refuse(w.error, PUBLICITY_ERRORS);
    return w.value;
  };
  switch (report) {
    case 'summary':
      return scoreSummaryReport(header(data.today), rows, decisions);
    case 'full':
      return scoreExportReport(header(data.today), plan, rows, decisions);
    case 'publicity': {
      const p = needPublicity();
      return publicityListReport(header(p.published_on), rows, decisions, {
        window: windowOf(p),
        masking: data.masking,
      });
    }
    case 'confirmation': {
      const p = needFinal();
      return publicityConfirmationReport(header(chinaDate(new Date(p.finalised_at))), rows, decisions, windowOf(p));
    }
    case 'register':
      needFinal();
      return certificateRegisterReport(header(data.lastIssuedOn ?? data.today), rows, decisions);
  }
}

/**
 * Writes one of the batch's reports from the stored decisions. The publicity list needs the publication; the
 * confirmation and the register need final results (the register lists the certificate numbers issued).
 * Each export holds personal data, so it is for administrators and audited.
 */
export async function exportResults(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  report: ResultReport,
  options: { date?: string | undefined } = {},
): Promise<Uint8Array> {
  return (await exportAllResults(ctx, by, batchRef, { ...options, reports: [report] })).get(report)!;
}

/**
 * Several reports from one reading of the batch, each audited. Without a list: every report the batch has come
 * to (the publicity list once published, the confirmation and the register once final).
 */
export async function exportAllResults(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: { date?: string | undefined; reports?: readonly ResultReport[] | undefined } = {},
): Promise<Map<ResultReport, Uint8Array>> {
  await authorize(ctx, by, 'results.export');
  const unknown = options.reports?.find((r) => !isResultReport(r));
  if (unknown !== undefined)
    throw fail.invalid(`表格 ${String(unknown)} 无效，可选：${RESULT_REPORTS.join('、')}`, 'unknown report');
  const batch = await findBatch(ctx.db, batchRef);
  const data = await exportData(ctx, batch, options.date);
  const stage = data.publicity === undefined ? 0 : data.publicity.finalised_at === null ? 1 : 2;
  const reports =
    options.reports ??
    RESULT_REPORTS.filter((r) => ({ summary: 0, full: 0, publicity: 1, confirmation: 2, register: 2 })[r] <= stage);
  const out = new Map<ResultReport, Uint8Array>();
  for (const report of reports) out.set(report, await writeReport(batch, data, report));
  await ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    for (const [report, bytes] of out)
      await writer.append({
        actor: by,
        action: 'results.export',
        entity: 'batch',
        entityId: batch.id,
        detail: { report, bytes: bytes.byteLength, auditHead: data.auditHead },
      });
    await writer.flush();
  });
  return out;
}
