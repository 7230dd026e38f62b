import { levelLabel, maskName, SEX_NAMES, type Sex } from '@kaowu/domain';
import { type CertificateFace, certificateFont, certificatePdf, TOKEN_KEYWORD, zipFiles } from '@kaowu/reports';
import { audit } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { findBatch, requirePlan } from '../results/batch.ts';
import { getResultsSettings } from '../results/settings.ts';
import { type CertificateClaims, signCertificate, signingKey } from './signing.ts';

/**
 * A holder's photo where the roster has one (JPEG or PNG bytes), by candidate id. The roster-photo work
 * (issue 17) provides it; without it every certificate shows an empty photo frame.
 */
export type CertificatePhotos = (candidateId: string) => Promise<Uint8Array | undefined>;

export interface CertificatePdfOptions {
  /** Where the public verification page is served, e.g. https://kaowu.example.com (no trailing slash). */
  readonly baseUrl: string;
  readonly photos?: CertificatePhotos | undefined;
}

export interface CertificateFile {
  /** 证书编号-姓名.pdf */
  readonly name: string;
  readonly number: string;
  readonly data: Uint8Array;
}

/** The verification page's address for a token: the QR code holds it. */
export const verifyUrl = (baseUrl: string, token: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/verify/?t=${token}`;

/**
 * Renders every issued certificate of a batch as its own PDF, signed (the token in the QR code and the PDF's
 * keywords). The batch archive (issue 16) packages these files; `certificateZip` zips them for download.
 */
export async function renderCertificatePdfs(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: CertificatePdfOptions,
): Promise<CertificateFile[]> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'certificate.read', { batchId: batch.id });
  const { plan } = await requirePlan(ctx.db, batch);
  const settings = await getResultsSettings(ctx);
  const rows = await ctx.db
    .selectFrom('certificates as k')
    .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
    .select(['c.id', 'c.name', 'c.sex', 'c.id_number', 'k.number', 'k.issued_on'])
    .where('k.batch_id', '=', batch.id)
    .orderBy('k.number')
    .execute();
  if (rows.length === 0) throw fail.invalid(`批次 ${batch.planNumber} 尚未核发证书`, 'no certificates issued');
  const key = await signingKey(ctx);
  const issuer = settings.evaluationBody ?? settings.enterpriseName;
  const occupation = plan.occupation.trade ?? plan.occupation.name;
  const faceOf = (r: (typeof rows)[number]): CertificateFace => ({
    name: r.name,
    sex: SEX_NAMES[r.sex as Sex] ?? r.sex,
    idType: '居民身份证',
    idNumber: r.id_number,
    occupation,
    level: levelLabel(batch.level),
    number: r.number,
    issuer,
    issuedOn: r.issued_on,
  });
  // One font for the batch (every holder's characters), built once; each PDF embeds its own glyphs of it.
  const font = certificateFont(rows.map(faceOf));
  const render = async (r: (typeof rows)[number]): Promise<CertificateFile> => {
    const claims: CertificateClaims = {
      n: r.number,
      h: maskName(r.name, settings.masking),
      o: occupation,
      l: batch.level,
      d: r.issued_on,
      i: issuer,
    };
    const token = await signCertificate(key, claims);
    const data = await certificatePdf(
      {
        face: { ...faceOf(r), photo: await options.photos?.(r.id) },
        verifyUrl: verifyUrl(options.baseUrl, token),
        token,
      },
      font,
    );
    return { name: `${r.number}-${r.name}.pdf`, number: r.number, data };
  };
  // A few at a time: signing (WebCrypto) and the PDF streams wait on the event loop between steps, so
  // overlapping certificates keeps the CPU busy; more would only hold more PDFs in memory at once.
  const files: CertificateFile[] = new Array(rows.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const i = next++;
      files[i] = await render(rows[i]!);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return files;
}

/** A batch's certificates as one zip, for the console download and `kaowu certificate pdf`; audited. */
export async function certificateZip(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: CertificatePdfOptions,
): Promise<{ zip: Uint8Array; count: number; planNumber: string }> {
  const batch = await findBatch(ctx.db, batchRef);
  const files = await renderCertificatePdfs(ctx, by, batch.id, options);
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      actor: by,
      action: 'certificate.pdf',
      entity: 'batch',
      entityId: batch.id,
      detail: { count: files.length },
    }),
  );
  return { zip: zipFiles(files), count: files.length, planNumber: batch.planNumber };
}

export { TOKEN_KEYWORD };
