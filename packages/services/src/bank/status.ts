import type { BankCoverage, CertificationState } from '@kaowu/bank';
import { bankCoverage } from '@kaowu/bank';
import type { SnapshotDiff } from '@kaowu/domain';
import { diffSnapshots, indexOutline } from '@kaowu/domain';
import { certificationState } from './certification.ts';
import type { ServiceContext } from '../shared/context.ts';
import type { BankRef } from './outlines.ts';
import { getBankSettings } from '../accounts/settings.ts';
import { latestRelease } from './release.ts';
import type { CurrentSnapshot } from './snapshots.ts';
import { currentSnapshot } from './snapshots.ts';

/** The certified release papers are assembled from (已认证版本 R（日期）), and what is waiting for the next one. */
export interface ReleaseStatus {
  readonly number: number;
  readonly hash: string;
  readonly certifiedAt: string;
  /** Approved items in the release. */
  readonly items: number;
  /** Approved changes since the release, to be certified as the next release (待认证变更). */
  readonly pending: SnapshotDiff & { readonly total: number };
}

export interface BankStatus {
  readonly bank: BankRef & { readonly occupationName: string };
  /** The current snapshot: every approved item version, i.e. the next release while changes are pending. */
  readonly snapshotHash: string;
  /** Coverage of the current snapshot (what authors fill). */
  readonly coverage: BankCoverage;
  /** Sign-offs judged against the current snapshot: the certification of the next release. */
  readonly certification: CertificationState;
  /** The newest certified release, or null before the first certification. */
  readonly release: ReleaseStatus | null;
  /** A certified release exists and covers the outline: formal papers are assembled from it. */
  readonly ready: boolean;
}

const coverageOf = async (ctx: ServiceContext, snapshot: CurrentSnapshot) =>
  bankCoverage(
    indexOutline(snapshot.outline),
    snapshot.items.map((i) => i.content),
    await getBankSettings(ctx),
  );

export async function bankStatus(ctx: ServiceContext, bank: BankRef): Promise<BankStatus> {
  const snapshot = await currentSnapshot(ctx, bank);
  const coverage = await coverageOf(ctx, snapshot);
  const certification = await certificationState(ctx, bank, snapshot);
  const release = await latestRelease(ctx, bank, snapshot);
  const releaseCoverage =
    release === null ? null : release.hash === snapshot.hash ? coverage : await coverageOf(ctx, release.snapshot);
  const pending = release === null ? null : diffSnapshots(release.snapshot.items, snapshot.items);
  return {
    bank: { ...bank, occupationName: snapshot.outline.occupation.name },
    snapshotHash: snapshot.hash,
    coverage,
    certification,
    release:
      release === null || pending === null
        ? null
        : {
            number: release.number,
            hash: release.hash,
            certifiedAt: release.certifiedAt,
            items: release.snapshot.items.length,
            pending: { ...pending, total: pending.added + pending.changed + pending.retired },
          },
    ready: releaseCoverage !== null && releaseCoverage.blockers.length === 0,
  };
}
