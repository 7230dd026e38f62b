import { createHmac } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenIssuer } from './tokens.ts';

/** The issuer's HS256 against jose (the library it replaced on the hot path) as the independent reference. */
const key = new Uint8Array(32).map((_, i) => i * 7 + 1);
const otherKey = new Uint8Array(32).fill(9);
const T0 = Date.parse('2026-11-02T01:00:00Z');
const claims = {
  kind: 'candidate',
  attemptId: 'a1',
  candidateId: 'c1',
  deviceId: 'dev-0001',
  sessionId: 's1',
} as const;
const refused = (code: string) => expect.objectContaining({ code });

const joseToken = (payload: Record<string, unknown>, k = key, header: Record<string, unknown> = { alg: 'HS256' }) =>
  new SignJWT(payload)
    .setProtectedHeader(header as { alg: string })
    .setIssuer('kaowu')
    .setIssuedAt(T0 / 1000)
    .setExpirationTime(T0 / 1000 + 900)
    .sign(k);

describe('candidate and staff tokens (HS256)', () => {
  it('jose verifies what the issuer signs, with the claims and expiry it states', async () => {
    const issuer = new TokenIssuer(key, () => new Date(T0));
    const { token, expiresAt } = await issuer.sign(claims);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256' });
    const { payload } = await jwtVerify(token, key, { issuer: 'kaowu', currentDate: new Date(T0) });
    expect(payload).toEqual({
      typ: 'candidate',
      aid: 'a1',
      cid: 'c1',
      dev: 'dev-0001',
      sid: 's1',
      iss: 'kaowu',
      iat: T0 / 1000,
      exp: T0 / 1000 + 900,
    });
    expect(expiresAt).toBe(T0 + 900_000);
  });

  it('accepts what jose signed (tokens issued before the change stay valid)', async () => {
    const issuer = new TokenIssuer(key, () => new Date(T0 + 60_000));
    const token = await joseToken({ typ: 'staff', sub: 'proctor_a', sid: 's2', csrf: 'x' });
    expect(await issuer.verify(token)).toEqual({
      kind: 'staff',
      username: 'proctor_a',
      sessionId: 's2',
      csrf: 'x',
      expiresAt: T0 + 900_000,
    });
  });

  it('refuses a token signed with another key, tampered, unsigned, re-headed or malformed', async () => {
    const issuer = () => new TokenIssuer(key, () => new Date(T0));
    const payload = { typ: 'candidate', aid: 'a1', cid: 'c1', dev: 'dev-0001', sid: 's1' };
    const good = await joseToken(payload);
    const [h, p, s] = good.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...payload, aid: 'a2', iss: 'kaowu', exp: T0 / 1000 + 900 })).toString(
      'base64url',
    );
    const none = new UnsecuredJWT(payload)
      .setIssuer('kaowu')
      .setExpirationTime(T0 / 1000 + 900)
      .encode();
    const crit = Buffer.from(JSON.stringify({ alg: 'HS256', crit: ['exp'] })).toString('base64url');
    const macOf = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
    const otherIssuer = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .setExpirationTime(T0 / 1000 + 900)
      .sign(key);
    for (const token of [
      await joseToken(payload, otherKey),
      `${h}.${forged}.${s}`,
      `${h}.${p}.${s.slice(0, -2)}AA`,
      none,
      `${crit}.${p}.${macOf(`${crit}.${p}`)}`,
      otherIssuer,
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      'not-a-token',
    ])
      await expect(issuer().verify(token), token).rejects.toThrow(refused('unauthorized'));
    // A correctly signed token whose claims are not Kaowu's shape.
    await expect(issuer().verify(await joseToken({ typ: 'candidate', aid: 'a1' }))).rejects.toThrow(
      refused('unauthorized'),
    );
  });

  it('is expired from its exp second on, as jose counts it', async () => {
    const token = await joseToken({ typ: 'candidate', aid: 'a1', cid: 'c1', dev: 'dev-0001', sid: 's1' });
    const at = (ms: number) => new TokenIssuer(key, () => new Date(ms));
    await expect(at(T0 + 899_999).verify(token)).resolves.toMatchObject({ attemptId: 'a1' });
    await expect(at(T0 + 900_000).verify(token)).rejects.toThrow(refused('token_expired'));
    await expect(jwtVerify(token, key, { currentDate: new Date(T0 + 900_000) })).rejects.toThrow(/exp/);
  });
});
