/** What other packages (and the bench) may use from the console. */
export { OutlineTree, type OutlineTreeProps } from './screens/bank/OutlineTree.tsx';
export { countByPoint } from './screens/bank/outline-counts.ts';
export { draftProblems, blankDraft, contentOf, draftOf, type ItemDraft } from './screens/bank/item-form.ts';
