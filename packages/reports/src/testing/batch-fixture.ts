/** A deterministic batch for tests and the bench: a modular 三级 plan, n candidates, their decisions. */
import type { AssessmentPlan } from '@kaowu/domain';
import {
  decideAll,
  publicityWindow,
  type CandidateResults,
  type ComponentResult,
  type Decision,
  type PublicityWindow,
} from '@kaowu/grading';
import { idNumberFor as gradingIdNumberFor, modularPlanFixture } from '@kaowu/grading/testing';
import type { BatchHeader, CandidateRow } from '../batch.ts';

/** The Nanxun enterprise's area code (330503) on every test ID number. */
export const idNumberFor = (birth: string, sex: 'male' | 'female', serial = 12): string =>
  gradingIdNumberFor(birth, sex, serial, '330503');

export const header: BatchHeader = {
  enterpriseName: '浙江南浔电机有限公司',
  planNumber: 'RD2025-033-001',
  occupationName: '电工',
  trade: '维修电工',
  level: 3,
  date: '2025-10-13',
  contact: { name: '陈考务', phone: '0572-3012345' },
};

/** The modular 三级 plan every grading test uses too. */
export const plan: AssessmentPlan = modularPlanFixture();

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '海峰', '丽', '志强', '晓东', '秀英', '伟', '欧阳明'];
const UNITS = ['电机一分厂', '电机二分厂', '设备动力部', '质量管理部'];

export function candidateRows(n: number): CandidateRow[] {
  return Array.from({ length: n }, (_, i) => {
    const birth = `${1970 + (i % 30)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
    return {
      id: `c${i + 1}`,
      name: i === 0 ? '张三丰' : `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
      idNumber:
        i === 0 ? idNumberFor('19900515', 'female', 34) : idNumberFor(birth, i % 2 === 0 ? 'male' : 'female', i),
      unit: UNITS[i % UNITS.length] ?? '',
      education: i % 3 === 0 ? 'technician_college' : 'senior_secondary',
      occupationYears: 5 + (i % 20),
      ticket: `2025033${String(i + 1).padStart(5, '0')}`,
      certificateNumber: `Y000033123456253${String(i + 1).padStart(6, '0')}`,
    };
  });
}

/** Scores vary with the index; every 7th candidate fails theory, every 50th is absent from the skill module. */
export function candidateResults(rows: readonly CandidateRow[]): CandidateResults[] {
  return rows.map((row, i): CandidateResults => {
    const s = (base: number, k: number): ComponentResult => ({
      status: 'scored',
      score: Math.min(100, base + ((i * k) % 30)) + (i % 10) / 10,
    });
    return {
      candidateId: row.id,
      electives: { enterprise: i % 2 === 0 ? ['plc', 'motor'] : ['motor', 'cable'] },
      scores: {
        theory: i % 7 === 3 ? { status: 'scored', score: 58 } : s(62, 7),
        skill: i % 50 === 49 ? { status: 'absent' } : s(65, 11),
        plc: s(60, 13),
        motor: s(61, 3),
        cable: s(63, 5),
      },
    };
  });
}

export function batch(n: number): { rows: CandidateRow[]; decisions: Decision[]; window: PublicityWindow } {
  const rows = candidateRows(n);
  const decisions = decideAll(plan, candidateResults(rows));
  const window = publicityWindow('2025-09-26');
  if (!window.ok) throw new Error(window.error.zh);
  return { rows, decisions, window: window.value };
}
