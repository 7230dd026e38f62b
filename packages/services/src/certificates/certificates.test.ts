import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuedBatchFixture } from '../testing/certificates.ts';
import type { ResultsFixture } from '../testing/results.ts';
import { auditRowsLike } from '../testing/index.ts';
import {
  certificatePublicKey,
  certificateZip,
  queryCertificate,
  queryCertificateToken,
  renderCertificatePdfs,
  revokeCertificate,
  verifyCertificateFile,
} from '../index.ts';

let f: ResultsFixture;
let numbers: { number: string; name: string; idNumber: string }[];
const BASE = 'http://verify.example';

beforeAll(async () => {
  f = await issuedBatchFixture(8);
  const rows = await f.ctx.db
    .selectFrom('certificates as k')
    .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
    .select(['k.number', 'c.name', 'c.id_number'])
    .orderBy('k.number')
    .execute();
  numbers = rows.map((r) => ({ number: r.number, name: r.name, idNumber: r.id_number }));
}, 60_000);

const pdftotext = (pdf: Uint8Array): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-cert-'));
  writeFileSync(join(dir, 'c.pdf'), pdf);
  return execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
};

describe('certificate PDFs', () => {
  it('one PDF per holder: name, ID and number readable as text, the signed token verifiable offline', async () => {
    const files = await renderCertificatePdfs(f.ctx, 'admin', f.planNumber, { baseUrl: BASE });
    expect(files.map((x) => x.number)).toEqual(numbers.map((n) => n.number));
    const first = numbers[0]!;
    const text = pdftotext(files[0]!.data).replace(/\s+/g, '');
    for (const s of [
      first.name,
      first.idNumber,
      first.number,
      '电工',
      '五级/初级工',
      '测试电气有限公司',
      '2026年10月20日',
    ])
      expect(text).toContain(s);
    expect(files[0]!.data.length).toBeLessThan(150_000);
    const jwk = await certificatePublicKey(f.ctx);
    expect(jwk).not.toHaveProperty('d');
    const check = await verifyCertificateFile(files[0]!.data, jwk);
    expect(check).toMatchObject({ ok: true, claims: { n: first.number, l: 5, d: '2026-10-20' } });
  });

  it('an altered payload or a foreign key fails verification', async () => {
    const [file] = await renderCertificatePdfs(f.ctx, 'admin', f.planNumber, { baseUrl: BASE });
    const jwk = await certificatePublicKey(f.ctx);
    const text = Buffer.from(file!.data).toString('latin1');
    const token = /kaowu-certificate-token:([A-Za-z0-9_\-.]+)/.exec(text)![1]!;
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, n: numbers[1]!.number })).toString('base64url')}.${s}`;
    const altered = Buffer.from(text.replaceAll(token, forged), 'latin1');
    expect(await verifyCertificateFile(altered, jwk)).toMatchObject({ ok: false });
    expect(await verifyCertificateFile(forged, jwk)).toMatchObject({ ok: false });
    const other = await issuedBatchFixture(2);
    expect(await verifyCertificateFile(token, await certificatePublicKey(other.ctx))).toMatchObject({ ok: false });
    expect(await verifyCertificateFile(new Uint8Array([37, 80, 68, 70]), jwk)).toMatchObject({ ok: false });
  });

  it('zips a batch, audited; staff without the batch may not', async () => {
    const { zip, count } = await certificateZip(f.ctx, 'admin', f.planNumber, { baseUrl: BASE });
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toHaveLength(count);
    expect(Object.keys(entries)[0]).toBe(`${numbers[0]!.number}-${numbers[0]!.name}.pdf`);
    expect((await auditRowsLike(f.ctx.db, 'certificate.pdf')).at(-1)).toMatchObject({ actor: 'admin' });
    await expect(certificateZip(f.ctx, 'chen', f.planNumber, { baseUrl: BASE })).rejects.toThrow();
  });
});

describe('public query and revocation', () => {
  it('answers an exact number + name with the masked holder; an unknown number and a wrong name alike', async () => {
    const { number, name } = numbers[0]!;
    const ok = await queryCertificate(f.ctx, { number, name });
    expect(ok).toMatchObject({ found: true, number, occupation: '电工', level: '五级/初级工', status: 'valid' });
    expect(ok.found && ok.holder).not.toBe(name);
    expect(JSON.stringify(ok)).not.toContain(numbers[0]!.idNumber);
    const wrongName = await queryCertificate(f.ctx, { number, name: `${name}甲` });
    const unknown = await queryCertificate(f.ctx, { number: `${number.slice(0, 16)}999999`, name });
    const malformed = await queryCertificate(f.ctx, { number: 'Y0', name });
    expect(wrongName).toEqual({ found: false });
    expect(unknown).toEqual(wrongName);
    expect(malformed).toEqual(wrongName);
  });

  it('revocation: administrators only, with a reason, audited; the query then says revoked', async () => {
    const { number, name } = numbers[1]!;
    await expect(revokeCertificate(f.ctx, 'chen', { number, reason: '弄虚作假' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(revokeCertificate(f.ctx, 'admin', { number, reason: '  ' })).rejects.toThrow('请填写注销原因');
    await expect(
      revokeCertificate(f.ctx, 'admin', { number: 'Y000033330001265999999', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await queryCertificate(f.ctx, { number, name })).toMatchObject({ status: 'valid' });
    await revokeCertificate(f.ctx, 'admin', { number, reason: '弄虚作假取得' });
    expect(await queryCertificate(f.ctx, { number, name })).toMatchObject({
      status: 'revoked',
      revokedOn: '2026-10-20',
    });
    await expect(revokeCertificate(f.ctx, 'admin', { number, reason: '再次' })).rejects.toThrow('已注销');
    expect((await auditRowsLike(f.ctx.db, 'certificate.revoke')).map((r) => JSON.parse(String(r.detail_json)))).toEqual(
      [{ number, reason: '弄虚作假取得' }],
    );
    const files = await renderCertificatePdfs(f.ctx, 'admin', f.planNumber, { baseUrl: BASE });
    const token = /\?t=([A-Za-z0-9_\-.]+)/.exec(Buffer.from(files[1]!.data).toString('latin1'))?.[1];
    expect(token).toBeDefined();
  });

  it('answers a QR token with the certificate’s current status; a tampered token like an unknown one', async () => {
    const files = await renderCertificatePdfs(f.ctx, 'admin', f.planNumber, { baseUrl: BASE });
    const tokenOf = (i: number) =>
      /kaowu-certificate-token:([A-Za-z0-9_\-.]+)/.exec(Buffer.from(files[i]!.data).toString('latin1'))![1]!;
    expect(await queryCertificateToken(f.ctx, tokenOf(0))).toMatchObject({ found: true, status: 'valid' });
    expect(await queryCertificateToken(f.ctx, tokenOf(1))).toMatchObject({ found: true, status: 'revoked' });
    expect(await queryCertificateToken(f.ctx, `${tokenOf(0)}x`)).toEqual({ found: false });
  });
});
