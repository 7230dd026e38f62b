/** Builders for tests and benches: valid plans, candidates and ID numbers without copy-paste. */
import {
  assessmentPlan,
  candidate,
  type AssessmentPlan,
  type AssessmentPlanInput,
  type Candidate,
  type CandidateInput,
} from '@kaowu/domain';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID for a birth date (YYYYMMDD) and sex; `serial` varies the sequence digits. */
export function idNumberFor(birth: string, sex: 'male' | 'female', serial = 12, area = '440308'): string {
  const seqDigit = sex === 'male' ? 1 : 2;
  const body = `${area}${birth}${String(serial % 100).padStart(2, '0')}${seqDigit}`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/** The parts of a plan that make its method: which components, weighted how, and which are elective. */
type PlanParts = Pick<AssessmentPlanInput, 'method' | 'components' | 'electiveGroups'>;

/** 考核认定: theory 30 % + practical (skill) 70 %. */
export const ASSESSMENT_PARTS: PlanParts = {
  method: 'assessment',
  components: [
    { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
    { code: 'skill', name: '操作技能', kind: 'practical', weight: 70 },
  ],
};

/** 模块化考核: theory 20, the required skill module 40, two of three enterprise electives at 20 each. */
export const MODULAR_PARTS: PlanParts = {
  method: 'modular',
  components: [
    { code: 'theory', name: '理论知识', kind: 'theory', weight: 20 },
    { code: 'skill', name: '通用技能模块', kind: 'practical', weight: 40 },
    { code: 'plc', name: 'PLC编程模块', kind: 'practical', weight: 20, group: 'enterprise' },
    { code: 'motor', name: '电机检修模块', kind: 'practical', weight: 20, group: 'enterprise' },
    { code: 'cable', name: '电缆敷设模块', kind: 'practical', weight: 20, group: 'enterprise' },
  ],
  electiveGroups: [{ code: 'enterprise', name: '企业选考模块', choose: 2 }],
};

/** 考核认定 of 电工 四级: theory 30 % + practical 70 %, pass lines 60. */
export function assessmentPlanFixture(overrides: Partial<AssessmentPlanInput> = {}): AssessmentPlan {
  return assessmentPlan.parse({
    occupation: { code: '6-31-01-03', name: '电工' },
    level: 4,
    ...ASSESSMENT_PARTS,
    ...overrides,
  });
}

/** 模块化考核 of 电工（维修电工）三级. */
export function modularPlanFixture(overrides: Partial<AssessmentPlanInput> = {}): AssessmentPlan {
  return assessmentPlan.parse({
    occupation: { code: '6-31-01-03', name: '电工', trade: '维修电工' },
    level: 3,
    ...MODULAR_PARTS,
    ...overrides,
  });
}

export function candidateFixture(overrides: Partial<CandidateInput> = {}): Candidate {
  return candidate.parse({
    id: 'c1',
    name: '张三',
    idNumber: idNumberFor('19900515', 'male'),
    unit: '南浔电机有限公司',
    education: 'senior_secondary',
    occupationYears: 8,
    employment: 'employee',
    enterpriseSince: '2015-03-01',
    pensionMonths: 120,
    ...overrides,
  });
}
