import { configDefaults, defineConfig } from 'vitest/config';
import { sqlFreeTests } from '../../packages/db/src/pg-rerun.ts';

// On the PostgreSQL rerun (`pnpm test:pg`) the files that cannot reach PostgreSQL are skipped (db/src/pg-rerun.ts).
const skipped = process.env.KAOWU_TEST_DIALECT === 'postgres' ? sqlFreeTests(import.meta.dirname) : [];

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, ...skipped],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
