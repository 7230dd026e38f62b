import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExamDb } from './db.ts';
import { kaowu, REPO } from './server.ts';
import { dropTarget, e2eDialect, newTemplateTarget } from './target.ts';

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
  const path = newTemplateTarget();
  await kaowu(['demo', '--db', path]);
  if (new ExamDb(path).candidates().length === 0)
    throw new Error('`kaowu demo` loaded no candidates: the exam tests need the demo exam batch');
  process.env.KAOWU_E2E_TEMPLATE_DB = path;
  if (e2eDialect() === 'postgres') console.log(`e2e on PostgreSQL: every server gets a copy of ${path}`);
  return () => dropTarget(path);
}
