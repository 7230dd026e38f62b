import type { LevelCode } from '@kaowu/domain';
import { diffSnapshots, levelLabel } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import type { BankRef } from './outlines.ts';
import { currentSnapshot, type CurrentSnapshot } from './snapshots.ts';
import { latestRelease } from './release.ts';
import seedrandom from 'seedrandom';

export interface BankSummary extends BankRef {
  readonly occupationName: string;
  readonly label: string;
  readonly items: number;
  readonly approved: number;
  /** Items in review that the reader did not write: 待我审核. */
  readonly toReview: number;
  /**
   * For an assessor registered for the occupation: approved changes since the certified release, waiting for the
   * certification of the next one (待认证变更); every approved item before the first release. Null for others.
   */
  readonly toCertify: number | null;
}

/** Every bank with an outline, with its item counts: the console's starting point. */
export async function listBanks(ctx: ServiceContext, reader?: string): Promise<BankSummary[]> {
  const outlines = await ctx.db
    .selectFrom('outlines as o')
    .innerJoin('occupations as c', 'c.code', 'o.occupation_code')
    .select(['o.occupation_code', 'o.level', 'c.name'])
    .orderBy('o.occupation_code')
    .orderBy('o.level', 'desc')
    .execute();
  // An item counts once however many versions it has: a revision draft of an approved item adds no item.
  const counts = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select([
      'i.occupation_code',
      'i.level',
      (e) => e.fn.count<number>('i.id').distinct().as('items'),
      (e) =>
        e.fn
          .count<number>(e.case().when('v.status', '=', 'approved').then(e.ref('i.id')).end())
          .distinct()
          .as('approved'),
    ])
    .where('v.status', '!=', 'superseded')
    .groupBy(['i.occupation_code', 'i.level'])
    .execute();
  const reviews = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.occupation_code', 'i.level', (e) => e.fn.count<number>('i.id').distinct().as('n')])
    .where('v.status', '=', 'in_review')
    .where('v.author', '!=', reader ?? '')
    .groupBy(['i.occupation_code', 'i.level'])
    .execute();
  // Only the occupations the reader is a registered assessor of: the snapshot comparison costs a read of the bank.
  const registered = new Set(
    reader === undefined
      ? []
      : (
          await ctx.db
            .selectFrom('assessor_registrations')
            .select('occupation_code')
            .where('username', '=', reader)
            .execute()
        ).map((r) => r.occupation_code),
  );
  const toCertify = new Map<string, number>();
  for (const o of outlines) {
    if (!registered.has(o.occupation_code)) continue;
    const bank = { occupationCode: o.occupation_code, level: o.level as LevelCode };
    const snapshot = await currentSnapshot(ctx, bank);
    const release = await latestRelease(ctx, bank, snapshot);
    const n =
      release === null
        ? snapshot.items.length
        : ((d) => d.added + d.changed + d.retired)(diffSnapshots(release.snapshot.items, snapshot.items));
    toCertify.set(`${o.occupation_code}/${o.level}`, n);
  }
  return outlines.map((o) => {
    const mine = counts.find((c) => c.occupation_code === o.occupation_code && c.level === o.level);
    return {
      occupationCode: o.occupation_code,
      level: o.level as LevelCode,
      occupationName: o.name,
      label: `${o.name} ${levelLabel(o.level as LevelCode)}`,
      items: Number(mine?.items ?? 0),
      approved: Number(mine?.approved ?? 0),
      toReview: Number(reviews.find((r) => r.occupation_code === o.occupation_code && r.level === o.level)?.n ?? 0),
      toCertify: toCertify.get(`${o.occupation_code}/${o.level}`) ?? null,
    };
  });
}

/**
 * A reading sample of the current snapshot for assessors: chosen by a generator seeded with the snapshot
 * hash, so every assessor of the same snapshot reads the same sample and it changes when the bank changes.
 */
export async function certificationSample(
  ctx: ServiceContext,
  bank: BankRef,
  size: number,
): Promise<CurrentSnapshot['items']> {
  if (!Number.isInteger(size) || size < 1 || size > 200)
    throw fail.invalid('抽样数量应为 1–200', 'sample size must be 1–200');
  const snapshot = await currentSnapshot(ctx, bank);
  const random = seedrandom(snapshot.hash);
  const pool = [...snapshot.items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, size).sort((a, b) => (a.code < b.code ? -1 : 1));
}
