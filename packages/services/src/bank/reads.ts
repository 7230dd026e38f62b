import { authorize } from '../shared/authorize.ts';
import { bankStatus } from './status.ts';
import { certificationSample, listBanks } from './banks.ts';
import { certificationState } from './certification.ts';
import type { ServiceContext } from '../shared/context.ts';
import { itemTemplate } from './item-import.ts';
import { type ItemFilter, itemHistory, listItems } from './items.ts';
import { type BankRef, getOutline } from './outlines.ts';
import { currentSnapshot } from './snapshots.ts';
import { latestRelease, releaseChanges } from './release.ts';

/**
 * The reads of banks as use cases for the staff API: each authorises the actor from the permission
 * table before it reads. The functions they call are the readers the services and the local CLI share (the CLI
 * runs with the database's own authority).
 */
export async function readBanks(ctx: ServiceContext, by: string) {
  await authorize(ctx, by, 'bank.read');
  return listBanks(ctx, by);
}

export async function readBankStatus(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  return bankStatus(ctx, bank);
}

/** The bank's current snapshot: its hash and the approved item versions it holds. */
export async function readSnapshot(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  return currentSnapshot(ctx, bank);
}

export async function readOutline(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  return (await getOutline(ctx, bank)).outline;
}

export async function readItems(ctx: ServiceContext, by: string, bank: BankRef, filter: ItemFilter = {}) {
  await authorize(ctx, by, 'bank.read', bank);
  return listItems(ctx, bank, filter);
}

export async function readItemHistory(ctx: ServiceContext, by: string, bank: BankRef, code: string) {
  await authorize(ctx, by, 'bank.read', bank);
  return itemHistory(ctx, bank, code);
}

export async function readItemTemplate(ctx: ServiceContext, by: string, bank?: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  return itemTemplate(ctx, bank);
}

export async function readCertification(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  return certificationState(ctx, bank);
}

export async function readCertificationSample(ctx: ServiceContext, by: string, bank: BankRef, size: number) {
  await authorize(ctx, by, 'bank.read', bank);
  return certificationSample(ctx, bank, size);
}

/**
 * What assessors certify when a release exists: every item added, changed (before and after) or retired since it.
 * Before the first release there is nothing to compare with (`release` null, empty lists): they read the whole bank.
 */
export async function readReleaseChanges(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'bank.read', bank);
  const current = await currentSnapshot(ctx, bank);
  const release = await latestRelease(ctx, bank, current);
  if (release === null) return { release: null, added: [], changed: [], retired: [] };
  return {
    release: { number: release.number, hash: release.hash, certifiedAt: release.certifiedAt },
    ...releaseChanges(release.snapshot, current),
  };
}
