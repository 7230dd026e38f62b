import { type Action, allows, bankRelations, dutyRelations } from '@kaowu/domain/browser';
import { me } from './session.ts';

/**
 * What the console shows, from the same permission table the server enforces (@kaowu/domain): a tab or a button
 * appears exactly when the table lets the signed-in person do what it leads to.
 */

/** An action the person's roles allow anywhere (banks, creating batches, the whole audit trail …). */
export const may = (action: Action): boolean => allows({ roles: me()?.roles ?? [] }, action);

/** An action on a bank (an occupation's): by role, or as an assessor registered for that occupation. */
export function mayInBank(action: Action, occupationCode: string): boolean {
  const who = me();
  if (!who) return false;
  return allows({ roles: who.roles, relations: bankRelations(who.roles, who.registrations, occupationCode) }, action);
}

/** A batch as the server sends it: its staff with their duties. */
export interface StaffedBatch {
  readonly staff?: readonly { readonly username: string; readonly duty: string; readonly room?: string | null }[];
}

/** An action within this batch: by role, or by the person's duty on the batch's staff. */
export function mayInBatch(action: Action, batch: StaffedBatch): boolean {
  const who = me();
  if (!who) return false;
  const mine = (batch.staff ?? []).filter((s) => s.username === who.username);
  return allows({ roles: who.roles, relations: dutyRelations(who.roles, mine) }, action);
}

/** The batch page's tabs, in order, and what each one shows (its reads). */
export const BATCH_TAB_ACTIONS = {
  overview: 'batch.read',
  papers: 'paper.read',
  plan: 'plan.read',
  results: 'results.read',
  supervision: 'supervision.read',
  stats: 'stats.read',
  // The exam day (issue 18): the candidate list's publicity, staff changes after the start, practical sheets; 附件3.
  examday: 'publicity.read',
  external: 'supervision.read',
  timeline: 'filing.read',
} as const satisfies Record<string, Action>;
export type BatchTab = keyof typeof BATCH_TAB_ACTIONS;
export const BATCH_TABS = Object.keys(BATCH_TAB_ACTIONS) as BatchTab[];

/** The tabs this person sees on this batch. */
export const batchTabs = (batch: StaffedBatch): BatchTab[] =>
  BATCH_TABS.filter((t) => mayInBatch(BATCH_TAB_ACTIONS[t], batch));

/**
 * The bank page's tabs, in order, and the actions behind each: a tab shows when the table allows any of them
 * (导入导出 is the authors' import and everyone's export; 审核 the reviewers';
 * the rest anyone who reads the bank).
 */
export const BANK_TAB_ACTIONS = {
  items: ['bank.read'],
  import: ['item.write', 'bank.export'],
  review: ['item.review'],
  certification: ['bank.read'],
  stats: ['stats.read'],
} as const satisfies Record<string, readonly Action[]>;
export type BankTab = keyof typeof BANK_TAB_ACTIONS;
export const BANK_TABS = Object.keys(BANK_TAB_ACTIONS) as BankTab[];

/** The tabs this person sees on a bank of this occupation. */
export const bankTabs = (occupationCode: string): BankTab[] =>
  BANK_TABS.filter((t) => BANK_TAB_ACTIONS[t].some((a) => mayInBank(a, occupationCode)));
