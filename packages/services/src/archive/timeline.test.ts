import { openDatabase } from '@kaowu/db';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  createContext,
  createExamRuntime,
  createUser,
  exportSupervisionReport,
  getBatchTimeline,
  markFilingStep,
  openRoom,
  setBatchStaff,
  setResultsSetting,
  type ServiceContext,
} from '../index.ts';
import { refusal } from '../testing/bank.ts';
import { seedExam } from '../testing/index.ts';

/** A Hefei batch examined on Monday 2 November 2026, two closed rooms, staffed; the clock on the exam morning. */
async function hefeiBatch() {
  let clock = Date.parse('2026-11-02T08:00:00+08:00');
  let id = 0;
  const ctx: ServiceContext = createContext(await openDatabase(':memory:'), {
    now: () => new Date(clock),
    newId: () => `id-${String(++id).padStart(6, '0')}`,
  });
  const exam = await seedExam(ctx, { planNumber: 'HF-001', open: false, rooms: [3, 2] });
  for (const username of ['qian', 'he']) await createUser(ctx, 'admin', { username, displayName: username, roles: [] });
  await setBatchStaff(ctx, 'admin', exam.batchId, [
    { username: 'proctor_a', duty: 'proctor', room: '01' },
    { username: 'proctor_b', duty: 'proctor', room: '02' },
    { username: 'qian', duty: 'supervisor' },
    { username: 'he', duty: 'supervisor' },
  ]);
  await setResultsSetting(ctx, 'admin', 'filing.region', 'hefei');
  const rt = await createExamRuntime(ctx);
  const room = (code: string) => exam.rooms.find((r) => r.code === code)!.id;
  return { ctx, rt, exam, room, setNow: (iso: string) => void (clock = Date.parse(iso)) };
}

const lastOpen = async (ctx: ServiceContext) =>
  JSON.parse(
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('detail_json')
        .where('action', '=', 'room.open')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
    ).detail_json,
  ) as Record<string, unknown>;

describe('the batch filing timeline', () => {
  it('shows Hefei’s due dates, overdue until marked, and records who marked a step when', async () => {
    const w = await hefeiBatch();
    // 10 working days before Monday 2 Nov 2026 is Monday 19 Oct (hand-counted; no holiday in between).
    const t = await getBatchTimeline(w.ctx, 'admin', 'HF-001');
    expect(t).toMatchObject({ region: 'hefei', regionName: '合肥市', examFirstDay: '2026-11-02' });
    expect(t.steps.map((s) => [s.step, s.dueOn, s.state])).toEqual([
      ['plan_filed', '2026-10-19', 'overdue'],
      ['candidate_list', '2026-10-26', 'overdue'],
      ['results_publicity', null, 'pending'],
      // Estimated: publicity 3–9 Nov at the earliest, then 10 working days.
      ['results_filed', '2026-11-23', 'pending'],
    ]);
    // Bad input changes nothing.
    expect(await refusal(markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed', { on: '2026-11-03' }))).toMatchObject({
      code: 'invalid',
      message: '备案日期 2026-11-03 晚于今天（2026-11-02）',
    });
    expect((await refusal(markFilingStep(w.ctx, 'admin', 'HF-001', 'candidate_list'))).message).toMatch(/不能手工登记/);
    expect((await refusal(markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed', { on: '2026-13-01' }))).code).toBe(
      'invalid',
    );
    expect((await refusal(markFilingStep(w.ctx, 'proctor_a', 'HF-001', 'plan_filed'))).code).toBe('forbidden');
    expect((await getBatchTimeline(w.ctx, 'admin', 'HF-001')).steps[0]?.done).toBeNull();
    const marked = await markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed', { on: '2026-10-16' });
    expect(marked.steps[0]).toMatchObject({ state: 'done', done: { on: '2026-10-16', by: expect.any(String) } });
    expect((await refusal(markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed'))).code).toBe('conflict');
  });

  it('opens a room after a missed plan-filing deadline only with an administrator’s written reason', async () => {
    const w = await hefeiBatch();
    expect(await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).toMatchObject({
      code: 'plan_filing_overdue',
      message: '认定计划应于 2026-10-19 前备案，至今未登记备案；开考须由考务管理员填写书面说明',
    });
    expect((await refusal(openRoom(w.rt, 'admin', w.room('01')))).code).toBe('plan_filing_overdue');
    expect((await refusal(openRoom(w.rt, 'proctor_a', w.room('01'), '报备系统故障'))).code).toBe('forbidden');
    await openRoom(w.rt, 'admin', w.room('01'), '市鉴定中心报备系统故障，已电话报备');
    expect(await lastOpen(w.ctx)).toEqual({
      lateFiling: { reason: '市鉴定中心报备系统故障，已电话报备', dueOn: '2026-10-19', filedOn: null },
    });
    // 附件2's 计划执行 shows it to the supervisors.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportSupervisionReport(w.ctx, 'admin', 'HF-001')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))));
    expect(texts.find((t) => t.includes('报备系统故障'))).toMatch(
      /^考场 01：认定计划应于 2026-10-19 前备案，开考时未备案；开考说明：市鉴定中心报备系统故障，已电话报备——.+（2026-11-02）$/,
    );
    // Filed late: still needs the reason, which names the filing date.
    await markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed', { on: '2026-10-22' });
    expect((await refusal(openRoom(w.rt, 'proctor_b', w.room('02')))).message).toContain('实际于 2026-10-22 备案');
  });

  it('opens without a reason when the plan was filed in time, or the region sets no deadline', async () => {
    const w = await hefeiBatch();
    await markFilingStep(w.ctx, 'admin', 'HF-001', 'plan_filed', { on: '2026-10-19' });
    await openRoom(w.rt, 'proctor_a', w.room('01'));
    expect(await lastOpen(w.ctx)).toEqual({});
    const nanxun = await hefeiBatch();
    await setResultsSetting(nanxun.ctx, 'admin', 'filing.region', 'nanxun');
    await openRoom(nanxun.rt, 'proctor_a', nanxun.room('01'));
    expect((await getBatchTimeline(nanxun.ctx, 'admin', 'HF-001')).steps[0]).toMatchObject({
      dueOn: null,
      state: 'pending',
      rule: '本地区文件未规定备案期限',
    });
  });
});
