import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** The JWT claims Kaowu signs: the registered ones it uses and its own short names. */
interface JWTPayload {
  readonly iss?: unknown;
  readonly iat?: unknown;
  readonly exp?: unknown;
  readonly nbf?: unknown;
  readonly [claim: string]: unknown;
}

/** The protected header of every token: `{"alg":"HS256"}`, as jose's SignJWT wrote it before (tokens stay valid). */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

const parseSegment = (segment: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

class InvalidToken extends Error {}
class ExpiredToken extends Error {}

/**
 * A compact JWS (RFC 7515) with HS256 (RFC 7518 §3.2), as jose signs and verifies it, done with node:crypto's
 * synchronous HMAC: WebCrypto's asynchronous job (importKey, then sign or verify, each a thread-pool round trip)
 * cost more than the rest of a login in the exam-start spike. Verification is strict: exactly three segments,
 * the header `alg` HS256 and no `crit`, the MAC compared in constant time, `iss` Kaowu's, `exp` in the future
 * (as jose: expired when exp ≤ now in whole seconds), `nbf` if present not in the future.
 */
function signHs256(key: Uint8Array, payload: JWTPayload): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

function verifyHs256(key: Uint8Array, token: string, nowS: number): JWTPayload {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidToken('not a compact JWS');
  const [header, payload, mac] = parts as [string, string, string];
  const expected = Buffer.from(createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidToken('bad signature');
  const h = parseSegment(header);
  if (h === undefined || h.alg !== 'HS256' || 'crit' in h || 'b64' in h) throw new InvalidToken('bad header');
  const p = parseSegment(payload);
  if (p === undefined || p.iss !== ISSUER || typeof p.exp !== 'number') throw new InvalidToken('bad claims');
  if (p.iat !== undefined && typeof p.iat !== 'number') throw new InvalidToken('bad iat');
  if (p.nbf !== undefined && (typeof p.nbf !== 'number' || p.nbf > nowS)) throw new InvalidToken('not yet valid');
  if (p.exp <= nowS) throw new ExpiredToken('expired');
  return p;
}

/**
 * Signs and verifies (HS256: signHs256, verifyHs256). Verified tokens are remembered until they expire, so the answer-save path
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
    const token = signHs256(this.key, { ...payload, iss: ISSUER, iat: nowS, exp: nowS + ttl });
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
      payload = verifyHs256(this.key, token, Math.floor(nowMs / 1000));
    } catch (e) {
      if (e instanceof ExpiredToken) throw new KaowuError('token_expired', '登录已过期，请重新登录', 'token expired');
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
  const expiresAt = (typeof p.exp === 'number' ? p.exp : 0) * 1000;
  if (p.typ === 'candidate' && str(p.aid) && str(p.cid) && str(p.dev) && str(p.sid))
    return { kind: 'candidate', attemptId: p.aid, candidateId: p.cid, deviceId: p.dev, sessionId: p.sid, expiresAt };
  if (p.typ === 'staff' && str(p.sub) && str(p.sid) && str(p.csrf))
    return { kind: 'staff', username: p.sub, sessionId: p.sid, csrf: p.csrf, expiresAt };
  return undefined;
}

/** Unguessable identifiers for sessions and CSRF tokens. */
export const randomToken = (): string => randomBytes(18).toString('base64url');
