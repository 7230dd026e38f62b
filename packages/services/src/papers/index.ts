/** Papers: assembly from a bank snapshot, storage by content hash, verification and export. */
export {
  assemblePapers,
  bankBlueprint,
  exportPaper,
  readPaperWithKeys,
  tryAssembly,
  type ApprovedCell,
  type AssembledPaper,
  type BankBlueprint,
  type PaperFormat,
  type StoredPaper,
} from './papers.ts';
export { readPapers, verifyPaper } from './reads.ts';
