import { TOKEN_KEYWORD } from '@kaowu/reports';
import type { JWK } from 'jose';
import { type TokenCheck, tokenInPdf, verifyCertificateToken } from './signing.ts';

/**
 * `kaowu certificate verify`: a token, or a certificate PDF (its token read from the PDF's keywords), checked
 * with the public key alone — no database.
 */
export async function verifyCertificateFile(input: string | Uint8Array, publicJwk: JWK): Promise<TokenCheck> {
  const token = typeof input === 'string' ? input.trim() : tokenInPdf(input, TOKEN_KEYWORD);
  if (!token) return { ok: false, reason: 'PDF 中没有证书令牌（不是 Kaowu 生成的电子证书？）' };
  return verifyCertificateToken(token, publicJwk);
}
