import type { BankSnapshot, SnapshotItem, SnapshotMember } from '@kaowu/domain';
import { itemContent, snapshotHash, sortMembers } from '@kaowu/domain';
import { type Database, fromJson, toJson } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import type { BankRef } from './outlines.ts';
import { bankKey, getOutline } from './outlines.ts';

export interface CurrentSnapshot extends BankSnapshot {
  /** Authors of the approved versions: by default they may not certify this snapshot. */
  readonly authors: ReadonlySet<string>;
}

/** The bank's current snapshot: its approved item versions, sorted by code, and their hash. */
export async function currentSnapshot(ctx: { db: Executor }, bank: BankRef): Promise<CurrentSnapshot> {
  const { outline } = await getOutline(ctx, bank);
  const rows = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.code', 'v.version', 'v.content_hash', 'v.content_json', 'v.author'])
    .where('i.occupation_code', '=', bank.occupationCode)
    .where('i.level', '=', bank.level)
    .where('v.status', '=', 'approved')
    .execute();
  const items: SnapshotItem[] = sortMembers(
    rows.map((r) => ({
      code: r.code,
      version: r.version,
      contentHash: r.content_hash,
      content: itemContent.parse(fromJson(r.content_json)),
    })),
  );
  return {
    occupationCode: bank.occupationCode,
    level: bank.level,
    hash: snapshotHash(bank.occupationCode, bank.level, items),
    outline,
    items,
    authors: new Set(rows.map((r) => r.author)),
  };
}

/** Records a snapshot's members once, so later changes can be described against it. */
export async function rememberSnapshot(
  trx: Executor,
  ctx: ServiceContext,
  bank: BankRef,
  hash: string,
  members: readonly SnapshotMember[] | null,
): Promise<void> {
  const existing = await trx
    .selectFrom('snapshots')
    .select(['hash', 'members_json'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  const json = members === null ? null : toJson(members.map((m) => [m.code, m.contentHash] as const));
  if (!existing)
    await trx
      .insertInto('snapshots')
      .values({
        hash,
        ...bankKey(bank),
        members_json: json,
        created_at: isoNow(ctx),
      })
      .execute();
  else if (existing.members_json === null && json !== null)
    await trx.updateTable('snapshots').set({ members_json: json }).where('hash', '=', hash).execute();
}

export function parseMembers(json: Database['snapshots']['members_json']): SnapshotMember[] | null {
  if (json === null) return null;
  return fromJson(json).map(([code, contentHash]) => ({ code, contentHash }));
}
