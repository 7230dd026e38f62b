import { describe, expect, it } from 'vitest';
import {
  batchEligibility,
  computeDecisions,
  importScores,
  listDecisions,
  recordApplications,
  setPanel,
  setPlan,
} from '../index.ts';
import {
  allRight,
  ASSESSMENT_PLAN,
  createResultsFixture,
  enterScores,
  eligibleApplication,
  evenScores,
  MODULAR_PLAN,
  recordEligible,
  SHORT_SERVICE,
  SHORT_SERVICE_REASONS,
  secondShortOfService,
  sitExam,
  skillSheet,
} from '../testing/results.ts';
import { refusal } from '../testing/bank.ts';

const details = async (p: Promise<unknown>): Promise<readonly unknown[]> => (await refusal(p)).details;

describe('the assessment plan of a batch', () => {
  it('takes occupation and level from the batch and rejects every broken rule with its reason', async () => {
    const f = await createResultsFixture();
    const bad = {
      method: 'assessment',
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
        { code: 'skill', name: '操作技能', kind: 'practical', weight: 60 },
      ],
      panel: { assessorsPerCandidate: 4 },
    };
    expect(await details(setPlan(f.ctx, 'admin', f.planNumber, bad))).toEqual([
      '每名考生的评分考评员人数应为奇数，当前为 4 人',
      '各组成部分权重合计为 90%，应为 100%',
    ]);
    await expect(setPlan(f.ctx, 'admin', f.planNumber, { ...ASSESSMENT_PLAN, level: 2 })).rejects.toThrow(
      /技师、高级技师（二级、一级）的认定方案必须包含综合评审/,
    );
    await expect(setPlan(f.ctx, 'liu', f.planNumber, ASSESSMENT_PLAN)).rejects.toThrow(/没有考务管理员权限/);
    const { plan, eligibilityAsOf } = await setPlan(f.ctx, 'admin', f.planNumber, ASSESSMENT_PLAN);
    expect(plan.occupation).toEqual({ code: '6-31-01-03', name: '电工' });
    expect(plan.level).toBe(5);
    expect(eligibilityAsOf).toBe('2026-09-22');
  });

  it('needs a panel of at least the plan’s assessors, each a registered assessor, led by one of them', async () => {
    const f = await createResultsFixture();
    await expect(setPanel(f.ctx, 'admin', f.batchId, 'skill', { leader: 'chen', members: ['liu'] })).rejects.toThrow(
      /只有 2 人/,
    );
    await expect(
      setPanel(f.ctx, 'admin', f.batchId, 'skill', { leader: 'chen', members: ['liu', 'clerk'] }),
    ).rejects.toThrow(/clerk（吴文静）不是考评员/);
    await expect(
      setPanel(f.ctx, 'admin', f.batchId, 'theory', { leader: 'chen', members: ['liu', 'zhou'] }),
    ).rejects.toThrow(/由机考答卷计分/);
  });
});

describe('eligibility before decisions', () => {
  it('gives every ineligible candidate the reasons, and leaves candidates without an application pending', async () => {
    const f = await createResultsFixture({ candidates: 3 });
    const recorded = await recordApplications(f.ctx, 'admin', f.batchId, [
      eligibleApplication(f.candidates[0]!.ticket),
      eligibleApplication(f.candidates[1]!.ticket, SHORT_SERVICE),
    ]);
    expect(recorded).toEqual(secondShortOfService(f));
    const { lines } = await batchEligibility(f.ctx, 'admin', f.batchId);
    expect(lines.map((l) => l.result?.eligible ?? null)).toEqual([true, false, null]);
    expect(lines[1]!.result!.reasons).toEqual(SHORT_SERVICE_REASONS);

    await sitExam(f, [allRight(), allRight(), allRight()]);
    await enterScores(
      f,
      evenScores(f, () => 80),
    );
    const summary = await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(summary).toMatchObject({ pass: 1, fail: 1, pending: 1 });
    const decisions = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(decisions[1]!.decision.reasons[0]).toBe(
      '不符合申报条件：养老保险缴费 6 个月，不足 12 个月；劳务派遣人员在本企业工作 6 个月，不足 1 年',
    );
    expect(decisions[2]!.decision.reasons).toEqual(['未录入申报信息，无法审核申报条件']);
  });

  it('refuses application records with every problem listed and records none', async () => {
    const f = await createResultsFixture({ candidates: 2 });
    const e = await details(
      recordApplications(f.ctx, 'admin', f.batchId, [
        eligibleApplication(f.candidates[0]!.ticket, { pensionMonths: -1 }),
        eligibleApplication('NOPE'),
        { employment: 'employee', enterpriseSince: '2015-03-01', pensionMonths: 1 },
        eligibleApplication(f.candidates[1]!.ticket, { electives: { enterprise: ['plc'] } }),
      ]),
    );
    expect(e).toEqual([
      `第 1 条（准考证号 ${f.candidates[0]!.ticket}）：pensionMonths Too small: expected number to be >=0`,
      '第 2 条（准考证号 NOPE）：准考证号 NOPE 不在本批次中',
      '第 3 条：须填写准考证号或身份证号',
      `第 4 条（${f.candidates[1]!.ticket} ${f.candidates[1]!.name}）：认定方案中没有选考模块组 enterprise`,
    ]);
    expect(await f.ctx.db.selectFrom('candidate_applications').selectAll().execute()).toEqual([]);
  });
});

describe('pass lines', () => {
  it('passes a component scored exactly at its pass line, and fails one a tenth below', async () => {
    const f = await createResultsFixture({ candidates: 2 });
    await recordEligible(f);
    await sitExam(f, [allRight(), allRight()]);
    const [a, b] = f.candidates.map((c) => c.ticket) as [string, string];
    const sheet = { [a]: { chen: 60, liu: 60, zhou: 60 }, [b]: { chen: 60, liu: 60, zhou: 59.7 } };
    await enterScores(f, sheet);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    const [one, two] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(one!.decision).toMatchObject({
      outcome: 'pass',
      composite: 72,
      reasons: ['理论知识成绩 100.0 分，达到合格线 60 分', '操作技能成绩 60.0 分，达到合格线 60 分'],
    });
    expect(two!.decision).toMatchObject({ outcome: 'fail', reasons: ['操作技能成绩 59.9 分，低于合格线 60 分'] });
  });
});

describe('modular plans', () => {
  // Scores for a module not chosen are refused.
  it('leaves a candidate with a missing elective choice pending', async () => {
    const f = await createResultsFixture({ candidates: 2, plan: MODULAR_PLAN });
    for (const m of ['plc', 'motor', 'cable'])
      await setPanel(f.ctx, 'admin', f.batchId, m, { leader: 'chen', members: ['chen', 'liu', 'zhou'] });
    await recordEligible(f, (i) => (i === 0 ? { electives: { enterprise: ['plc', 'motor'] } } : {}));
    await expect(
      recordApplications(f.ctx, 'admin', f.batchId, [
        eligibleApplication(f.candidates[1]!.ticket, { electives: { enterprise: ['plc'] } }),
      ]),
    ).rejects.toThrow(/应选 2 个模块，实际 1 个/);
    const sheetFor = async (code: string) =>
      skillSheet(f, { [f.candidates[0]!.ticket]: { chen: 70, liu: 70, zhou: 70 } }, code);
    const notChosen = await details(importScores(f.ctx, 'admin', f.batchId, await sheetFor('cable')));
    expect(notChosen).toEqual([
      {
        sheet: '电缆敷设模块',
        row: 2,
        column: 'A',
        field: '准考证号',
        message: `考生 ${f.candidates[0]!.name} 未选考“电缆敷设模块”`,
      },
    ]);
    const second = await skillSheet(f, { [f.candidates[1]!.ticket]: { chen: 70, liu: 70, zhou: 70 } }, 'plc');
    expect(await details(importScores(f.ctx, 'admin', f.batchId, second))).toEqual([
      {
        sheet: 'PLC编程模块',
        row: 2,
        column: 'A',
        field: '准考证号',
        message: `考生 ${f.candidates[1]!.name} 尚未登记选考模块，不能录入选考模块“PLC编程模块”的成绩`,
      },
    ]);
    await sitExam(f, [allRight(), allRight()]);
    for (const who of ['admin', 'clerk']) {
      for (const code of ['skill', 'plc', 'motor']) await importScores(f.ctx, who, f.batchId, await sheetFor(code));
      await importScores(
        f.ctx,
        who,
        f.batchId,
        await skillSheet(f, { [f.candidates[1]!.ticket]: { chen: 70, liu: 70, zhou: 70 } }, 'skill'),
      );
    }
    await computeDecisions(f.ctx, 'admin', f.batchId);
    const [a, b] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(a!.decision).toMatchObject({ outcome: 'pass', composite: 76, practicalScore: 70 });
    expect(b!.decision.outcome).toBe('pending');
    expect(b!.decision.reasons).toContain('选考模块组“企业选考模块”应选 2 个模块，实际选择了 0 个');
  });
});
