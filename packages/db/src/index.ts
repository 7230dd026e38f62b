export { migrateToLatest, openDatabase, resolveDbPath, type Db } from './open.ts';
export { isPostgresUrl, type DialectOptions } from './dialect/index.ts';
export type { Database } from './schema.ts';
export { migrations } from './migrations/index.ts';
