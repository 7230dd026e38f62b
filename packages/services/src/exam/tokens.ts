import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../audit/writer.ts';
import { KaowuError } from '@kaowu/domain';

/** Candidate tokens are short-lived and renewed while the candidate is active. */
export const CANDIDATE_TOKEN_TTL_S = 15 * 60;
/** Staff sessions last an exam day. */
export const STAFF_TOKEN_TTL_S = 10 * 60 * 60;

export interface CandidateClaims {
  readonly kind: 'candidate';
  readonly attemptId: string;
  readonly candidateId: string;
  readonly deviceId: string;
  /** The login session: a transfer to another device or a new login replaces it, revoking older tokens. */
  readonly sessionId: string;
  readonly expiresAt: number;
}

export interface StaffClaims {
  readonly kind: 'staff';
  readonly username: string;
  readonly sessionId: string;
  /** Sent back in a header on state-changing requests made with the cookie (double submit). */
  readonly csrf: string;
  readonly expiresAt: number;
}

export type Claims = CandidateClaims | StaffClaims;

/** The HMAC key, created once and kept in the database so tokens survive a restart of the server. */
export async function signingKey(db: Executor, now: Date): Promise<Uint8Array> {
  const found = await db.selectFrom('server_secrets').select('value').where('name', '=', 'jwt').executeTakeFirst();
  if (found) return new Uint8Array(Buffer.from(found.value, 'base64'));
  const value = randomBytes(32).toString('base64');
  await db
    .insertInto('server_secrets')
    .values({ name: 'jwt', value, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', 'jwt')
    .executeTakeFirstOrThrow();
  return new Uint8Array(Buffer.from(stored.value, 'base64'));
}

const ISSUER = 'kaowu';

/**
 * Signs and verifies (HS256, jose). Verified tokens are remembered until they expire, so the answer-save path
 * pays for the HMAC once per token rather than once per request; revocation is checked by the caller on
 * every request against the attempt's current session, so remembering never lets a revoked token through.
 */
export class TokenIssuer {
  private readonly verified = new LRUCache<string, Claims>({ max: 20_000 });

  constructor(
    private readonly key: Uint8Array,
    private readonly clock: () => Date,
  ) {}

  async sign(
    claims: Omit<CandidateClaims, 'expiresAt'> | Omit<StaffClaims, 'expiresAt'>,
  ): Promise<{ token: string; expiresAt: number }> {
    const nowS = Math.floor(this.clock().getTime() / 1000);
    const ttl = claims.kind === 'candidate' ? CANDIDATE_TOKEN_TTL_S : STAFF_TOKEN_TTL_S;
    const payload: JWTPayload =
      claims.kind === 'candidate'
        ? {
            typ: 'candidate',
            aid: claims.attemptId,
            cid: claims.candidateId,
            dev: claims.deviceId,
            sid: claims.sessionId,
          }
        : { typ: 'staff', sub: claims.username, sid: claims.sessionId, csrf: claims.csrf };
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + ttl)
      .sign(this.key);
    return { token, expiresAt: (nowS + ttl) * 1000 };
  }

  /** The claims of a token verified before, without waiting; undefined when it has not been seen. */
  remembered(token: string): Claims | undefined {
    const known = this.verified.get(token);
    if (known !== undefined && known.expiresAt <= this.clock().getTime())
      throw new KaowuError('token_expired', '登录已过期，请重新登录', 'token expired');
    return known;
  }

  /** The token's claims, or a 401-kind failure: tampered, malformed and expired tokens are all refused. */
  async verify(token: string): Promise<Claims> {
    const nowMs = this.clock().getTime();
    const known = this.remembered(token);
    if (known !== undefined) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(nowMs),
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        throw new KaowuError('token_expired', '登录已过期，请重新登录', 'token expired');
      throw new KaowuError('unauthorized', '登录凭证无效，请重新登录', 'invalid token');
    }
    const claims = toClaims(payload);
    if (claims === undefined) throw new KaowuError('unauthorized', '登录凭证无效，请重新登录', 'invalid token claims');
    this.verified.set(token, claims);
    return claims;
  }
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function toClaims(p: JWTPayload): Claims | undefined {
  const expiresAt = (p.exp ?? 0) * 1000;
  if (p.typ === 'candidate' && str(p.aid) && str(p.cid) && str(p.dev) && str(p.sid))
    return { kind: 'candidate', attemptId: p.aid, candidateId: p.cid, deviceId: p.dev, sessionId: p.sid, expiresAt };
  if (p.typ === 'staff' && str(p.sub) && str(p.sid) && str(p.csrf))
    return { kind: 'staff', username: p.sub, sessionId: p.sid, csrf: p.csrf, expiresAt };
  return undefined;
}

/** Unguessable identifiers for sessions and CSRF tokens. */
export const randomToken = (): string => randomBytes(18).toString('base64url');
