import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExamDb } from './db.ts';
import { kaowu, REPO } from './server.ts';

/**
 * Once per run: checks the production build is there and loads `kaowu demo` into a template database; every
 * server in the suite starts from a copy of it (seconds saved per server, and no test sees another's data).
 */
export default async function globalSetup(): Promise<() => void> {
  const dist = join(REPO, 'apps/exam-client/dist/index.html');
  if (!existsSync(dist))
    throw new Error(
      'apps/exam-client/dist is missing: run `pnpm --filter @kaowu/exam-client build` (the e2e "test" script does)',
    );
  if (!existsSync(join(REPO, 'apps/console/dist/index.html')))
    throw new Error(
      'apps/console/dist is missing: run `pnpm --filter @kaowu/console build` (the e2e "test" script does)',
    );
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-e2e-template-'));
  const path = join(dir, 'demo.db');
  await kaowu(['demo', '--db', path]);
  if (new ExamDb(path).candidates().length === 0)
    throw new Error('`kaowu demo` loaded no candidates: the exam tests need the demo exam batch');
  process.env.KAOWU_E2E_TEMPLATE_DB = path;
  return () => rmSync(dir, { recursive: true, force: true });
}
