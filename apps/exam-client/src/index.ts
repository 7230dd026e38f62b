/**
 * The exam client is an application: `vite build` puts it in dist/, which the exam server serves under /exam/.
 * This entry only names its contract with the server, for tools and other front ends that need it.
 */
export { ROUTES } from './api/http.ts';
export type * from './api/types.ts';
