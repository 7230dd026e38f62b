/**
 * The part of the domain that runs in a browser: no node: modules. Front ends import `@kaowu/domain/browser`.
 */
export * from './audit-vocabulary.ts';
export * from './china-time.ts';
export * from './error-codes.ts';
export * from './exam-vocabulary.ts';
export * from './item-vocabulary.ts';
export * from './keys-of.ts';
export * from './mask.ts';
export * from './levels.ts';
export * from './results.ts';
export * from './results-vocabulary.ts';
export * from './rich-text.ts';
export type { CandidateItemView, CandidatePaperView, ItemResponse } from './paper.ts';
export * from './supervision-rubric.ts';
export * from './external-supervision-rubric.ts';
export * from './permissions.ts';
export * from './sheet-problem.ts';
export * from './batch-stage.ts';
export * from './person-label.ts';
export * from './analysis-vocabulary.ts';
export * from './realname.ts';
export * from './filing.ts';
