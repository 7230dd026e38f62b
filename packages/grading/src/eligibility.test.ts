import { assessmentPlan, type AssessmentPlanInput, type EligibilityPathInput } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { checkEligibility, defaultEligibilityPaths, describePath } from './index.ts';
import { assessmentPlanFixture, candidateFixture, idNumberFor } from './testing/fixtures.ts';

const ASOF = '2025-06-30';
const technicianComponents = [
  { code: 'theory', name: '理论知识', kind: 'theory', weight: 20 },
  { code: 'skill', name: '操作技能', kind: 'practical', weight: 50 },
  { code: 'review', name: '综合评审', kind: 'review', weight: 30 },
] as const;
const level = (code: 5 | 4 | 3 | 2 | 1, more: Partial<AssessmentPlanInput> = {}) =>
  assessmentPlanFixture({ level: code, ...(code <= 2 ? { components: [...technicianComponents] } : {}), ...more });
const cert = (lvl: 5 | 4 | 3 | 2, issuedOn: string, occupationCode = '6-31-01-03') => ({
  occupationCode,
  level: lvl,
  issuedOn,
});

describe('eligibility (申报条件)', () => {
  it('admits 五级 after one year in the occupation or a completed apprenticeship', () => {
    expect(checkEligibility(level(5), candidateFixture({ occupationYears: 1 }), ASOF)).toMatchObject({
      eligible: true,
      path: { kind: 'standard', description: '累计从事本职业工作满 1 年' },
    });
    expect(
      checkEligibility(level(5), candidateFixture({ occupationYears: 0.5, apprenticeshipCompleted: true }), ASOF)
        .eligible,
    ).toBe(true);
  });

  it('counts years since the certificate below to the day: 4 years after 五级 for 四级', () => {
    const exactly = candidateFixture({ occupationYears: 5, certificates: [cert(5, '2021-06-30')] });
    expect(checkEligibility(level(4), exactly, ASOF)).toMatchObject({
      eligible: true,
      evidence: ['五级证书（2021-06-30）'],
    });
    const dayShort = candidateFixture({ occupationYears: 5, certificates: [cert(5, '2021-07-01')] });
    const result = checkEligibility(level(4), dayShort, ASOF);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      '不符合四级的任一申报条件',
      '条件一（取得本职业（或相关职业）五级证书后累计从事本职业工作满 4 年）：取得五级证书 3 年 11 个月，不足 4 年',
      '条件二（累计从事本职业工作满 6 年）：从事本职业 5 年，不足 6 年',
      '条件三（具有技工学校或高级技工学校或技师学院本专业或相关专业毕业证书）：学历不符合',
    ]);
  });

  // It also accepts a related occupation’s certificate when the plan lists it.
  it('admits 四级 after 6 years without a certificate', () => {
    expect(checkEligibility(level(4), candidateFixture({ occupationYears: 6 }), ASOF).eligible).toBe(true);
    const related = candidateFixture({ occupationYears: 4, certificates: [cert(5, '2020-01-01', '6-31-01-05')] });
    expect(checkEligibility(level(4), related, ASOF).eligible).toBe(false);
    const plan = level(4, { eligibility: { relatedOccupations: ['6-31-01-05'] } });
    expect(checkEligibility(plan, related, ASOF).eligible).toBe(true);
  });

  it('requires the relevant major for the education path', () => {
    const school = candidateFixture({ occupationYears: 1, education: 'technical_school' });
    expect(checkEligibility(level(4), school, ASOF).reasons).toContain(
      '条件三（具有技工学校或高级技工学校或技师学院本专业或相关专业毕业证书）：所学专业与本职业不相关',
    );
    expect(checkEligibility(level(4), { ...school, educationMajorRelevant: true }, ASOF).eligible).toBe(true);
  });

  it('checks working age, retirement age by sex, pension months and dispatched workers’ year', () => {
    const young = candidateFixture({ idNumber: idNumberFor('20090701', 'male') }); // 15 on 2025-06-30
    expect(checkEligibility(level(5), young, ASOF).reasons).toEqual(['年龄 15 周岁，未满 16 周岁（法定劳动年龄）']);
    const retiring = candidateFixture({ idNumber: idNumberFor('19750630', 'female') }); // 50 that day
    expect(checkEligibility(level(5), retiring, ASOF).reasons).toEqual(['年龄 50 周岁，已达到退休年龄 50 周岁']);
    const later = level(5, { eligibility: { retirementAge: { male: 60, female: 55 } } });
    expect(checkEligibility(later, retiring, ASOF).eligible).toBe(true);
    const dispatched = candidateFixture({ employment: 'dispatched', enterpriseSince: '2024-08-01', pensionMonths: 11 });
    expect(checkEligibility(level(5), dispatched, ASOF).reasons).toEqual([
      '养老保险缴费 11 个月，不足 12 个月',
      '劳务派遣人员在本企业工作 10 个月，不足 1 年',
    ]);
  });

  it('allows skip-level (越级) to 三级 after 11 years, with proof of the years', () => {
    const veteran = candidateFixture({ occupationYears: 12 });
    const without = checkEligibility(level(3), veteran, ASOF);
    expect(without.eligible).toBe(false);
    expect(without.reasons.at(-1)).toBe('条件四（越级申报：累计从事本职业工作满 11 年）：缺少证明材料：工作年限证明');
    const proved = checkEligibility(level(3), { ...veteran, evidence: [{ kind: 'work_years', ref: 'doc-17' }] }, ASOF);
    expect(proved).toMatchObject({ eligible: true, path: { kind: 'skip_level' }, evidence: ['工作年限证明：doc-17'] });
  });

  it('allows exceptional promotion (破格) to 技师 with a city award, to 高级技师 only with a provincial one', () => {
    const cityAward = candidateFixture({ awards: [{ name: '市级技术能手', scope: 'city', evidence: 'award-3' }] });
    expect(checkEligibility(level(2), cityAward, ASOF)).toMatchObject({
      eligible: true,
      path: { kind: 'exceptional' },
      evidence: ['市级技术能手：award-3'],
    });
    const top = checkEligibility(level(1), cityAward, ASOF);
    expect(top.eligible).toBe(false);
    expect(top.reasons).toContain(
      '条件二（破格申报：获得省部级及以上劳动奖章、劳动模范、技术能手、技能竞赛前三名等荣誉或重大技术成果）：' +
        '无符合破格条件的荣誉或成果',
    );
  });

  it('uses the plan’s own paths instead of the defaults', () => {
    const paths: EligibilityPathInput[] = [{ conditions: [{ kind: 'occupation_years', min: 3 }] }];
    const plan = level(4, { eligibility: { paths } });
    expect(checkEligibility(plan, candidateFixture({ occupationYears: 3 }), ASOF).eligible).toBe(true);
    expect(assessmentPlan.parse(plan).eligibility.paths).toHaveLength(1);
  });

  it('rejects a candidate record with a bad ID number, saying why', () => {
    expect(() => candidateFixture({ idNumber: '110105194912310021' })).toThrow('身份证号校验位不正确');
  });

  it('describes the default paths of every level in Chinese', () => {
    expect(defaultEligibilityPaths(1).map(describePath)).toEqual([
      '取得本职业（或相关职业）二级证书后累计从事本职业工作满 4 年',
      '破格申报：获得省部级及以上劳动奖章、劳动模范、技术能手、技能竞赛前三名等荣誉或重大技术成果',
    ]);
    expect(defaultEligibilityPaths(3)).toHaveLength(4);
  });
});
