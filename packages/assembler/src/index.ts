export { assemble, ASSEMBLER_VERSION, NO_CALIBRATION } from './assemble.ts';
export type { AssemblyError, AssemblyErrorCode, AssemblyProblem, CellShortfall, ProblemCell } from './errors.ts';
export {
  toCanonicalResponse,
  variant,
  variantJsonBytes,
  variantMapping,
  variantView,
  type CandidateVariant,
} from './variant.ts';
export { verifyPaper, type PaperCheck, type PaperCheckCode, type PaperCheckProblem } from './verify.ts';
