import type { BankCoverage, CertificationState } from '@kaowu/bank';
import { bankCoverage } from '@kaowu/bank';
import { indexOutline } from '@kaowu/domain';
import { certificationState } from './certification.ts';
import type { ServiceContext } from '../shared/context.ts';
import type { BankRef } from './outlines.ts';
import { getBankSettings } from '../accounts/settings.ts';
import { currentSnapshot } from './snapshots.ts';

export interface BankStatus {
  readonly bank: BankRef & { readonly occupationName: string };
  readonly snapshotHash: string;
  readonly coverage: BankCoverage;
  readonly certification: CertificationState;
  /** Enough approved items, every weighted area covered, and certified: usable for exams. */
  readonly ready: boolean;
}

export async function bankStatus(ctx: ServiceContext, bank: BankRef): Promise<BankStatus> {
  const snapshot = await currentSnapshot(ctx, bank);
  const coverage = bankCoverage(
    indexOutline(snapshot.outline),
    snapshot.items.map((i) => i.content),
    await getBankSettings(ctx),
  );
  const certification = await certificationState(ctx, bank, snapshot);
  return {
    bank: { ...bank, occupationName: snapshot.outline.occupation.name },
    snapshotHash: snapshot.hash,
    coverage,
    certification,
    ready: coverage.blockers.length === 0 && certification.certified,
  };
}
