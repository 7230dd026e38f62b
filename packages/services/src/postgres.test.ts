import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '@kaowu/db';
import { describeOnPostgres } from '@kaowu/db/testing';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  assemblePapers,
  candidateLogin,
  computeDecisions,
  createExamRuntime,
  dumpBankFiles,
  importScores,
  listDecisions,
  saveAnswer,
  startAttempt,
  verifyAuditTrail,
} from './index.ts';
import { bankStatus } from './bank/status.ts';
import { verifyStoredPaper } from './papers/papers.ts';
import { seedExam } from './testing/index.ts';
import { authenticateCandidate } from './exam/attempts.ts';
import { submitAttempt } from './exam/submit.ts';
import {
  allRight,
  createResultsFixture,
  evenScores,
  recordEligible,
  sitExam,
  sittingWith,
  skillSheet,
} from './testing/results.ts';
import { createDemoFixture, DEMO_BANK, readBankTexts, testContext } from './testing/bank.ts';

/**
 * The same use cases on SQLite and on PostgreSQL, through the services' public functions. Each scenario runs on
 * a fresh database with a fixed clock and counted ids and returns what it saw; PostgreSQL must see exactly what
 * SQLite sees, down to the audit chain's last hash.
 */

const bank = { occupationCode: '6-31-01-03', level: 5 as const };
const BLUEPRINT = readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8');

/** The audit trail's length, integrity and last hash: equal only if every audited write was equal. */
async function auditHead(db: Db) {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { ...(await verifyAuditTrail(db)), last };
}

/** Load the demo bank folder, read its status and certification, dump it back, assemble two forms. */
async function bankScenario(db: Db) {
  const f = await createDemoFixture({ load: true, db });
  const status = await bankStatus(f.ctx, bank);
  const texts = readBankTexts();
  const dumped = await dumpBankFiles(f.ctx, bank);
  const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '批次-1', forms: 2 });
  for (const p of papers) await verifyStoredPaper(f.ctx, p.id);
  return {
    status,
    dumpedSame: [...texts].every(([path, text]) => dumped.get(path) === text) && dumped.size === texts.size,
    papers: papers.map((p) => ({ form: p.form, items: p.items, hash: p.hash })),
    audit: await auditHead(db),
  };
}

/**
 * Candidates log in, start, and save through the group commit: concurrent saves, out-of-order and repeated seqs,
 * and in the same group a work function that fails (rolled back to its savepoint) and a foreign-key failure.
 */
async function examScenario(db: Db) {
  const { ctx } = testContext(db);
  const exam = await seedExam(ctx, { rooms: [3], forms: 2 });
  const rt = await createExamRuntime(ctx);
  const sessions = [];
  for (const [i, c] of exam.candidates.entries()) {
    const login = await candidateLogin(rt, {
      ticket: c.ticket,
      idNumber: c.idNumber,
      deviceId: `device-${String(i).padStart(4, '0')}`,
    });
    const auth = await authenticateCandidate(rt, login.token);
    await startAttempt(rt, auth, login.attemptId);
    sessions.push({ auth, attemptId: login.attemptId });
  }
  const before = rt.commit.stats.transactions;
  const saves = sessions.flatMap(({ auth, attemptId }, i) => [
    saveAnswer(rt, auth, attemptId, { item: 'Q001', response: i % 2 === 0, seq: 5 }),
    saveAnswer(rt, auth, attemptId, { item: 'Q001', response: i % 2 !== 0, seq: 3 }),
    saveAnswer(rt, auth, attemptId, { item: 'Q005', response: i, seq: 2 ** 40 }),
    saveAnswer(rt, auth, attemptId, { item: 'Q009', response: [0, 2], seq: 1 }),
    saveAnswer(rt, auth, attemptId, { item: 'Q009', response: [0, 2], seq: 1 }),
  ]);
  const [first] = sessions;
  const work = [
    rt.commit.write(async (trx) => {
      await trx.updateTable('attempts').set({ device_id: 'stolen' }).where('id', '=', first!.attemptId).execute();
      throw new Error('business rule');
    }),
    rt.commit.write((trx) =>
      trx
        .insertInto('incidents')
        .values({
          id: 'i1',
          room_id: 'no-such-room',
          candidate_id: null,
          note: 'x',
          recorded_by: 'admin',
          recorded_at: '',
        })
        .execute(),
    ),
  ];
  const acks = await Promise.all(saves);
  const failures = await Promise.allSettled(work);
  const groups = rt.commit.stats.transactions - before;
  const submissions = [];
  for (const { attemptId } of sessions) submissions.push(await submitAttempt(rt, attemptId, 'admin', 'proctor'));
  await rt.commit.drain();
  const answers = await db
    .selectFrom('answers')
    .select(['attempt_id', 'item_code', 'response_json', 'seq'])
    .orderBy('attempt_id')
    .orderBy('item_code')
    .execute();
  const devices = await db.selectFrom('attempts').select(['id', 'device_id', 'status']).orderBy('id').execute();
  return {
    acks,
    failures: failures.map((r) => r.status),
    groups,
    submissions,
    answers,
    devices,
    audit: await auditHead(db),
  };
}

/** exceljs stamps a workbook with the wall clock: made once, so every database imports the same bytes. */
let skillWorkbook: Promise<Uint8Array> | undefined;

/** A small results batch: the exam sat through the exam server, skill scores entered twice, decisions computed. */
async function resultsScenario(db: Db) {
  const { ctx } = testContext(db, '2026-09-22T09:30:00+08:00');
  const f = await createResultsFixture({ ctx, candidates: 4 });
  await recordEligible(f);
  await sitExam(f, [allRight(), sittingWith(7), 'absent', sittingWith(10)]);
  const scores = {
    ...evenScores(f, (i) => 70 + i * 5),
    [f.candidates[2]!.ticket]: { chen: 'absent' as const, liu: 'absent' as const, zhou: 'absent' as const },
  };
  skillWorkbook ??= skillSheet(f, scores);
  for (const who of ['admin', 'clerk']) await importScores(f.ctx, who, f.batchId, await skillWorkbook);
  const summary = await computeDecisions(f.ctx, 'admin', f.batchId);
  const decisions = await listDecisions(f.ctx, 'admin', f.batchId);
  return { summary, decisions, audit: await auditHead(db) };
}

/**
 * Tables, columns (order, type, nullability, default), explicit indexes and foreign keys, with SQLite's type names
 * mapped to what the migrations ask PostgreSQL for. A text primary key may hold NULL on SQLite (a historical
 * quirk) but the code never writes one, so key columns count as not null on both.
 */
async function schemaOf(db: Db, dialect: 'sqlite' | 'postgres') {
  const pgType: Record<string, string> = { integer: 'int8', real: 'float8', blob: 'bytea', text: 'text' };
  const keyColumns = new Set<string>();
  let schema: string | undefined;
  if (dialect === 'sqlite') {
    const keys = await sql<{
      t: string;
      c: string;
    }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table' and p.pk > 0`.execute(db);
    for (const k of keys.rows) keyColumns.add(`${k.t}.${k.c}`);
  } else schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  const tables = (await db.introspection.getTables())
    .filter((t) => !t.name.startsWith('kysely_') && (schema === undefined || t.schema === schema))
    .map((t) => ({
      name: t.name,
      columns: t.columns.map((c) => [
        c.name,
        dialect === 'sqlite' ? (pgType[c.dataType.toLowerCase()] ?? c.dataType) : c.dataType,
        c.isNullable && !keyColumns.has(`${t.name}.${c.name}`),
        c.hasDefaultValue,
      ]),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const indexes =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and sql is not null order by name`.execute(db)
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes
          where schemaname = current_schema() and indexname not in (select conname from pg_constraint)
          order by indexname`.execute(db);
  const foreignKeys =
    dialect === 'sqlite'
      ? await sql<{
          t: string;
          c: string;
          rt: string;
          rc: string;
        }>`select m.name as t, f."from" as c, f."table" as rt, f."to" as rc
          from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table' order by 1, 2`.execute(db)
      : await sql<{
          t: string;
          c: string;
          rt: string;
          rc: string;
        }>`select k.table_name as t, k.column_name as c, u.table_name as rt, u.column_name as rc
        from information_schema.table_constraints tc
        join information_schema.key_column_usage k
          on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
        join information_schema.constraint_column_usage u
          on u.constraint_name = tc.constraint_name and u.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() order by 1, 2`.execute(db);
  return {
    tables,
    indexes: indexes.rows.map((r) => r.name),
    foreignKeys: foreignKeys.rows.map((r) => `${r.t}.${r.c} → ${r.rt}.${r.rc}`),
  };
}

/** Each scenario's SQLite result, computed once and compared with every PostgreSQL engine's. */
const onSqlite = new Map<string, Promise<unknown>>();
function sqliteResult<T>(name: string, scenario: (db: Db) => Promise<T>): Promise<T> {
  if (!onSqlite.has(name))
    onSqlite.set(
      name,
      openDatabase(':memory:').then(async (db) => {
        try {
          return await scenario(db);
        } finally {
          await db.destroy();
        }
      }),
    );
  return onSqlite.get(name) as Promise<T>;
}

describeOnPostgres('Kaowu', (engine) => {
  it('migrates to the same tables, columns, indexes and foreign keys as SQLite, with bytewise text', async () => {
    const db = await engine.open();
    const pg = await schemaOf(db, 'postgres');
    expect(pg.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['items', 'attempts', 'answers', 'audit_log', 'certificates']),
    );
    expect(pg).toEqual(await sqliteResult('schema', (lite) => schemaOf(lite, 'sqlite')));
    const localeText = await sql<{
      t: string;
      c: string;
    }>`select table_name as t, column_name as c from information_schema.columns
      where table_schema = current_schema() and data_type = 'text' and table_name not like 'kysely%'
        and collation_name is distinct from 'C'`.execute(db);
    expect(localeText.rows).toEqual([]);
  });

  it('loads the demo bank folder, reports it ready and certified, and assembles the same sealed papers', async () => {
    const result = await bankScenario(await engine.open());
    expect(result.status).toMatchObject({ ready: true, certification: { certified: true } });
    expect(result.dumpedSame).toBe(true);
    expect(result.papers.map((p) => [p.form, p.items])).toEqual([
      ['A', 190],
      ['B', 190],
    ]);
    expect(result.audit.broken).toBeNull();
    expect(result).toEqual(await sqliteResult('bank', bankScenario));
  });

  it('takes logins and saves through the group commit: newest seq wins, a failing op rolls back alone', async () => {
    const result = await examScenario(await engine.open());
    expect(result.failures).toEqual(['rejected', 'rejected']);
    expect(result.devices.map((d) => d.device_id)).not.toContain('stolen');
    expect(result.acks.filter((a) => a.item === 'Q001').map((a) => [a.seq, a.storedSeq])).toEqual([
      [5, 5],
      [3, 5],
      [5, 5],
      [3, 5],
      [5, 5],
      [3, 5],
    ]);
    expect(result.acks.filter((a) => a.item === 'Q005').map((a) => a.storedSeq)).toEqual([2 ** 40, 2 ** 40, 2 ** 40]);
    expect(result.answers).toHaveLength(9);
    expect(result.groups).toBeLessThanOrEqual(2);
    expect(result).toEqual(await sqliteResult('exam', examScenario));
  });

  it('computes the results of a small batch as SQLite does', async () => {
    const result = await resultsScenario(await engine.open());
    expect(result.decisions.map((d) => [d.decision.outcome, d.decision.theoryScore])).toEqual([
      ['pass', 100],
      ['fail', 58.3],
      ['fail', null],
      ['pass', 83.3],
    ]);
    expect(result.audit.broken).toBeNull();
    expect(result).toEqual(await sqliteResult('results', resultsScenario));
  });
});
