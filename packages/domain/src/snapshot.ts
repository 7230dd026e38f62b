import { contentHash } from './hash.ts';
import type { ItemContent } from './item.ts';
import type { LevelCode } from './levels.ts';
import type { Outline } from './outline.ts';

/** One member of a bank snapshot: an approved item version, named by the item's stable code (编号). */
export interface SnapshotMember {
  readonly code: string;
  readonly contentHash: string;
}

export interface SnapshotItem extends SnapshotMember {
  readonly version: number;
  readonly content: ItemContent;
}

/** The approved item versions of one occupation × level: what certifications and papers are bound to. */
export interface BankSnapshot {
  readonly occupationCode: string;
  readonly level: LevelCode;
  readonly hash: string;
  readonly outline: Outline;
  /** Sorted by code. */
  readonly items: readonly SnapshotItem[];
}

const byCode = (a: SnapshotMember, b: SnapshotMember): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The snapshot hash depends only on the bank's identity and its members' codes and content hashes —
 * never on insertion order, database ids or timestamps — so two databases holding the same approved
 * content agree on it.
 */
export function snapshotHash(occupationCode: string, level: LevelCode, members: readonly SnapshotMember[]): string {
  const sorted = [...members].sort(byCode).map((m) => [m.code, m.contentHash]);
  return contentHash({ kind: 'kaowu-bank-snapshot/1', occupationCode, level, members: sorted });
}

export function sortMembers<T extends SnapshotMember>(members: readonly T[]): T[] {
  return [...members].sort(byCode);
}

export interface SnapshotDiff {
  readonly added: number;
  readonly changed: number;
  readonly retired: number;
}

/** What changed from an older snapshot to a newer one, counted per item code. */
export function diffSnapshots(older: readonly SnapshotMember[], newer: readonly SnapshotMember[]): SnapshotDiff {
  const before = new Map(older.map((m) => [m.code, m.contentHash]));
  const after = new Map(newer.map((m) => [m.code, m.contentHash]));
  let added = 0;
  let changed = 0;
  let retired = 0;
  for (const [code, hash] of after) {
    const old = before.get(code);
    if (old === undefined) added++;
    else if (old !== hash) changed++;
  }
  for (const code of before.keys()) if (!after.has(code)) retired++;
  return { added, changed, retired };
}
