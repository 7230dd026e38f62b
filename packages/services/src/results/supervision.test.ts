import ExcelJS from 'exceljs';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { KaowuError, SUPERVISION_CRITERIA, supervisionCriterion, type SupervisionAnswer } from '@kaowu/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createContext,
  createUser,
  finaliseResults,
  getSupervision,
  issueCertificates,
  publishResults,
  saveSupervision,
  signSupervision,
  exportSupervisionReport,
  verifyAuditTrail,
  type ServiceContext,
} from '../index.ts';
import { isBatchHalted, requireNotHalted } from './supervision.ts';
import { seedExam, staffSeededBatch } from '../testing/index.ts';
import { auditRowsLike, refusal as anyRefusal } from '../testing/bank.ts';

/**
 * A seeded exam batch (proctors proctor_a/b/c) with two supervisors, and a second batch with a supervisor of its own.
 */
interface World {
  readonly ctx: ServiceContext;
  readonly batchId: string;
  readonly otherBatchId: string;
  tick(hours: number): void;
}

async function world(): Promise<World> {
  const db = await openDatabase(testDbTarget(':memory:'));
  let clock = Date.parse('2026-11-02T01:00:00Z');
  let id = 0;
  const ctx = createContext(db, { now: () => new Date(clock), newId: () => `id-${String(++id).padStart(6, '0')}` });
  const { batchId } = await seedExam(ctx, { planNumber: 'SUP-001' });
  const { batchId: otherBatchId } = await seedExam(ctx, { planNumber: 'SUP-002' });
  for (const [username, displayName] of [
    ['qian', '钱督导'],
    ['he', '何督导'],
    ['zheng', '郑督导'],
  ] as const)
    await createUser(ctx, 'admin', { username, displayName, roles: [] });
  const proctors = [{ username: 'proctor_a', duty: 'proctor' as const, room: '01' }];
  await staffSeededBatch(ctx, batchId, [
    ...proctors,
    { username: 'qian', duty: 'supervisor' },
    { username: 'he', duty: 'supervisor' },
  ]);
  await staffSeededBatch(ctx, otherBatchId, [{ username: 'zheng', duty: 'supervisor' }]);
  return {
    ctx,
    batchId,
    otherBatchId,
    tick: (hours) => {
      clock += hours * 3600_000;
    },
  };
}

const header = { supervisedOn: '2026-11-02', supervisorUnit: '质量管理部' };
const best = (part?: 'exam_day' | 'after_publicity'): Record<string, SupervisionAnswer> =>
  Object.fromEntries(
    SUPERVISION_CRITERIA.filter((c) => part === undefined || c.indicator.part === part).map((c) => [
      c.code,
      c.kind === 'choice' ? 0 : c.items.map((_, i) => i),
    ]),
  );

/** The refusal a call ends in: its code and Chinese message. */
/** The refusal's code and message (its located problems are checked where they matter). */
const refusal = async (p: Promise<unknown>) => {
  const { code, message } = await anyRefusal(p);
  return { code, message };
};

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook.worksheets[0]!;
}

let w: World;
beforeEach(async () => {
  w = await world();
});

describe('filling the report', () => {
  // The batch’s staff and administrators read it.
  it('a supervisor saves the exam-day part; only supervisors may edit', async () => {
    const view = await saveSupervision(w.ctx, 'qian', w.batchId, { ...header, answers: best('exam_day') });
    expect(view.score).toMatchObject({
      total: 80,
      complete: false,
      missing: ['score_entry', 'result_publicity', 'complaint_handling'],
    });
    expect(view).toMatchObject({
      mayEdit: true,
      halted: false,
      signatures: [],
      updatedBy: { username: 'qian', name: '钱督导' },
    });
    expect(view.supervisors.map((s) => s.name)).toEqual(['何督导', '钱督导']);
    const asProctor = await getSupervision(w.ctx, 'proctor_a', w.batchId);
    expect(asProctor).toMatchObject({ mayEdit: false, reportHash: view.reportHash, score: { total: 80 } });
    expect((await getSupervision(w.ctx, 'admin', 'SUP-001')).mayEdit).toBe(false);
    expect(await getSupervision(w.ctx, 'he', w.batchId)).toMatchObject({
      mayEdit: true,
      report: { supervisorUnit: '质量管理部' },
    });
  });

  it('refuses proctors, administrators and other batches’ supervisors, saying who may', async () => {
    const body = { ...header, answers: best('exam_day') };
    for (const who of ['proctor_a', 'admin', 'zheng'])
      expect(await refusal(saveSupervision(w.ctx, who, w.batchId, body))).toEqual({
        code: 'forbidden',
        message: `用户 ${who} 无权填写或签署内部督导报告（批次 SUP-001）：只有本批次的内部督导员可以`,
      });
    // Who may save is decided before what was sent is looked at.
    expect(await refusal(saveSupervision(w.ctx, 'proctor_a', w.batchId, { nonsense: 1 }))).toMatchObject({
      code: 'forbidden',
    });
    expect(await refusal(getSupervision(w.ctx, 'zheng', w.batchId))).toMatchObject({ code: 'forbidden' });
    expect(await refusal(getSupervision(w.ctx, 'admin', 'NO-SUCH'))).toMatchObject({ code: 'not_found' });
    expect(await getSupervision(w.ctx, 'admin', w.batchId)).toMatchObject({ report: null, score: null, halted: false });
  });

  it('refuses a report that does not fit the rubric, naming the criterion', async () => {
    const e = await saveSupervision(w.ctx, 'qian', w.batchId, {
      ...header,
      answers: { theory_mode: 5, room_setup: [7] },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KaowuError);
    const err = e as KaowuError;
    expect(err.zh).toBe(
      '内部督导报告有误：「试题保密·理论考核方式」没有第 6 个评估标准（共 3 个）；' +
        '「考务组织·考场布置」没有第 8 项（共 5 项）',
    );
    expect(err.details).toEqual([
      { field: '试题保密·理论考核方式', message: '「试题保密·理论考核方式」没有第 6 个评估标准（共 3 个）' },
      { field: '考务组织·考场布置', message: '「考务组织·考场布置」没有第 8 项（共 5 项）' },
    ]);
    expect(
      (await refusal(saveSupervision(w.ctx, 'qian', w.batchId, { supervisedOn: '2026-11-02' }))).message,
    ).toContain('请填写督导员工作单位');
  });
});

describe('signing', () => {
  it('refuses to sign an incomplete report, naming what is missing', async () => {
    expect(await refusal(signSupervision(w.ctx, 'qian', w.batchId))).toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('尚未填写内部督导报告'),
    });
    await saveSupervision(w.ctx, 'qian', w.batchId, { ...header, answers: best('exam_day') });
    expect(await refusal(signSupervision(w.ctx, 'qian', w.batchId))).toEqual({
      code: 'invalid',
      message: '内部督导报告尚未填写完整，不能签字：还有 3 项未评（成绩录入、结果公示、投诉处理）',
    });
  });

  // A change clears the signatures, the same content keeps them.
  it('each supervisor signs the complete report once', async () => {
    const full = { ...header, answers: best(), opinion: '认定过程规范。' };
    await saveSupervision(w.ctx, 'qian', w.batchId, full);
    const one = await signSupervision(w.ctx, 'qian', w.batchId);
    expect(one).toMatchObject({
      signedByAll: false,
      signatures: [{ username: 'qian', name: '钱督导', signedAt: '2026-11-02T01:00:00.000Z' }],
    });
    expect(await refusal(signSupervision(w.ctx, 'qian', w.batchId))).toEqual({
      code: 'conflict',
      message: '您已于 2026-11-02 签署本报告，无需重复签字',
    });
    expect(await refusal(signSupervision(w.ctx, 'proctor_a', w.batchId))).toMatchObject({ code: 'forbidden' });
    w.tick(24);
    const both = await signSupervision(w.ctx, 'he', w.batchId);
    expect(both.signedByAll).toBe(true);
    expect(both.signatures.map((s) => s.username)).toEqual(['qian', 'he']);
    // Saving the same content (checklist items in another order) is no change.
    const same = await saveSupervision(w.ctx, 'he', w.batchId, {
      ...full,
      answers: { ...full.answers, room_setup: [4, 3, 2, 1, 0] },
    });
    expect(same.signatures).toHaveLength(2);
    const changed = await saveSupervision(w.ctx, 'he', w.batchId, { ...full, answers: { ...full.answers, video: 1 } });
    expect(changed).toMatchObject({ signatures: [], signedByAll: false, score: { total: 95 } });
    expect(changed.reportHash).not.toBe(both.reportHash);
  });

  it('audits every save and signature in the hash chain', async () => {
    await saveSupervision(w.ctx, 'qian', w.batchId, { ...header, answers: best() });
    await signSupervision(w.ctx, 'qian', w.batchId);
    const rows = await auditRowsLike(w.ctx.db, 'supervision.');
    expect(rows.map((r) => `${r.actor}:${r.action}`)).toEqual(['qian:supervision.save', 'qian:supervision.sign']);
    expect(JSON.parse(rows[0]!.detail_json)).toMatchObject({ total: 100, complete: true, signaturesCleared: 0 });
    expect((await verifyAuditTrail(w.ctx.db)).broken).toBeNull();
  });
});

describe('vetoes halt the batch', () => {
  // The vetoed report may be signed at once.
  it('a veto zeroes the report and halts the batch; withdrawing it lifts the halt', async () => {
    expect(await isBatchHalted(w.ctx.db, w.batchId)).toBe(false);
    await requireNotHalted(w.ctx.db, { id: w.batchId, planNumber: 'SUP-001' });
    const vetoed = await saveSupervision(w.ctx, 'qian', w.batchId, {
      ...header,
      answers: { scope: 0 },
      vetoes: ['leak'],
    });
    expect(vetoed).toMatchObject({ halted: true, score: { total: 0, vetoed: true, complete: true } });
    expect(await isBatchHalted(w.ctx.db, w.batchId)).toBe(true);
    expect(await isBatchHalted(w.ctx.db, w.otherBatchId)).toBe(false);
    expect(await refusal(requireNotHalted(w.ctx.db, { id: w.batchId, planNumber: 'SUP-001' }))).toEqual({
      code: 'conflict',
      message: '批次 SUP-001 的内部督导发现否决项，本次认定已暂停：不能公示、确认结果或发证',
    });
    // The results steps refuse a halted batch, before anything else is looked at.
    const halt = '批次 SUP-001 的内部督导发现否决项，本次认定已暂停：不能公示、确认结果或发证';
    // One at a time: started together, a refusal could arrive (real I/O on PostgreSQL) before its await.
    for (const step of [
      () => publishResults(w.ctx, 'admin', w.batchId),
      () => finaliseResults(w.ctx, 'admin', w.batchId),
      () => issueCertificates(w.ctx, 'admin', w.batchId),
    ])
      expect(await refusal(step())).toEqual({ code: 'conflict', message: halt });
    expect((await signSupervision(w.ctx, 'qian', w.batchId)).signatures).toHaveLength(1);
    const lifted = await saveSupervision(w.ctx, 'he', w.batchId, { ...header, answers: { scope: 0 } });
    expect(lifted).toMatchObject({ halted: false, signatures: [] });
    const details = await w.ctx.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'supervision.save')
      .orderBy('seq')
      .execute();
    expect(details.map((d) => (JSON.parse(d.detail_json) as { halt?: string }).halt)).toEqual(['halted', 'lifted']);
  });
});

describe('the 附件2 workbook', () => {
  it('is the report as it stands, with the total and the signers, for anyone who may read it', async () => {
    await w.ctx.db
      .insertInto('settings')
      .values({ key: 'results.enterpriseName', value: JSON.stringify('南浔电机有限公司') })
      .execute();
    await saveSupervision(w.ctx, 'qian', w.batchId, { ...header, answers: { ...best(), theory_mode: 1 } });
    await signSupervision(w.ctx, 'qian', w.batchId);
    w.tick(24);
    await signSupervision(w.ctx, 'he', w.batchId);
    const sheet = await sheetOf(await exportSupervisionReport(w.ctx, 'proctor_a', w.batchId));
    const cells: string[][] = [];
    sheet.eachRow((row) =>
      cells.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    expect(cells[1]?.slice(0, 4)).toEqual(['被督导单位', '南浔电机有限公司', '督导人员姓名', '何督导、钱督导']);
    expect(cells[3]?.slice(0, 4)).toEqual(['认定职业（工种）', '电工', '认定等级', '五级/初级工']);
    expect(cells.find((r) => r[0] === '合计（100分）')?.[4]).toBe('98');
    expect(cells.find((r) => r[0]?.startsWith('内督人员签字'))?.[0]).toBe(
      '内督人员签字：钱督导（2026年11月2日）　何督导（2026年11月3日）',
    );
    expect(supervisionCriterion('theory_mode')?.name).toBe(cells.find((r) => r[4] === '5' && r[3] === '7')?.[1]);
    expect(await refusal(exportSupervisionReport(w.ctx, 'zheng', w.batchId))).toMatchObject({ code: 'forbidden' });
  });
});
