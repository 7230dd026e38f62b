/**
 * The exam client is an application: `vite build` puts it in dist/, which the exam server serves under /exam/.
 * This entry only names the types it works with; the contract itself is the server's routes (`AppType`).
 */
export type * from './api/types.ts';
