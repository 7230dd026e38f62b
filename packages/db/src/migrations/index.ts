import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-bank.ts';
import * as m0002 from './0002-papers.ts';

/** Ordered migrations, bundled in code so they run from any working directory and in any bundle. */
export const migrations: Record<string, Migration> = {
  '0001-bank': m0001,
  '0002-papers': m0002,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
