import type { AssemblyErrorCode, PaperCheckCode } from '@kaowu/assembler';
import type { LifecycleProblemCode } from '@kaowu/bank';
import { type ErrorCode, KaowuError, type Problem } from '@kaowu/domain';
import type { CertificateProblemCode, PublicityProblemCode } from '@kaowu/grading';

/** Shorthands for the generic refusals; a specific code is thrown as `new KaowuError(code, zh, en)`. */
export const fail = {
  notFound: (zh: string, en: string): KaowuError => new KaowuError('not_found', zh, en),
  forbidden: (zh: string, en: string): KaowuError => new KaowuError('forbidden', zh, en),
  conflict: (zh: string, en: string): KaowuError => new KaowuError('conflict', zh, en),
  invalid: (zh: string, en: string, details: readonly unknown[] = []): KaowuError =>
    new KaowuError('invalid', zh, en, details),
};

/*
 * The packages name their problems with their own codes; these maps say which error code each becomes. They are
 * typed over both unions, so a new package code without a translation (or a translation to a code that does not
 * exist) fails `tsc` here, instead of leaking out as an unmapped code and a 500.
 */

export const LIFECYCLE_ERRORS = {
  item_bad_status: 'item_bad_status',
  item_not_author: 'forbidden',
  item_self_review: 'forbidden',
  item_in_review: 'item_in_review',
} as const satisfies Record<LifecycleProblemCode, ErrorCode>;

export const ASSEMBLY_ERRORS = {
  assembly_blueprint_invalid: 'invalid',
  assembly_infeasible: 'assembly_infeasible',
  assembly_mean: 'assembly_infeasible',
  assembly_enemies: 'assembly_infeasible',
  assembly_search_limit: 'assembly_infeasible',
  assembly_overlap: 'assembly_infeasible',
  assembly_cut_window: 'assembly_infeasible',
  assembly_equating: 'assembly_infeasible',
} as const satisfies Record<AssemblyErrorCode, ErrorCode>;

export const PAPER_CHECK_ERRORS = {
  paper_altered: 'paper_altered',
  paper_other_snapshot: 'paper_mismatch',
  paper_other_blueprint: 'paper_mismatch',
  paper_other_usage: 'paper_mismatch',
  paper_mismatch: 'paper_mismatch',
  paper_other_version: 'paper_not_reproducible',
  paper_not_reproducible: 'paper_not_reproducible',
  paper_other_calibration: 'paper_mismatch',
} as const satisfies Record<PaperCheckCode, ErrorCode>;

export const PUBLICITY_ERRORS = {
  holiday_data_missing: 'holiday_data_missing',
  working_days_overflow: 'invalid',
  publicity_days_invalid: 'invalid',
  objection_exists: 'conflict',
  objection_empty: 'invalid',
  objection_not_found: 'not_found',
  objection_resolved: 'conflict',
  resolution_note_missing: 'invalid',
} as const satisfies Record<PublicityProblemCode, ErrorCode>;

export const CERTIFICATE_ERRORS = {
  certificate_body_type: 'invalid',
  certificate_body_code: 'invalid',
  certificate_province: 'invalid',
  certificate_site_code: 'invalid',
  certificate_year: 'invalid',
  certificate_level: 'invalid',
  certificate_sequence: 'invalid',
  certificate_number_format: 'invalid',
} as const satisfies Record<CertificateProblemCode, ErrorCode>;

/**
 * A package's problem as the error users see: its code translated through `map`, its own (specific) messages
 * kept, optionally prefixed with what it concerns (e.g. `试题 BA002-01：`).
 */
export function refuse<C extends string>(
  problem: Problem<C>,
  map: Readonly<Record<C, ErrorCode>>,
  options: { readonly prefix?: { zh: string; en: string }; readonly details?: readonly unknown[] } = {},
): KaowuError {
  const { prefix, details = [] } = options;
  return new KaowuError(
    map[problem.code],
    prefix ? `${prefix.zh}${problem.zh}` : problem.zh,
    prefix ? `${prefix.en}${problem.en}` : problem.en,
    details,
  );
}
