export { migrateToLatest, openDatabase, postgresPoolFor, resolveDbPath, walSyncFor, type Db } from './open.ts';
export type { WalSync } from './dialect/sqlite.ts';
export { isPostgres, isPostgresUrl, type DialectOptions } from './dialect/index.ts';
export { listenPostgres, type ListenHandlers, type PostgresListener } from './dialect/listen.ts';
export type { CalibrationStatus, Database, StoredItemStats, StoredTestStats, TheoryDetail } from './schema.ts';
export { migrations } from './migrations/index.ts';
export { fromJson, type Json, toCanonicalJson, toJson } from './json.ts';
