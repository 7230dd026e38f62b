import { certificateUploadCsv, hefeiCertificateTable, hefeiResultSummary, type FilingHeader } from '@kaowu/reports';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { findBatch } from '../results/batch.ts';
import { batchCertificates } from '../results/certificates.ts';
import { exportData } from '../results/exports.ts';
import { getResultsSettings } from '../results/settings.ts';

export const FILING_EXPORT_NAMES = {
  summary: '企业职业技能等级认定结果汇总表.xlsx',
  certificates: '企业职业技能等级认定合格人员证书信息表.xlsx',
  upload: '证书信息上报.csv',
} as const;

/**
 * The batch's filing exports: Hefei's 《结果汇总表》 and 《合格人员证书信息表》, and the certificate data file for
 * provincial upload systems (columns: CERTIFICATE_COLUMNS in @kaowu/reports). The two certificate files once
 * certificates are issued. Personal data: administrators only, audited.
 */
export async function filingExports(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<Map<string, Uint8Array>> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'filing.write', { batchId: batch.id });
  const data = await exportData(ctx, batch, undefined);
  const settings = await getResultsSettings(ctx);
  const header: FilingHeader = {
    ...data.header(data.today),
    occupationCode: batch.occupationCode,
    issuer: settings.evaluationBody ?? settings.enterpriseName,
  };
  const files = new Map<string, Uint8Array>();
  files.set(FILING_EXPORT_NAMES.summary, await hefeiResultSummary(header, data.rows, data.decisions));
  const issued = await batchCertificates(ctx.db, batch.id);
  const lines = data.rows.flatMap((row) => {
    const c = issued.get(row.id);
    return c ? [{ row, number: c.number, issuedOn: c.issuedOn }] : [];
  });
  if (lines.length > 0) {
    files.set(FILING_EXPORT_NAMES.certificates, await hefeiCertificateTable(header, lines));
    files.set(FILING_EXPORT_NAMES.upload, certificateUploadCsv(header, lines));
  }
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      actor: by,
      action: 'filing.export',
      entity: 'batch',
      entityId: batch.id,
      detail: { files: [...files.keys()], auditHead: data.auditHead },
    }),
  );
  return files;
}
