import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Where the suite's servers keep their data. By default a SQLite file; with `KAOWU_TEST_DIALECT=postgres` and
 * `KAOWU_TEST_PG_URL` (scripts/with-postgres.sh starts a throwaway cluster and sets it: `pnpm test:e2e:pg`) a
 * PostgreSQL database on that server. The template holds `kaowu demo` (global setup); every server starts from a
 * copy: a copied file on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL (a file-level copy, no reload).
 */
export type E2eDialect = 'sqlite' | 'postgres';

export function e2eDialect(env: NodeJS.ProcessEnv = process.env): E2eDialect {
  const dialect = env.KAOWU_TEST_DIALECT ?? 'sqlite';
  if (dialect === 'sqlite') return 'sqlite';
  if (dialect !== 'postgres') throw new Error(`KAOWU_TEST_DIALECT=${dialect}: expected sqlite or postgres`);
  if (!env.KAOWU_TEST_PG_URL) throw new Error('KAOWU_TEST_DIALECT=postgres needs KAOWU_TEST_PG_URL');
  return 'postgres';
}

const isUrl = (target: string): boolean => /^postgres(ql)?:\/\//.test(target);

/** The server's URL with another database name. */
function databaseUrl(name: string): string {
  const url = new URL(process.env.KAOWU_TEST_PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement through psql (synchronous, so the readers below keep their synchronous shape). */
function psql(url: string, statement: string, vars: Record<string, string> = {}): string {
  const args = [url, '-AtXq', '-v', 'ON_ERROR_STOP=1'];
  for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
  // psql interpolates :'name' variables only in statements read from input, not in -c.
  return execFileSync('psql', args, { input: statement, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] });
}

let made = 0;
const dbName = (what: string) => `kaowu_e2e_${what}_${process.pid}_${Date.now().toString(36)}_${++made}`;

/** An empty database for the template (`kaowu demo --db <it>` fills it). */
export function newTemplateTarget(): string {
  if (e2eDialect() === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'kaowu-e2e-template-')), 'demo.db');
  const name = dbName('template');
  psql(process.env.KAOWU_TEST_PG_URL!, `create database ${name}`);
  return databaseUrl(name);
}

/** A fresh copy of the template for one server. Nobody may be connected to the template while it is copied. */
export function copyOfTemplate(): string {
  const template = process.env.KAOWU_E2E_TEMPLATE_DB;
  if (!template) throw new Error('KAOWU_E2E_TEMPLATE_DB is not set: run through playwright.config.ts (global setup)');
  if (isUrl(template)) {
    const name = dbName('server');
    psql(process.env.KAOWU_TEST_PG_URL!, `create database ${name} template ${new URL(template).pathname.slice(1)}`);
    return databaseUrl(name);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-e2e-'));
  const path = join(dir, 'kaowu.db');
  copyFileSync(template, path);
  if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${path}-wal`);
  return path;
}

/** Deletes a database made above (after its server has stopped). */
export function dropTarget(target: string): void {
  if (!isUrl(target)) {
    rmSync(dirname(target), { recursive: true, force: true });
    return;
  }
  psql(process.env.KAOWU_TEST_PG_URL!, `drop database if exists ${new URL(target).pathname.slice(1)} with (force)`);
}

/**
 * Rows of one query, read beside the running server: SQLite read-only (WAL lets a reader in while it writes), or
 * PostgreSQL through psql. Parameters are written `$name` and passed by name; both engines quote them. Columns
 * come back under their `as` names; numbers as numbers (bigint within 2^53 prints as a JSON number).
 */
export function readRows<T>(target: string, query: string, params: Record<string, string> = {}): T[] {
  if (isUrl(target)) {
    const out = psql(
      target,
      `select coalesce(json_agg(t), '[]') from (${query.replace(/\$(\w+)/g, ":'$1'")}) t;`,
      params,
    );
    return JSON.parse(out) as T[];
  }
  const db = new Database(target, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(query.replace(/\$(\w+)/g, '@$1')).all(params) as T[];
  } finally {
    db.close();
  }
}

/** A statement that changes data (a test moving the demo's state on), on either engine. */
export function writeSql(target: string, statement: string, params: Record<string, string> = {}): void {
  if (isUrl(target)) {
    psql(target, `${statement.replace(/\$(\w+)/g, ":'$1'")};`, params);
    return;
  }
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(statement.replace(/\$(\w+)/g, '@$1')).run(params);
  } finally {
    db.close();
  }
}

/** Several such statements in one transaction (all or none), on either engine. */
export function writeSqlAll(target: string, statements: readonly string[], params: Record<string, string> = {}): void {
  if (isUrl(target)) {
    const body = statements.map((s) => `${s.replace(/\$(\w+)/g, ":'$1'")};`).join('\n');
    // ON_ERROR_STOP ends psql before COMMIT, and the open transaction dies with its connection.
    psql(target, `begin;\n${body}\ncommit;`, params);
    return;
  }
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      for (const s of statements) db.prepare(s.replace(/\$(\w+)/g, '@$1')).run(params);
    })();
  } finally {
    db.close();
  }
}

/** The engine's own row order for rows with equal keys (insertion order in practice): rowid / ctid. */
export const insertionOrder = (target: string, alias: string): string =>
  isUrl(target) ? `${alias}.ctid` : `${alias}.rowid`;
