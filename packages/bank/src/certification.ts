import type { SnapshotDiff, SnapshotMember } from '@kaowu/domain';
import { diffSnapshots } from '@kaowu/domain';
import type { BankSettings } from './settings.ts';

export interface CertificationRecord {
  readonly assessor: string;
  readonly assessorName: string;
  readonly snapshotHash: string;
  readonly certifiedAt: string;
  readonly comment: string;
  /** The certified snapshot's members; null when only its hash is known. */
  readonly members: readonly SnapshotMember[] | null;
}

/** Its names and words: CERTIFICATION_VERDICT_NAMES and certificationVerdictText in @kaowu/domain. */
export type CertificationVerdict =
  | { readonly kind: 'counts' }
  | { readonly kind: 'not_registered' }
  | { readonly kind: 'author' }
  /** Certified an older snapshot; `changes` is null when that snapshot's contents are unknown. */
  | { readonly kind: 'stale'; readonly changes: SnapshotDiff | null };

export interface EvaluatedCertification extends CertificationRecord {
  readonly verdict: CertificationVerdict;
}

export interface CertificationState {
  readonly certified: boolean;
  readonly required: number;
  /** Distinct assessors whose sign-off counts for the current snapshot. */
  readonly counting: number;
  readonly certifications: readonly EvaluatedCertification[];
}

/**
 * A bank is certified when at least `minAssessors` distinct assessors registered for the occupation have
 * certified the current snapshot; by default an assessor who authored items in it does not count.
 */
export function evaluateCertification(input: {
  readonly current: { readonly hash: string; readonly members: readonly SnapshotMember[] };
  readonly records: readonly CertificationRecord[];
  readonly registeredAssessors: ReadonlySet<string>;
  readonly authorsInSnapshot: ReadonlySet<string>;
  readonly settings: BankSettings;
}): CertificationState {
  const { current, settings } = input;
  const evaluated = input.records.map((record): EvaluatedCertification => {
    if (record.snapshotHash !== current.hash) {
      const changes = record.members === null ? null : diffSnapshots(record.members, current.members);
      return { ...record, verdict: { kind: 'stale', changes } };
    }
    if (!input.registeredAssessors.has(record.assessor)) return { ...record, verdict: { kind: 'not_registered' } };
    if (settings.excludeAuthors && input.authorsInSnapshot.has(record.assessor))
      return { ...record, verdict: { kind: 'author' } };
    return { ...record, verdict: { kind: 'counts' } };
  });
  const counting = new Set(evaluated.filter((c) => c.verdict.kind === 'counts').map((c) => c.assessor)).size;
  return {
    certified: counting >= settings.minAssessors,
    required: settings.minAssessors,
    counting,
    certifications: evaluated,
  };
}
