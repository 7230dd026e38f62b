import { parsePlan, type AssessmentPlanInput } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_PARTS, MODULAR_PARTS } from './testing/fixtures.ts';

const base: AssessmentPlanInput = { occupation: { code: '6-31-01-03', name: '电工' }, level: 4, ...ASSESSMENT_PARTS };
const problems = (input: AssessmentPlanInput): string[] => {
  const r = parsePlan(input);
  return r.ok ? [] : r.error;
};

describe('assessment plan (认定方案) rules', () => {
  it('accepts a valid plan and fills the defaults: pass lines 60, panel of 3, spread 15, mean', () => {
    const r = parsePlan(base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.components.map((c) => c.passLine)).toEqual([60, 60]);
    expect(r.value.panel).toEqual({ assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 });
    expect(r.value.compositePassLine).toBeNull();
    expect(r.value.eligibility.minPensionMonths).toBe(12);
  });

  it('rejects weights that do not sum to 100', () => {
    const input = { ...base, components: [base.components[0]!, { ...base.components[1]!, weight: 60 }] };
    expect(problems(input)).toEqual(['各组成部分权重合计为 90%，应为 100%']);
  });

  it('rejects a technician plan (二级, 一级) without the comprehensive review', () => {
    expect(problems({ ...base, level: 2 })).toEqual(['技师、高级技师（二级、一级）的认定方案必须包含综合评审']);
    expect(problems({ ...base, level: 1 })).toHaveLength(1);
    const withReview: AssessmentPlanInput = {
      ...base,
      level: 2,
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 20 },
        { code: 'skill', name: '操作技能', kind: 'practical', weight: 50 },
        { code: 'review', name: '综合评审', kind: 'review', weight: 30 },
      ],
    };
    expect(problems(withReview)).toEqual([]);
  });

  it('lets direct recognition of a technician use a defense as its on-site review', () => {
    const plan: AssessmentPlanInput = {
      ...base,
      level: 2,
      method: 'direct_recognition',
      components: [
        { code: 'ability', name: '能力评价', kind: 'ability', weight: 40 },
        { code: 'work', name: '业绩评价', kind: 'performance', weight: 40 },
        { code: 'defense', name: '答辩', kind: 'defense', weight: 20 },
      ],
    };
    expect(problems(plan)).toEqual([]);
    expect(problems({ ...plan, components: plan.components.slice(0, 2).map((c) => ({ ...c, weight: 50 })) })).toEqual([
      '技师、高级技师（二级、一级）的认定方案必须包含综合评审',
    ]);
  });

  it('requires an odd panel of at least 3 assessors', () => {
    expect(problems({ ...base, panel: { assessorsPerCandidate: 4 } })).toEqual([
      '每名考生的评分考评员人数应为奇数，当前为 4 人',
    ]);
    expect(problems({ ...base, panel: { assessorsPerCandidate: 1 } })).toEqual([
      '每名考生的评分考评员不得少于 3 人，当前为 1 人',
    ]);
    expect(problems({ ...base, panel: { assessorsPerCandidate: 5 } })).toEqual([]);
  });

  it('counts an elective group as k modules and needs its modules to share a weight', () => {
    const modular: AssessmentPlanInput = { ...base, ...MODULAR_PARTS };
    expect(problems(modular)).toEqual([]);
    const uneven = {
      ...modular,
      components: modular.components.map((c) => (c.code === 'cable' ? { ...c, weight: 30 } : c)),
    };
    expect(problems(uneven)[0]).toBe(
      '选考模块组“企业选考模块”中各模块权重不同（20、30），选考不同模块时权重合计会不一致',
    );
    expect(
      problems({ ...modular, electiveGroups: [{ code: 'enterprise', name: '企业选考模块', choose: 4 }] }),
    ).toContain('选考模块组“企业选考模块”要求选 4 个，但只有 3 个模块');
  });

  it('checks each method has its parts', () => {
    expect(problems({ ...base, method: 'modular' })).toEqual(['模块化考核方案须包含选考模块组']);
    expect(problems({ ...base, method: 'direct_recognition' })).toEqual([
      '直接认定方案须包含能力评价',
      '直接认定方案须包含业绩评价',
    ]);
    expect(
      problems({ ...base, components: [{ code: 'skill', name: '操作技能', kind: 'practical', weight: 100 }] }),
    ).toEqual(['考核认定方案须包含理论知识']);
  });

  it('reports schema errors with their path', () => {
    expect(
      problems({ ...base, components: [{ ...base.components[0]!, weight: 30.5 }, base.components[1]!] })[0],
    ).toMatch(/^components\.0\.weight：/);
  });
});
