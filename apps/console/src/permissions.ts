import { type Action, allows, dutyRelations } from '@kaowu/domain/browser';
import { me } from './session.ts';

/**
 * What the console shows, from the same permission table the server enforces (@kaowu/domain): a tab or a button
 * appears exactly when the table lets the signed-in person do what it leads to.
 */

/** An action the person's roles allow anywhere (banks, creating batches, the whole audit trail …). */
export const may = (action: Action): boolean => allows({ roles: me()?.roles ?? [] }, action);

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
} as const satisfies Record<string, Action>;
export type BatchTab = keyof typeof BATCH_TAB_ACTIONS;
export const BATCH_TABS = Object.keys(BATCH_TAB_ACTIONS) as BatchTab[];

/** The tabs this person sees on this batch. */
export const batchTabs = (batch: StaffedBatch): BatchTab[] =>
  BATCH_TABS.filter((t) => mayInBatch(BATCH_TAB_ACTIONS[t], batch));
