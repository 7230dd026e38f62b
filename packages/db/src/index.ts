export { migrateToLatest, openDatabase, resolveDbPath, type Db } from './open.ts';
export { isPostgresUrl, type DialectOptions } from './dialect/index.ts';
export type { CalibrationStatus, Database, StoredItemStats, StoredTestStats, TheoryDetail } from './schema.ts';
export { migrations } from './migrations/index.ts';
export { fromJson, type Json, toCanonicalJson, toJson } from './json.ts';
