export {
  type CertificateFace,
  type CertificateFont,
  type CertificatePdfInput,
  certificateFont,
  certificatePdf,
  TOKEN_KEYWORD,
} from './certificate-pdf.ts';
export { zipFiles } from './zip.ts';
