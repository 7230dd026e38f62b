import ExcelJS from 'exceljs';
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { AuditAction, AuditEntity } from '@kaowu/domain';
import { testDialect } from '@kaowu/db/test-target';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_PAGE_MAX,
  candidateLogin,
  changeStatus,
  createContext,
  createExamRuntime,
  createUser,
  exportAudit,
  listAudit,
  markAbsent,
  pauseRoom,
  startAttempt,
  submitOwnAttempt,
  verifyAudit,
  type AuditPageRequest,
  type AuditRecordView,
} from '../index.ts';
import { authenticateCandidate } from '../exam/attempts.ts';
import { audit } from './writer.ts';
import { auditDetailSummary } from './labels.ts';
import { readRoomLog } from '../exam/room-log.ts';
import { seedExam, staffSeededBatch, type SeededExam } from '../testing/index.ts';
import { createFixture, refusal as anyRefusal, seedApproved, type Fixture } from '../testing/bank.ts';

/**
 * One database with the bank's records (items T0001–T0003 by wang, T0001 submitted for review), then two exam
 * batches: AUD-A (supervised by qian, proctored by proctor_a) where a candidate logs in and starts, the room is
 * paused and a candidate marked absent; AUD-B (supervised by zheng) where a candidate logs in, starts and hands
 * in. The clock moves
 * an hour between the bank and the batches.
 */
interface World {
  readonly f: Fixture;
  readonly a: SeededExam;
  readonly b: SeededExam;
}

let w: World;

beforeAll(async () => {
  const f = await createFixture();
  await seedApproved(f, 3);
  f.tick(5);
  await changeStatus(f.ctx, 'wang', f.bank, ['T0001'], 'retire');
  f.tick(55);
  for (const p of ['proctor_a', 'proctor_b', 'proctor_c'])
    await createUser(f.ctx, 'admin', { username: p, displayName: `监考${p.slice(-1)}`, roles: ['proctor'] });
  const a = await seedExam(f.ctx, { planNumber: 'AUD-A', rooms: [3], forms: 1 });
  const b = await seedExam(f.ctx, { planNumber: 'AUD-B', rooms: [2], forms: 1 });
  for (const [username, displayName] of [
    ['qian', '钱督导'],
    ['zheng', '郑督导'],
  ] as const)
    await createUser(f.ctx, 'admin', { username, displayName, roles: [] });
  await staffSeededBatch(f.ctx, a.batchId, [
    { username: 'proctor_a', duty: 'proctor', room: '01' },
    { username: 'qian', duty: 'supervisor' },
  ]);
  await staffSeededBatch(f.ctx, b.batchId, [
    { username: 'proctor_a', duty: 'proctor', room: '01' },
    { username: 'zheng', duty: 'supervisor' },
  ]);
  const rt = await createExamRuntime(f.ctx);
  for (const who of [a.candidates[0]!, b.candidates[0]!]) {
    const login = await candidateLogin(rt, {
      ticket: who.ticket,
      idNumber: who.idNumber,
      deviceId: `device-${who.ticket}`,
    });
    const auth = await authenticateCandidate(rt, login.token);
    await startAttempt(rt, auth, login.attemptId);
    if (who === b.candidates[0]) await submitOwnAttempt(rt, auth, login.attemptId);
  }
  await pauseRoom(rt, 'proctor_a', a.rooms[0]!.id);
  await markAbsent(rt, 'proctor_a', a.candidates[2]!.id, true);
  // A record written by another build: an action and an entity this build has no name for.
  await audit(f.ctx.db, f.ctx, {
    actor: 'admin',
    action: 'future.thing' as AuditAction,
    entity: 'widget' as AuditEntity,
    entityId: 'w1',
    detail: { gizmo: '100%_done' },
  });
  w = { f, a, b };
}, 60_000);

/** The refusal's code and message (its located problems are checked where they matter). */
const refusal = async (p: Promise<unknown>) => {
  const { code, message } = await anyRefusal(p);
  return { code, message };
};

const list = (request: AuditPageRequest, by = 'admin') => listAudit(w.f.ctx, by, request);
const actions = (records: readonly AuditRecordView[]) => records.map((r) => r.action);

describe('reading the audit trail', () => {
  // Who (names), what (Chinese labels, unknown actions raw), which, and the detail in words.
  it('lists newest first, each record in words', async () => {
    const page = await list({ limit: 200 });
    const seqs = page.records.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    expect(page.limitedTo).toBeNull();
    const future = page.records[0]!;
    expect(future).toMatchObject({
      action: 'future.thing',
      actionLabel: 'future.thing',
      entityLabel: 'widget',
      subject: 'widget w1',
      summary: 'gizmo：100%_done',
    });
    const absent = page.records.find((r) => r.action === 'candidate.absent')!;
    expect(absent).toMatchObject({
      actor: { username: 'proctor_a', displayName: '监考a', ticket: null },
      actionLabel: '登记缺考',
      entity: 'candidate',
      entityLabel: '考生',
    });
    expect(absent.subject).toBe(`考生 ${w.a.candidates[2]!.name}（准考证 ${w.a.candidates[2]!.ticket}）`);
    const start = page.records.find(
      (r) => r.action === 'attempt.start' && r.actor.username.endsWith(w.a.candidates[0]!.ticket),
    )!;
    expect(start.actor).toEqual({
      username: `candidate:${w.a.candidates[0]!.ticket}`,
      displayName: w.a.candidates[0]!.name,
      ticket: w.a.candidates[0]!.ticket,
    });
    expect(start.subject).toBe(`考生 ${w.a.candidates[0]!.name} 的作答（准考证 ${w.a.candidates[0]!.ticket}）`);
    const item = page.records.find((r) => r.action === 'item.create')!;
    expect(item).toMatchObject({
      actionLabel: '新建试题',
      subject: expect.stringMatching(/^试题 T000\d（6-31-01-03 五级\/初级工）$/),
      summary: '版本：1；状态：已通过',
    });
    const created = page.records.find((r) => r.action === 'batch.create' && r.entityId === w.a.batchId)!;
    expect(created.subject).toBe('批次 AUD-A 测试批次');
    expect(page.records.find((r) => r.action === 'room.pause')).toMatchObject({
      actionLabel: '全场暂停',
      subject: '考场 01 第 1 考场',
    });
    // The chain fields are there to check a record by hand.
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page.records.find((r) => r.seq === created.seq - 1)?.hash).toBe(created.prevHash);
  });

  it('pages by seq: each page continues below the last, none overlap, the last says so', async () => {
    const all = (await list({ limit: 200 })).records.map((r) => r.seq);
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; ; pages++) {
      const page = await list({ limit: 7, ...(before === undefined ? {} : { before }) });
      seen.push(...page.records.map((r) => r.seq));
      if (page.next === null) break;
      expect(page.records).toHaveLength(7);
      before = page.next;
      expect(pages).toBeLessThan(100);
    }
    expect(seen).toEqual(all);
    expect(await refusal(list({ limit: AUDIT_PAGE_MAX + 1 }))).toEqual({
      code: 'invalid',
      message: '每页条数应为 1–200',
    });
  });

  it('filters by actor, action prefix, entity and id, time range and text in the detail', async () => {
    const byWang = await list({ actor: 'wang', limit: 200 });
    expect(byWang.records.map((r) => [r.actor.username, r.action])).toEqual([['wang', 'item.retire']]);
    const items = await list({ action: 'item.', limit: 200 });
    expect(new Set(actions(items.records))).toEqual(new Set(['item.create', 'item.retire']));
    const history = await list({ entity: 'item', entityId: '6-31-01-03/5/T0001' });
    expect(actions(history.records)).toEqual(['item.retire', 'item.create']);
    expect(history.records[0]!.summary).toBe('版本：1；原状态：已通过；新状态：已停用');
    // The bank was written in the first hour; the batches after it.
    const firstHour = await list({ from: '2026-11-02T09:00:00+08:00', to: '2026-11-02T09:30:00+08:00', limit: 200 });
    expect(firstHour.records.length).toBeGreaterThan(3);
    expect(firstHour.records.every((r) => r.at < '2026-11-02T01:30:00.000Z')).toBe(true);
    expect(actions(firstHour.records)).not.toContain('batch.create');
    // `%` and `_` are text, not wildcards.
    expect(actions((await list({ text: '100%_' })).records)).toEqual(['future.thing']);
    expect((await list({ text: '100%x' })).records).toEqual([]);
    expect(await refusal(list({ entityId: 'x' }))).toMatchObject({
      code: 'invalid',
      message: '按对象编号筛选时须同时指定对象类型',
    });
    expect(await refusal(list({ from: 'yesterday' }))).toMatchObject({ code: 'invalid' });
  });

  it('a batch filter gathers the records of its rooms, candidates and attempts, and no other batch', async () => {
    // Both batches were set up and sat; then each had its own events.
    const sat = ['batch.create', 'batch.papers', 'batch.roster', 'batch.staff', 'attempt.create', 'attempt.start'];
    const a = await list({ batch: 'AUD-A', limit: 200 });
    expect(new Set(actions(a.records))).toEqual(new Set([...sat, 'room.pause', 'candidate.absent']));
    const ticketsA = new Set(w.a.candidates.map((c) => c.ticket));
    expect(
      a.records
        .filter((r) => r.actor.username.startsWith('candidate:'))
        .every((r) => ticketsA.has(r.actor.username.slice(10))),
    ).toBe(true);
    const b = await list({ batch: w.b.batchId, limit: 200 });
    expect(new Set(actions(b.records))).toEqual(new Set([...sat, 'attempt.submit']));
    // A candidate's own submission is recorded under their candidate id, their login under their 准考证号:
    // both name them.
    const who = w.b.candidates[0]!;
    for (const action of ['attempt.create', 'attempt.submit'])
      expect(b.records.find((r) => r.action === action)?.actor).toMatchObject({
        displayName: who.name,
        ticket: who.ticket,
      });
    expect(b.records.find((r) => r.action === 'attempt.submit')).toMatchObject({
      actionLabel: '交卷',
      summary: expect.stringContaining('原因：考生交卷'),
    });
    expect(await refusal(list({ batch: 'NO-SUCH' }))).toEqual({
      code: 'not_found',
      message: '认定批次 NO-SUCH 不存在',
    });
  });
});

describe('the detail in words', () => {
  // Keys named in reading order, codes translated, instants in Beijing time, hashes and long lists shortened.
  it('puts a detail in words', () => {
    expect(auditDetailSummary({ to: 'in_review', from: 'draft', version: 2 })).toBe(
      '版本：2；原状态：草稿；新状态：待审核',
    );
    expect(auditDetailSummary({ reason: 'proctor', score: 55, answered: 40 }, 'attempt.submit')).toBe(
      '原因：强制收卷；得分：55；已答题数：40',
    );
    expect(auditDetailSummary({ raisedAt: '2026-09-30T02:30:00.000Z', ticket: '2026001' })).toBe(
      '准考证号：2026001；提出时间：2026-09-30 10:30:00',
    );
    expect(auditDetailSummary({ staff: ['qian:supervisor', 'sun:proctor'] })).toBe(
      '工作人员：qian（内部督导员）、sun（监考员）',
    );
    expect(auditDetailSummary({ snapshot: 'ab'.repeat(32), tickets: ['1', '2', '3', '4', '5', '6', '7'] })).toBe(
      '题库版本：abababab…；准考证号：1、2、3、4、5 等 7 项',
    );
    // The same key can mean different things in different actions.
    expect(auditDetailSummary({ first: 'Y01', last: 'Y09', count: 9 }, 'results.issue')).toBe(
      '首个证书编号：Y01；末个证书编号：Y09；数量：9',
    );
    expect(
      auditDetailSummary(
        { changed: [{ ticket: '2026001', before: 'fail', after: 'pass' }], first: 3 },
        'results.compute',
      ),
    ).toBe('首次认定人数：3；结果变更：（准考证号：2026001，原值：不合格，新值：合格）');
    expect(auditDetailSummary({})).toBe('');
  });

  it('names reports and roster corrections in words, never their codes', () => {
    expect(auditDetailSummary({ report: 'full', bytes: 10 }, 'results.export')).toBe(
      '报表：成绩明细（全部组成部分）；字节：10',
    );
    expect(
      auditDetailSummary(
        { ticket: '2026001', changes: { seat: { before: 2, after: 6 }, name: { before: '王小明', after: '王晓明' } } },
        'candidate.edit',
      ),
    ).toBe('准考证号：2026001；修改：（姓名：（原值：王小明，新值：王晓明），座位号：（原值：2，新值：6））');
  });
});

describe('records written before an action or a key was renamed', () => {
  // Certificates issued under results.certify, exports keyed by form.
  it('read and filter as the current name', async () => {
    const f = await createFixture();
    const old = { actor: 'admin', entity: 'batch' as AuditEntity, entityId: 'b1' };
    await audit(f.ctx.db, f.ctx, {
      ...old,
      // Written before certificates were *issued*: this build no longer writes the action.
      action: 'results.certify' as string as AuditAction,
      detail: { first: 'Y01', last: 'Y09', count: 9 },
    });
    await audit(f.ctx.db, f.ctx, { ...old, action: 'results.export', detail: { form: 'summary', bytes: 10 } });
    const issued = await listAudit(f.ctx, 'admin', { action: 'results.issue' });
    expect(issued.records.map((r) => [r.action, r.actionLabel, r.summary])).toEqual([
      ['results.certify', '核发证书', '首个证书编号：Y01；末个证书编号：Y09；数量：9'],
    ]);
    const results = await listAudit(f.ctx, 'admin', { action: 'results.' });
    expect(results.records.map((r) => [r.action, r.summary])).toEqual([
      ['results.export', '报表：附件1 综合成绩汇总表；字节：10'],
      ['results.certify', expect.any(String)],
    ]);
    // `form` still means 卷别 (A/B) wherever else it is written.
    expect(auditDetailSummary({ form: 'A' }, 'paper.assemble')).toBe('卷别：A');
  });
});

describe('who may read it', () => {
  it('a supervisor reads the batches they supervise and nothing else', async () => {
    const own = await list({ limit: 200 }, 'qian');
    expect(own.limitedTo).toEqual([{ planNumber: 'AUD-A', name: '测试批次' }]);
    expect(own.records.map((r) => r.seq)).toEqual(
      (await list({ batch: 'AUD-A', limit: 200 })).records.map((r) => r.seq),
    );
    expect((await list({ batch: 'AUD-A', action: 'room.' }, 'qian')).records).toHaveLength(1);
    expect(await refusal(list({ batch: 'AUD-B' }, 'qian'))).toEqual({
      code: 'forbidden',
      message: '用户 qian 不是批次 AUD-B 的内部督导员，只能查看本人督导批次的审计记录',
    });
  });

  it('proctors and authors are refused, even on their own batch; only administrators verify the chain', async () => {
    for (const who of ['proctor_a', 'wang'])
      expect(await refusal(list({}, who))).toEqual({
        code: 'forbidden',
        message: `用户 ${who} 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放`,
      });
    expect(await refusal(list({ batch: 'AUD-A' }, 'proctor_a'))).toMatchObject({ code: 'forbidden' });
    expect(await verifyAudit(w.f.ctx, 'admin')).toEqual({ records: expect.any(Number), broken: null });
    expect(await refusal(verifyAudit(w.f.ctx, 'qian'))).toMatchObject({
      code: 'forbidden',
      message: '用户 qian 没有考务管理员权限，无权校验审计链',
    });
  });
});

async function sheets(bytes: Uint8Array): Promise<ExcelJS.Worksheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook.worksheets;
}

describe('the export for inspectors', () => {
  // Says who exported what, and records the export against the batch.
  it('writes every filtered record with its words and hashes', async () => {
    const shown = (await list({ batch: 'AUD-A', limit: 200 }, 'qian')).records;
    const { fileName, data } = await exportAudit(w.f.ctx, 'qian', { batch: 'AUD-A' });
    expect(fileName).toBe('审计记录 AUD-A.xlsx');
    const [table, about] = await sheets(data);
    expect(table!.name).toBe('审计记录');
    expect(table!.getRow(1).values).toEqual([
      undefined,
      '序号',
      '时间（北京时间）',
      '时间（UTC）',
      '操作人账号',
      '操作人姓名',
      '考生准考证号',
      '操作',
      '操作代码',
      '对象',
      '对象类型',
      '对象编号',
      '说明',
      '详情（JSON）',
      '内容校验码（变更前）',
      '内容校验码（变更后）',
      '前一条记录校验码',
      '本条记录校验码',
    ]);
    expect(table!.rowCount).toBe(shown.length + 1);
    const pause = shown.find((r) => r.action === 'room.pause')!;
    const row = table!.getRows(2, shown.length)!.find((r) => r.getCell(1).value === pause.seq)!;
    // The pause happened at 02:00 UTC, an hour after the bank's records.
    expect([
      row.getCell(2).value,
      row.getCell(3).value,
      row.getCell(5).value,
      row.getCell(7).value,
      row.getCell(9).value,
      row.getCell(17).value,
    ]).toEqual([
      '2026-11-02 10:00:00',
      '2026-11-02T02:00:00.000Z',
      '监考a',
      '全场暂停',
      '考场 01 第 1 考场',
      pause.hash,
    ]);
    const aboutText = about!.getSheetValues().flat().map(String).join(' ');
    expect(aboutText).toContain('钱督导（qian）');
    expect(aboutText).toContain('批次：AUD-A');
    expect(aboutText).toContain('本人督导的批次：AUD-A');
    const after = await list({ batch: 'AUD-A', action: 'audit.' }, 'qian');
    expect(after.records[0]).toMatchObject({
      action: 'audit.export',
      actionLabel: '导出审计记录',
      actor: { username: 'qian' },
      detail: { filter: { batch: 'AUD-A' }, records: shown.length },
    });
  });
});

/** The SQL statements a call runs, captured on their way to the database. */
async function statementsOf(call: (ctx: typeof w.f.ctx) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => (nodes.push(args.node), args.node),
    transformResult: async (args) => args.result,
  };
  const db = w.f.ctx.db.withPlugin(capture);
  await call(createContext(db, { now: w.f.ctx.now }));
  return nodes.map((n) => w.f.ctx.db.getExecutor().compileQuery(n, createQueryId()));
}

async function planOf(q: CompiledQuery): Promise<string> {
  const rows = await w.f.ctx.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
  );
  return rows.rows.map((r) => r.detail).join('\n');
}

// SQLite's query plans; PostgreSQL plans its own way (and on a few test rows prefers a scan).
describe.skipIf(testDialect() === 'postgres')('indexes (migration 0009)', () => {
  // Walks seq backwards from the cursor.
  it('SQLite reads entity and actor filters from their indexes', async () => {
    const byEntity = (
      await statementsOf((ctx) =>
        listAudit(ctx, 'admin', { entity: 'item', entityId: '6-31-01-03/5/T0001', before: 1000 }),
      )
    ).find((q) => q.sql.includes('from "audit_log"'))!;
    expect(await planOf(byEntity)).toMatch(
      /SEARCH audit_log USING INDEX audit_log_entity_idx \(entity=\? AND entity_id=\? AND seq<\?\)/,
    );
    const byActor = (await statementsOf((ctx) => listAudit(ctx, 'admin', { actor: 'wang' }))).find((q) =>
      q.sql.includes('from "audit_log"'),
    )!;
    expect(await planOf(byActor)).toMatch(/SEARCH audit_log USING INDEX audit_log_actor_idx \(actor=\?\)/);
    // Neither needs a sort: the index is already in seq order.
    expect(await planOf(byEntity)).not.toContain('TEMP B-TREE');
  });

  it("a batch's records, and the room board's read of its room, are unions of entity-index ranges", async () => {
    const byBatch = (await statementsOf((ctx) => listAudit(ctx, 'admin', { batch: 'AUD-A' }))).find((q) =>
      q.sql.includes('from "audit_log"'),
    )!;
    const batchPlan = await planOf(byBatch);
    expect(batchPlan).toContain('MULTI-INDEX OR');
    expect(batchPlan.match(/SEARCH audit_log USING INDEX audit_log_entity_idx/g)).toHaveLength(6);
    expect(batchPlan).not.toMatch(/SCAN audit_log/);
    const room = w.a.rooms[0]!.id;
    const log = await readRoomLog(w.f.ctx.db, room);
    expect(log.map((e) => e.action)).toEqual(['candidate.absent', 'room.pause', 'attempt.start', 'attempt.create']);
    const [read] = await statementsOf((ctx) => readRoomLog(ctx.db, room));
    const roomPlan = await planOf(read!);
    expect(roomPlan).toContain('MULTI-INDEX OR');
    expect(roomPlan).not.toMatch(/SCAN l\b/);
  });
});
