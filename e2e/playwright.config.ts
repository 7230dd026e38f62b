import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './support/chromium.ts';

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
    { name: 'exam', testMatch: 'exam/**/*.spec.ts' },
    { name: 'console', testMatch: 'console/**/*.spec.ts' },
  ],
});
