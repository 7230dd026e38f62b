import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './support/chromium.ts';
import { e2eDialect } from './support/target.ts';

/**
 * The subset run once more on PostgreSQL (`pnpm test:e2e:pg`, KAOWU_TEST_DIALECT=postgres): the candidate's
 * exam (login, saving, reload, the server crashing, the clock, expiry, device transfer), the proctor (control
 * from the board and the live board) and results from start to end (the plan, panel, applications and
 * eligibility; practical sheets entered by criterion and double entry on the exam day; scores entered twice and
 * the decisions in the role stories; publicity, objection, finalising and issuing; the certificate's QR code on
 * the public verify page and revocation; filing and the archive; the audit trail of it all, tampering included).
 * Every spec reads and moves the server's database through support/target.ts, so any of them runs on either
 * engine; the rest (authoring, bank, blueprint, statistics, supervision, admin screens, the candidate screen's
 * accessibility and offline behaviour) drive the same use cases and SQL, which run on PostgreSQL in the services'
 * and server's suites (`pnpm test:pg`). Kept to about 5 minutes here (README, "The browser tests on PostgreSQL").
 */
export const POSTGRES_SUBSET = [
  'exam/login.spec.ts',
  'exam/reload.spec.ts',
  'exam/server-crash.spec.ts',
  'exam/start-clock.spec.ts',
  'exam/expiry.spec.ts',
  'exam/transfer.spec.ts',
  'exam/proctor-control.spec.ts',
  'exam/proctor-live.spec.ts',
  'console/proctor-board.spec.ts',
  'console/results-setup.spec.ts',
  'console/results-publicity.spec.ts',
  'console/certificates.spec.ts',
  'console/audit.spec.ts',
  'console/filing-archive.spec.ts',
  'console/role-stories.spec.ts',
  'console/exam-day.spec.ts',
];
for (const file of POSTGRES_SUBSET)
  if (!existsSync(join(import.meta.dirname, 'tests', file)))
    throw new Error(`POSTGRES_SUBSET names tests/${file}, which does not exist: rename it there too`);
/** `KAOWU_E2E_PG_ALL=1` (`pnpm test:e2e:pg:all`): every spec on PostgreSQL, not only the subset (~15 min here). */
const subsetOnly = e2eDialect() === 'postgres' && process.env.KAOWU_E2E_PG_ALL !== '1';
const only = (project: string): string[] => POSTGRES_SUBSET.filter((f) => f.startsWith(`${project}/`));

/**
 * Debian's Chromium (never `playwright install`), one worker: every spec drives a real `kaowu` server
 * process, and the CI machine has two cores. Suites by front end: tests/exam (candidates), tests/console (staff).
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 15_000,
    trace: 'off',
    launchOptions: CHROMIUM,
  },
  projects: [
    { name: 'exam', testMatch: subsetOnly ? only('exam') : 'exam/**/*.spec.ts' },
    { name: 'console', testMatch: subsetOnly ? only('console') : 'console/**/*.spec.ts' },
  ],
});
