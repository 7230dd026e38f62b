/** What every context shares: the service context (database, clock, ids). Failures stay internal to the contexts. */
export { createContext, type ServiceContext } from './context.ts';
