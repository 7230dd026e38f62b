import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import type { BankRef } from '../bank/outlines.ts';
import { listPapers, verifyStoredPaper } from './papers.ts';

/** Papers are secret (试题保密): the list and the verification too are for those the table lets read papers. */
export async function readPapers(ctx: ServiceContext, by: string, bank: BankRef) {
  await authorize(ctx, by, 'paper.read', bank);
  return listPapers(ctx, bank);
}

export async function verifyPaper(ctx: ServiceContext, by: string, paperId: string) {
  await authorize(ctx, by, 'paper.read');
  return verifyStoredPaper(ctx, paperId);
}
