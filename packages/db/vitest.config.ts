import { configDefaults, defineConfig } from 'vitest/config';
import { sqlFreeTests } from './src/pg-rerun.ts';

// On the PostgreSQL rerun (`pnpm test:pg`) the files that cannot reach PostgreSQL are skipped (src/pg-rerun.ts).
const skipped = process.env.KAOWU_TEST_DIALECT === 'postgres' ? sqlFreeTests(import.meta.dirname) : [];

export default defineConfig({
  test: { include: ['src/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, ...skipped], testTimeout: 30_000 },
});
