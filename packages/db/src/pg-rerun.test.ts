import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlFreeTests } from './pg-rerun.ts';

const root = mkdtempSync(join(tmpdir(), 'kaowu-pg-rerun-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('which tests the PostgreSQL rerun skips', () => {
  it('follows relative and @kaowu/* imports (through `exports`, cycles included) to a way to PostgreSQL', () => {
    write('packages/db/package.json', JSON.stringify({ name: '@kaowu/db', exports: { './test-target': './t.ts' } }));
    write('packages/db/t.ts', 'export function testDbTarget() {}');
    write('apps/app/package.json', JSON.stringify({ name: '@kaowu/app' }));
    write('apps/app/src/a.ts', "import { b } from './b.ts';\nexport const a = 1;");
    write('apps/app/src/b.ts', "import { a } from './a';\nexport const b = 2;");
    write('apps/app/src/pure.test.ts', "import { a } from './a.ts';\nimport { x } from 'vitest';");
    write('apps/app/src/h/harness.ts', "import { testDbTarget } from '@kaowu/db/test-target';");
    write('apps/app/src/deep/sql.test.ts', "import { h } from '../h/harness.ts';");
    write('apps/app/src/env.test.ts', 'const url = process.env.KAOWU_TEST_PG_URL;');
    write('apps/app/src/dynamic.test.ts', "const m = await import('./h/harness');");
    expect(sqlFreeTests(join(root, 'apps/app'))).toEqual(['src/pure.test.ts']);
  });

  it("in this repository: the server's config and error tables are skipped, its HTTP suites are not", () => {
    const skipped = sqlFreeTests(resolve(import.meta.dirname, '../../../apps/server'));
    expect(skipped).toContain('src/config.test.ts');
    expect(skipped).toContain('src/errors.test.ts');
    expect(skipped).not.toContain('src/attempts.test.ts');
    expect(skipped).not.toContain('src/crash.test.ts');
  });
});
