import { timingSafeEqual, createHash } from 'node:crypto';
import { levelLabel, maskName, type LevelCode, type MaskingSettings } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { requirePlan, findBatch } from '../results/batch.ts';
import { getResultsSettings } from '../results/settings.ts';
import { signingKey, verifyCertificateToken } from './signing.ts';

/** What the public page shows of a certificate: never an ID number, the holder's name masked. */
export interface PublicCertificate {
  readonly found: true;
  readonly number: string;
  readonly holder: string;
  readonly occupation: string;
  readonly level: string;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly status: 'valid' | 'revoked';
  readonly revokedOn?: string | undefined;
}

/** The one answer for "no such certificate" and "the name does not match": nothing to tell them apart. */
export interface NoCertificate {
  readonly found: false;
}

export type PublicAnswer = PublicCertificate | NoCertificate;
const NONE: NoCertificate = { found: false };

const digest = (s: string): Buffer => createHash('sha256').update(s.normalize('NFC').trim()).digest();

/**
 * The lookup behind every public query, compiled to SQL once per database and run with the number as its only
 * parameter: building and compiling the Kysely query anew cost more than running it (a sixth of the page's CPU
 * under load). The database's own compiler writes it, so the placeholders suit SQLite and PostgreSQL alike.
 */
const lookups = new WeakMap<object, ReturnType<typeof buildLookup>>();
const buildLookup = (db: ServiceContext['db']) =>
  db
    .selectFrom('certificates as k')
    .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
    .leftJoin('certificate_revocations as r', 'r.number', 'k.number')
    .select(['k.number', 'k.batch_id', 'k.issued_on', 'c.name', 'r.revoked_at'])
    .where('k.number', '=', '')
    .compile();

async function describe(ctx: ServiceContext, number: string, name: string | undefined): Promise<PublicAnswer> {
  let lookup = lookups.get(ctx.db);
  if (!lookup) lookups.set(ctx.db, (lookup = buildLookup(ctx.db)));
  const query: typeof lookup = { ...lookup, parameters: [number] };
  const [row] = (await ctx.db.executeQuery(query)).rows;
  // The same work whether or not the number exists: compare against a stand-in name when it does not, so an
  // unknown number and a wrong name take the same path and the same time.
  const match = timingSafeEqual(digest(row?.name ?? '\u0000'), digest(name ?? row?.name ?? ''));
  if (!row || !match) return NONE;
  const about = await batchFacts(ctx, row.batch_id);
  return {
    found: true,
    number: row.number,
    holder: maskName(row.name, about.masking),
    occupation: about.occupation,
    level: about.level,
    issuedOn: row.issued_on,
    issuer: about.issuer,
    status: row.revoked_at ? 'revoked' : 'valid',
    revokedOn: row.revoked_at?.slice(0, 10),
  };
}

interface BatchFacts {
  readonly occupation: string;
  readonly level: string;
  readonly issuer: string;
  readonly masking: MaskingSettings;
}

/**
 * What every certificate of a batch shares, kept for a few seconds: a public page under load would otherwise
 * re-read and re-parse the batch's plan and the settings for every query. A changed setting shows within 10 s.
 */
const facts = new WeakMap<object, Map<string, { readonly facts: Promise<BatchFacts>; readonly at: number }>>();
const FACTS_MS = 10_000;

/** Concurrent queries share one read: when the entry expires under load, only the first query re-reads. */
function batchFacts(ctx: ServiceContext, batchId: string): Promise<BatchFacts> {
  let cache = facts.get(ctx.db);
  if (!cache) facts.set(ctx.db, (cache = new Map()));
  const hit = cache.get(batchId);
  const now = Date.now();
  if (hit && now - hit.at < FACTS_MS) return hit.facts;
  const fresh = readBatchFacts(ctx, batchId);
  cache.set(batchId, { facts: fresh, at: now });
  fresh.catch(() => cache.delete(batchId));
  return fresh;
}

async function readBatchFacts(ctx: ServiceContext, batchId: string): Promise<BatchFacts> {
  const batch = await findBatch(ctx.db, batchId);
  const { plan } = await requirePlan(ctx.db, batch);
  const settings = await getResultsSettings(ctx);
  return {
    occupation: plan.occupation.trade ?? plan.occupation.name,
    level: levelLabel(batch.level as LevelCode),
    issuer: settings.evaluationBody ?? settings.enterpriseName,
    masking: settings.masking,
  };
}

const NUMBER = /^[A-Z0-9]{22}$/;

/**
 * 证书查询 by number and name, exact match only; no staff sign-in. An unknown number and a wrong name give the
 * same answer ({ found: false }).
 */
export async function queryCertificate(
  ctx: ServiceContext,
  input: { number: string; name: string },
): Promise<PublicAnswer> {
  const number = input.number.trim().toUpperCase();
  const name = input.name.trim();
  if (!NUMBER.test(number) || name === '') {
    // Still one lookup, so a malformed query is not faster than a wrong one.
    await describe(ctx, '', '\u0001');
    return NONE;
  }
  return describe(ctx, number, name);
}

/** 证书查询 from the QR code: the token's signature is checked first, then the certificate's current status. */
export async function queryCertificateToken(ctx: ServiceContext, token: string): Promise<PublicAnswer> {
  const check = await verifyCertificateToken(token, (await signingKey(ctx)).publicJwk);
  if (!check.ok) {
    await describe(ctx, '', '\u0001');
    return NONE;
  }
  return describe(ctx, check.claims.n, undefined);
}
