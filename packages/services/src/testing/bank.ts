import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KaowuError, type Difficulty, type ItemContent, type ItemType, type Outline } from '@kaowu/domain';
import { openDatabase, type Db } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { TEST_OUTLINE } from '@kaowu/domain/testing';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { createContext } from '../shared/context.ts';
import { loadBankFiles } from '../bank/folder.ts';
import { itemHeads, writeItems } from '../bank/items.ts';
import type { BankRef } from '../bank/outlines.ts';
import { saveOutline } from '../bank/outlines.ts';
import { DEMO_ACCOUNTS } from '../accounts/demo.ts';
import { createUser, registerAssessor } from '../accounts/users.ts';

/** Test fixtures: an in-memory database with a clock that only moves when told to, and named people. */
export interface Fixture {
  readonly ctx: ServiceContext;
  readonly bank: BankRef;
  readonly outline: Outline;
  tick(minutes?: number): void;
}

export { TEST_OUTLINE };

/** A context on `db` whose clock stands at `start` until moved, and whose ids count up (id-000001, …). */
export function testContext(
  db: Db,
  start = '2026-11-02T01:00:00Z',
): { ctx: ServiceContext; tick(minutes?: number): void; setNow(iso: string): void } {
  let clock = Date.parse(start);
  let id = 0;
  const ctx = createContext(db, { now: () => new Date(clock), newId: () => `id-${String(++id).padStart(6, '0')}` });
  return {
    ctx,
    tick: (minutes = 1) => void (clock += minutes * 60_000),
    setNow: (iso) => void (clock = Date.parse(iso)),
  };
}

/** `db`: build it on this (migrated, empty) database instead of a new in-memory SQLite one. */
export async function createFixture(options: { db?: Db } = {}): Promise<Fixture> {
  const { ctx, tick } = testContext(options.db ?? (await openDatabase(testDbTarget(':memory:'))));
  const { db } = ctx;
  await createUser(ctx, 'system', { username: 'admin', displayName: '管理员', roles: ['administrator'] });
  for (const [username, displayName, roles] of [
    ['wang', '王建国', ['author']],
    ['li', '李明华', ['author']],
    ['chen', '陈立新', ['assessor']],
    ['liu', '刘卫东', ['assessor']],
    ['zhou', '周海峰', ['assessor']],
    ['wu', '吴思远', ['assessor']],
    ['ma', '马可', ['author', 'assessor']],
  ] as const)
    await createUser(ctx, 'admin', { username, displayName, roles: [...roles] });
  const bank: BankRef = { occupationCode: '6-31-01-03', level: 5 };
  await db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    await saveOutline(trx, ctx, writer, 'admin', TEST_OUTLINE);
    await writer.flush();
  });
  for (const a of ['chen', 'liu', 'zhou', 'ma']) await registerAssessor(ctx, 'admin', a, '6-31-01-03');
  return { ctx, bank, outline: TEST_OUTLINE, tick };
}

const POINTS = ['A001', 'A002', 'BA001', 'BA002'];
const TYPES: ItemType[] = ['true_false', 'single', 'multiple'];

/** A valid item whose content is determined by `n`. */
export function sampleItem(
  n: number,
  overrides: Partial<{ point: string; difficulty: Difficulty; type: ItemType }> = {},
): ItemContent {
  const type = overrides.type ?? TYPES[n % 3] ?? 'single';
  const base = {
    point: overrides.point ?? POINTS[n % 4] ?? 'A001',
    difficulty: overrides.difficulty ?? (((n % 5) + 1) as Difficulty),
    stem: `第 ${n} 题的题干`,
    explanation: `第 ${n} 题的解析`,
  };
  if (type === 'true_false') return { type, ...base, key: n % 2 === 0 };
  const options = ['甲', '乙', '丙', '丁'].map((o) => `${o}${n}`);
  if (type === 'single') return { type, ...base, options, key: n % 4, shuffle: 'all' };
  return { type, ...base, options, key: [0, 2], shuffle: 'all' };
}

/** Writes `count` approved items (codes T0001…) by `author`, reviewed by `reviewer`, directly. */
export async function seedApproved(
  f: Fixture,
  count: number,
  author = 'wang',
  reviewer = 'li',
  from = 1,
): Promise<string[]> {
  const writes = Array.from({ length: count }, (_, i) => ({
    code: `T${String(from + i).padStart(4, '0')}`,
    content: sampleItem(from + i),
    author,
    reviewer,
    status: 'approved' as const,
  }));
  await f.ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, f.ctx);
    await writeItems(trx, f.ctx, writer, 'admin', f.bank, writes, await itemHeads(trx, f.bank));
    await writer.flush();
  });
  return writes.map((w) => w.code);
}

export const DEMO_BANK = resolve(import.meta.dirname, '../../../../question-banks/6-31-01-03-电工/5');

export function readBankTexts(root: string = DEMO_BANK): Map<string, string> {
  const texts = new Map([['outline.yaml', readFileSync(join(root, 'outline.yaml'), 'utf8')]]);
  for (const f of readdirSync(join(root, 'items')))
    texts.set(`items/${f}`, readFileSync(join(root, 'items', f), 'utf8'));
  try {
    texts.set('certifications.yaml', readFileSync(join(root, 'certifications.yaml'), 'utf8'));
  } catch {
    // a bank without sign-offs yet
  }
  return texts;
}

/**
 * The fixture plus the demo bank's people (the demo's authors and assessors);
 * `load` also loads the demo bank (ready and certified).
 */
export async function createDemoFixture(options: { load?: boolean; db?: Db } = {}): Promise<Fixture> {
  const f = await createFixture(options.db ? { db: options.db } : {});
  const people = DEMO_ACCOUNTS.filter((u) => u.roles.includes('author') || u.roles.includes('assessor'));
  for (const u of people)
    await createUser(f.ctx, 'admin', { username: u.username, displayName: u.name, roles: u.roles });
  if (options.load) {
    await loadBankFiles(f.ctx, 'admin', { texts: readBankTexts(), assets: new Map() });
    for (const u of people.filter((u) => u.roles.includes('assessor')))
      await registerAssessor(f.ctx, 'admin', u.username, '6-31-01-03');
  }
  return f;
}

/**
 * How a call was refused: its code, Chinese message and located problems.
 * Fails when it succeeds or fails otherwise.
 */
export async function refusal(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details: readonly unknown[] }> {
  const e = await p.then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (x: unknown) => x,
  );
  if (!(e instanceof KaowuError)) throw e;
  return { code: e.code, message: e.zh, details: e.details };
}

/** The audit rows whose action starts with `prefix` (e.g. 'results.'), oldest first. */
export const auditRowsLike = (db: Db, prefix: string) =>
  db
    .selectFrom('audit_log')
    .select(['actor', 'action', 'entity_id', 'detail_json'])
    .where('action', 'like', `${prefix}%`)
    .orderBy('seq')
    .execute();
