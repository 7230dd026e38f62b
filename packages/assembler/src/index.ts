export { assemble, ASSEMBLER_VERSION } from './assemble.ts';
export type { AssemblyError, AssemblyProblem, CellShortfall, ProblemCell } from './errors.ts';
export { toCanonicalResponse, variant, type CandidateVariant } from './variant.ts';
export { verifyPaper } from './verify.ts';
