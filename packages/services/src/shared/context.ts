import { randomUUID } from 'node:crypto';
import type { Db } from '@kaowu/db';

/** Everything a use case needs from the outside world, passed in so tests control the clock and ids. */
export interface ServiceContext {
  readonly db: Db;
  readonly now: () => Date;
  readonly newId: () => string;
}

export function createContext(db: Db, overrides: Partial<Omit<ServiceContext, 'db'>> = {}): ServiceContext {
  return { db, now: overrides.now ?? (() => new Date()), newId: overrides.newId ?? randomUUID };
}

export const isoNow = (ctx: ServiceContext): string => ctx.now().toISOString();
