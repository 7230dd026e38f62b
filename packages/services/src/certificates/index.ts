/**
 * Electronic certificates (issue 15): signed certificate PDFs and their zip, the enterprise's signing key and its
 * public half, offline verification of a token or PDF, revocation (证书注销), and the public query (证书查询).
 */
export { authorityNumbersWorkbook, importAuthorityNumbers } from './authority.ts';
export {
  certificateZip,
  renderCertificatePdfs,
  verifyUrl,
  type CertificateFile,
  type CertificatePdfOptions,
  type CertificatePhotos,
} from './pdfs.ts';
export { queryCertificate, queryCertificateToken, type PublicAnswer, type PublicCertificate } from './public-query.ts';
export { revokeCertificate, type Revocation } from './revocation.ts';
export {
  certificatePublicKey,
  verifyCertificateToken,
  type CertificateClaims,
  type TokenCheck,
} from './signing.ts';
export { verifyCertificateFile } from './verify-file.ts';
