export { certificatePdf, TOKEN_KEYWORD, type CertificateFace, type CertificatePdfInput } from './certificate-pdf.ts';
export { zipFiles } from './zip.ts';
