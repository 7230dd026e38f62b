import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Which test files `pnpm test:pg` runs again on PostgreSQL. The rule: a test reaches PostgreSQL only through
 * `@kaowu/db/test-target` (`testDbTarget`, `testDialect`) or the variables scripts/with-postgres.sh sets
 * (KAOWU_TEST_PG_URL, KAOWU_TEST_DIALECT). A test file none of whose own imports (followed through relative
 * paths and `@kaowu/*` workspace packages) mention one of those does the same on both runs — config parsing,
 * error tables, pure functions, `:memory:` SQLite — and is skipped on the second. Each package's vitest.config.ts
 * excludes `sqlFreeTests(its directory)` when KAOWU_TEST_DIALECT=postgres.
 */
export const REACHES_POSTGRES = /\b(testDbTarget|testDialect|KAOWU_TEST_PG_URL|KAOWU_TEST_DIALECT)\b/;

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** Workspace packages by name: their directory and `exports` map. */
function workspace(root: string): Map<string, { dir: string; exports: Record<string, string> }> {
  const found = new Map<string, { dir: string; exports: Record<string, string> }>();
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const manifest = join(base, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; exports?: Record<string, string> };
      if (pkg.name) found.set(pkg.name, { dir: join(base, name), exports: pkg.exports ?? {} });
    }
  }
  return found;
}

function asFile(path: string): string | undefined {
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Whether `file` or anything it imports from the workspace mentions a way to PostgreSQL. */
export function reachesPostgres(root: string): (file: string) => boolean {
  const packages = workspace(root);
  const known = new Map<string, boolean>();
  const resolveSpecifier = (from: string, spec: string): string | undefined => {
    if (spec.startsWith('.')) return asFile(resolve(dirname(from), spec));
    const m = /^(@kaowu\/[^/]+)(\/.*)?$/.exec(spec);
    const pkg = m && packages.get(m[1]!);
    const target = pkg?.exports[m?.[2] ? `.${m[2]}` : '.'];
    return pkg && target ? asFile(resolve(pkg.dir, target)) : undefined;
  };
  const visit = (file: string): boolean => {
    const seen = known.get(file);
    if (seen !== undefined) return seen;
    known.set(file, false); // a cycle adds nothing new
    const text = readFileSync(file, 'utf8');
    let reaches = REACHES_POSTGRES.test(text);
    for (const [, spec] of text.matchAll(SPECIFIERS)) {
      if (reaches) break;
      const next = resolveSpecifier(file, spec!);
      if (next) reaches = visit(next);
    }
    known.set(file, reaches);
    return reaches;
  };
  return visit;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The test files under `packageDir/src` that cannot reach PostgreSQL, relative to `packageDir` (vitest globs). */
export function sqlFreeTests(packageDir: string, root = resolve(packageDir, '../..')): string[] {
  const reaches = reachesPostgres(root);
  return testFiles(join(packageDir, 'src'))
    .filter((f) => !reaches(f))
    .map((f) => relative(packageDir, f))
    .sort();
}
