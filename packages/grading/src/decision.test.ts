import { describe, expect, it } from 'vitest';
import { checkEligibility, decide, type ComponentResult } from './index.ts';
import { assessmentPlanFixture, candidateFixture, modularPlanFixture } from './testing/fixtures.ts';

const scored = (score: number): ComponentResult => ({ status: 'scored', score });
const plan = assessmentPlanFixture();

describe('level decisions', () => {
  it('passes a score of exactly 60 and fails 59.9', () => {
    expect(decide(plan, { candidateId: 'c1', scores: { theory: scored(60), skill: scored(60) } })).toMatchObject({
      outcome: 'pass',
      composite: 60,
      level: 4,
      levelName: '四级',
      reasons: ['理论知识成绩 60.0 分，达到合格线 60 分', '操作技能成绩 60.0 分，达到合格线 60 分'],
    });
    expect(decide(plan, { candidateId: 'c1', scores: { theory: scored(59.9), skill: scored(90) } })).toMatchObject({
      outcome: 'fail',
      reasons: ['理论知识成绩 59.9 分，低于合格线 60 分'],
    });
  });

  it('explains every failed rule in words', () => {
    const d = decide(plan, { candidateId: 'c1', scores: { theory: scored(58), skill: scored(45.5) } });
    expect(d.reasons).toEqual(['理论知识成绩 58.0 分，低于合格线 60 分', '操作技能成绩 45.5 分，低于合格线 60 分']);
    expect(d.composite).toBe(49.3); // 58 × 30 % + 45.5 × 70 % = 49.25 → 49.3
  });

  it('weights the composite and rounds it half up once, in exact arithmetic', () => {
    // 59.9 × 50 % + 60 × 50 % = 59.95 → 60.0 (binary floating point would give 59.9)
    const half = assessmentPlanFixture({
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 50, passLine: null },
        { code: 'skill', name: '操作技能', kind: 'practical', weight: 50, passLine: null },
      ],
      compositePassLine: 60,
    });
    expect(decide(half, { candidateId: 'c1', scores: { theory: scored(59.9), skill: scored(60) } })).toMatchObject({
      outcome: 'pass',
      composite: 60,
      reasons: ['综合成绩 60.0 分，达到综合合格线 60 分'],
    });
    expect(decide(half, { candidateId: 'c1', scores: { theory: scored(59.8), skill: scored(60) } })).toMatchObject({
      outcome: 'fail',
      composite: 59.9,
      reasons: ['综合成绩 59.9 分，低于综合合格线 60 分'],
    });
  });

  it('fails an absent candidate and keeps the composite empty', () => {
    expect(
      decide(plan, { candidateId: 'c1', scores: { theory: scored(80), skill: { status: 'absent' } } }),
    ).toMatchObject({
      outcome: 'fail',
      composite: null,
      reasons: ['操作技能缺考'],
    });
  });

  it('waits while a score is missing or blocked by the panel', () => {
    const blocked = decide(plan, {
      candidateId: 'c1',
      scores: {
        theory: scored(80),
        skill: { status: 'blocked', reason: '考评员评分最高与最低相差 20.0 分，超过 15 分，须由考评组长裁定分差' },
      },
    });
    expect(blocked).toMatchObject({
      outcome: 'pending',
      reasons: ['操作技能：考评员评分最高与最低相差 20.0 分，超过 15 分，须由考评组长裁定分差'],
    });
    expect(decide(plan, { candidateId: 'c1', scores: { theory: scored(80) } }).reasons).toEqual([
      '操作技能尚无最终成绩',
    ]);
  });

  it('takes the required modules plus the chosen electives, and waits for a missing elective choice', () => {
    const modular = modularPlanFixture();
    const scores = { theory: scored(70), skill: scored(80), plc: scored(90), motor: scored(60), cable: scored(10) };
    const d = decide(modular, { candidateId: 'c1', electives: { enterprise: ['plc', 'motor'] }, scores });
    expect(d.outcome).toBe('pass');
    expect(d.components.map((c) => c.code)).toEqual(['theory', 'skill', 'plc', 'motor']);
    expect(d.composite).toBe(76); // 70×20 + 80×40 + 90×20 + 60×20 = 7600 / 100
    expect(d.practicalScore).toBe(77.5); // (80×40 + 90×20 + 60×20) / 80
    expect(d.theoryScore).toBe(70);
    const missing = decide(modular, { candidateId: 'c1', electives: { enterprise: ['plc'] }, scores });
    expect(missing).toMatchObject({
      outcome: 'pending',
      reasons: ['选考模块组“企业选考模块”应选 2 个模块，实际选择了 1 个'],
    });
    expect(decide(modular, { candidateId: 'c1', scores }).reasons[0]).toBe(
      '选考模块组“企业选考模块”应选 2 个模块，实际选择了 0 个',
    );
    expect(
      decide(modular, { candidateId: 'c1', electives: { enterprise: ['plc', 'welding'] }, scores }).reasons[0],
    ).toBe('所选模块 welding 不属于选考模块组“企业选考模块”');
  });

  it('fails an ineligible candidate with the eligibility reasons', () => {
    const eligibility = checkEligibility(
      plan,
      candidateFixture({ occupationYears: 2, pensionMonths: 6 }),
      '2025-06-30',
    );
    const d = decide(plan, { candidateId: 'c1', scores: { theory: scored(90), skill: scored(90) }, eligibility });
    expect(d.outcome).toBe('fail');
    expect(d.reasons[0]).toMatch(/^不符合申报条件：养老保险缴费 6 个月，不足 12 个月；不符合四级的任一申报条件；/);
  });

  it('refuses scores beyond one decimal or out of range instead of guessing', () => {
    expect(decide(plan, { candidateId: 'c1', scores: { theory: scored(60.05), skill: scored(120) } }).reasons).toEqual([
      '理论知识成绩 60.05 无效，应为 0–100 分并保留一位小数',
      '操作技能成绩 120 无效，应为 0–100 分并保留一位小数',
    ]);
  });
});
