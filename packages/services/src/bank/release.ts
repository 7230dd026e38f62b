import type { CertificationState } from '@kaowu/bank';
import { evaluateCertification } from '@kaowu/bank';
import type { SnapshotItem, SnapshotMember } from '@kaowu/domain';
import { itemContent, snapshotHash, sortMembers } from '@kaowu/domain';
import { fromJson } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';
import { getBankSettings } from '../accounts/settings.ts';
import { certificationRecords } from './certification.ts';
import type { BankRef } from './outlines.ts';
import { getOutline } from './outlines.ts';
import type { CurrentSnapshot } from './snapshots.ts';
import { currentSnapshot } from './snapshots.ts';

/**
 * A certified release of a bank: a snapshot that at least `minAssessors` registered assessors certified. Papers are
 * assembled from the newest release while approved changes accumulate in the current snapshot (the next release).
 */
export interface BankRelease {
  /** 1 for the bank's first certified snapshot, counting up: the R of 已认证版本 R. */
  readonly number: number;
  readonly hash: string;
  /** When the sign-off that completed the certification was given. */
  readonly certifiedAt: string;
  readonly snapshot: CurrentSnapshot;
}

/** What changed from the release to the current snapshot, item by item (the assessors' reading list). */
export interface ReleaseChanges {
  readonly added: readonly SnapshotItem[];
  readonly changed: readonly { readonly before: SnapshotItem; readonly after: SnapshotItem }[];
  readonly retired: readonly SnapshotItem[];
}

/** Rebuilds a recorded snapshot from the item versions it named (versions are kept forever); null when one is gone. */
async function snapshotOf(
  db: Executor,
  bank: BankRef,
  hash: string,
  members: readonly SnapshotMember[],
  versions: Awaited<ReturnType<typeof bankVersions>>,
): Promise<CurrentSnapshot | null> {
  const items: SnapshotItem[] = [];
  const authors = new Set<string>();
  for (const m of members) {
    const v = versions.get(`${m.code}\u0000${m.contentHash}`);
    if (!v) return null;
    authors.add(v.author);
    items.push({
      code: m.code,
      contentHash: m.contentHash,
      version: v.version,
      content: itemContent.parse(fromJson(v.content_json)),
    });
  }
  const sorted = sortMembers(items);
  if (snapshotHash(bank.occupationCode, bank.level, sorted) !== hash) return null;
  const { outline } = await getOutline({ db }, bank);
  return { occupationCode: bank.occupationCode, level: bank.level, hash, outline, items: sorted, authors };
}

/** Every version of the bank's items by code and content hash (older versions included). */
async function bankVersions(db: Executor, bank: BankRef) {
  const rows = await db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.code', 'v.version', 'v.content_hash', 'v.content_json', 'v.author'])
    .where('i.occupation_code', '=', bank.occupationCode)
    .where('i.level', '=', bank.level)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.code}\u0000${r.content_hash}`,
      { version: r.version, content_json: r.content_json, author: r.author },
    ]),
  );
}

/**
 * The bank's newest certified release, or null before any. Each certified snapshot is judged by the same rule as
 * the current one (≥ minAssessors registered assessors, authors excluded by default): nothing is loosened.
 */
export async function latestRelease(
  ctx: { db: Executor },
  bank: BankRef,
  current?: CurrentSnapshot,
): Promise<BankRelease | null> {
  const now = current ?? (await currentSnapshot(ctx, bank));
  const settings = await getBankSettings(ctx);
  const records = await certificationRecords(ctx.db, bank);
  const registered = new Set(
    (
      await ctx.db
        .selectFrom('assessor_registrations')
        .select('username')
        .where('occupation_code', '=', bank.occupationCode)
        .execute()
    ).map((r) => r.username),
  );
  // Snapshots with enough distinct signers to possibly be certified, in the order they were first signed.
  const signers = new Map<string, Set<string>>();
  for (const r of records) signers.set(r.snapshotHash, (signers.get(r.snapshotHash) ?? new Set()).add(r.assessor));
  const candidates = [...signers].filter(([, s]) => s.size >= settings.minAssessors).map(([hash]) => hash);
  if (candidates.length === 0) return null;
  let versions: Awaited<ReturnType<typeof bankVersions>> | undefined;
  const releases: Omit<BankRelease, 'number'>[] = [];
  for (const hash of candidates) {
    let snapshot: CurrentSnapshot | null = null;
    if (hash === now.hash) snapshot = now;
    else {
      const members = records.find((r) => r.snapshotHash === hash)?.members ?? null;
      if (members === null) continue;
      versions ??= await bankVersions(ctx.db, bank);
      snapshot = await snapshotOf(ctx.db, bank, hash, members, versions);
    }
    if (snapshot === null) continue;
    const state = certificationOf(snapshot, records, registered, settings);
    if (!state.certified) continue;
    // Certified from the sign-off that made the count reach the minimum.
    const counting = state.certifications.filter((c) => c.verdict.kind === 'counts');
    const firsts = new Map<string, string>();
    for (const c of counting) if (!firsts.has(c.assessor)) firsts.set(c.assessor, c.certifiedAt);
    const certifiedAt = [...firsts.values()].sort()[settings.minAssessors - 1] ?? counting[0]!.certifiedAt;
    releases.push({ hash, certifiedAt, snapshot });
  }
  // In the order they were certified; a certified current snapshot is the newest content whatever the clocks of
  // imported sign-offs say.
  const key = (r: Omit<BankRelease, 'number'>) => `${r.hash === now.hash ? 1 : 0}${r.certifiedAt}`;
  releases.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const last = releases.at(-1);
  return last ? { ...last, number: releases.length } : null;
}

function certificationOf(
  snapshot: CurrentSnapshot,
  records: Awaited<ReturnType<typeof certificationRecords>>,
  registered: ReadonlySet<string>,
  settings: Awaited<ReturnType<typeof getBankSettings>>,
): CertificationState {
  return evaluateCertification({
    current: { hash: snapshot.hash, members: snapshot.items },
    records,
    registeredAssessors: registered,
    authorsInSnapshot: snapshot.authors,
    settings,
  });
}

/** Added, changed (before and after) and retired items from `release` to `current`, each list by code. */
export function releaseChanges(release: CurrentSnapshot, current: CurrentSnapshot): ReleaseChanges {
  const before = new Map(release.items.map((i) => [i.code, i]));
  const after = new Map(current.items.map((i) => [i.code, i]));
  const added: SnapshotItem[] = [];
  const changed: { before: SnapshotItem; after: SnapshotItem }[] = [];
  for (const [code, item] of after) {
    const old = before.get(code);
    if (old === undefined) added.push(item);
    else if (old.contentHash !== item.contentHash) changed.push({ before: old, after: item });
  }
  const retired = release.items.filter((i) => !after.has(i.code));
  return { added, changed, retired };
}
