import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';

/**
 * The enterprise's certificate signing key (Ed25519), kept in the settings table under a key that `settings show`
 * and `settings set` never list. Generated on first use; the public half is published at
 * `/api/certificates/public-key`, and that alone verifies any certificate (`kaowu certificate verify`).
 */
const KEY_SETTING = 'certificate.signingKey';
const ALG = 'EdDSA';

export interface SigningKey {
  readonly privateKey: Parameters<SignJWT['sign']>[0];
  readonly publicJwk: JWK;
}

let cached: { json: string; key: SigningKey } | undefined;

async function fromStored(json: string): Promise<SigningKey> {
  if (cached?.json === json) return cached.key;
  const { privateJwk, publicJwk } = JSON.parse(json) as { privateJwk: JWK; publicJwk: JWK };
  const key = { privateKey: await importJWK(privateJwk, ALG), publicJwk };
  cached = { json, key };
  return key;
}

/** The key pair, generated and stored on first use (concurrent first uses agree: the first insert wins). */
export async function signingKey(ctx: ServiceContext): Promise<SigningKey> {
  const read = (db: Executor) =>
    db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirst();
  const stored = await read(ctx.db);
  if (stored) return fromStored(stored.value);
  const pair = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const json = JSON.stringify({
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: ALG },
    publicJwk: { ...publicJwk, kid, alg: ALG, use: 'sig' },
  });
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('settings')
      .values({ key: KEY_SETTING, value: json })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
      await audit(trx, ctx, {
        actor: 'system',
        action: 'certificate.key',
        entity: 'setting',
        entityId: KEY_SETTING,
        detail: { kid },
      });
  });
  return fromStored((await read(ctx.db))!.value);
}

/** The public key as a JWK (what the server publishes and the README tells how to fetch). */
export async function certificatePublicKey(ctx: ServiceContext): Promise<JWK> {
  return (await signingKey(ctx)).publicJwk;
}

/**
 * What a certificate's token states. Short claim names keep the QR code small; nothing in it is more than the
 * public page shows (the holder's name masked, no ID number).
 */
export interface CertificateClaims {
  /** 证书编号 */
  readonly n: string;
  /** masked holder name */
  readonly h: string;
  /** occupation (工种) */
  readonly o: string;
  /** level code 1–5 */
  readonly l: number;
  /** issued on, YYYY-MM-DD */
  readonly d: string;
  /** issuing body (评价机构) */
  readonly i: string;
}

export async function signCertificate(key: SigningKey, claims: CertificateClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALG, kid: key.publicJwk.kid as string, typ: 'kaowu-cert+jwt' })
    .sign(key.privateKey);
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: CertificateClaims }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks a certificate token with the public key alone: no database. The signature covers every claim, so an
 * altered number, name or date fails here.
 */
export async function verifyCertificateToken(token: string, publicJwk: JWK): Promise<TokenCheck> {
  try {
    const key = await importJWK(publicJwk, ALG);
    const { payload } = await jwtVerify(token, key, { algorithms: [ALG], typ: 'kaowu-cert+jwt' });
    const c = payload as Partial<CertificateClaims>;
    if (typeof c.n !== 'string' || typeof c.h !== 'string' || typeof c.d !== 'string')
      return { ok: false, reason: '令牌内容不完整' };
    return {
      ok: true,
      claims: { n: c.n, h: c.h, o: String(c.o ?? ''), l: Number(c.l), d: c.d, i: String(c.i ?? '') },
    };
  } catch (e) {
    return { ok: false, reason: `签名校验未通过（${e instanceof Error ? e.message : String(e)}）` };
  }
}

/** The token a certificate PDF carries in its Keywords entry (written by @kaowu/reports), or undefined. */
export function tokenInPdf(pdf: Uint8Array, marker: string): string | undefined {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.indexOf(marker);
  if (at < 0) return undefined;
  return /^[A-Za-z0-9_\-.]+/.exec(text.slice(at + marker.length))?.[0];
}
