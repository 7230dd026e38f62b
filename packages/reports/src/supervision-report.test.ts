import ExcelJS from 'exceljs';
import {
  externalSupervisionReportInput,
  SUPERVISION_CRITERIA,
  supervisionReportInput,
  type SupervisionAnswer,
} from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { externalSupervisionReport, supervisionReport } from './index.ts';
import { header } from './testing/batch-fixture.ts';

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const cell = (sheet: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = sheet.getRow(r).getCell(c).value;
  return v === null || v === undefined ? '' : String(v);
};

/** The row whose first cell starts with `text`. */
function rowOf(sheet: ExcelJS.Worksheet, text: string, col = 1): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (cell(sheet, r, col).startsWith(text)) return r;
  throw new Error(`no row starting with ${text}`);
}

const best = (): Record<string, SupervisionAnswer> =>
  Object.fromEntries(SUPERVISION_CRITERIA.map((c) => [c.code, c.kind === 'choice' ? 0 : c.items.map((_, i) => i)]));

const report = (answers: Record<string, SupervisionAnswer>, vetoes: string[] = []) =>
  supervisionReportInput.parse({
    supervisedOn: '2025-10-13',
    supervisorUnit: '质量管理部',
    answers,
    vetoes,
    opinion: '考场秩序良好。',
  });

const signers = [
  { name: '钱督导', signedOn: '2025-10-13' },
  { name: '何督导', signedOn: '2025-10-21' },
];

describe('附件2 职业技能等级认定内部督导情况报告', () => {
  it('has the annex’s header grid, the rubric rows with points and scores, 合计, opinion and signatures', async () => {
    const answers = { ...best(), theory_mode: 1, room_setup: [0, 1, 2, 3] };
    const sheet = await sheetOf(
      await supervisionReport({ header, supervisors: ['钱督导', '何督导'], report: report(answers), signers }),
    );
    expect(cell(sheet, 1, 1)).toBe('职业技能等级认定内部督导情况报告');
    expect([cell(sheet, 2, 1), cell(sheet, 2, 2), cell(sheet, 2, 3), cell(sheet, 2, 4)]).toEqual([
      '被督导单位',
      '浙江南浔电机有限公司',
      '督导人员姓名',
      '钱督导、何督导',
    ]);
    expect([cell(sheet, 3, 1), cell(sheet, 3, 2), cell(sheet, 3, 3), cell(sheet, 3, 4)]).toEqual([
      '督导时间',
      '2025年10月13日',
      '督导员工作单位',
      '质量管理部',
    ]);
    expect([cell(sheet, 4, 1), cell(sheet, 4, 2), cell(sheet, 4, 3), cell(sheet, 4, 4)]).toEqual([
      '认定职业（工种）',
      '电工（维修电工）',
      '认定等级',
      '三级/高级工',
    ]);
    const h = rowOf(sheet, '核心指标');
    expect([1, 2, 3, 4, 5].map((c) => cell(sheet, h, c))).toEqual(['核心指标', '分项指标', '评估标准', '分值', '得分']);
    // 计划执行 spans its two rows; the second row's first cell is part of the merge.
    expect(cell(sheet, h + 1, 1)).toBe('计划执行\n（5分）');
    expect(sheet.getRow(h + 2).getCell(1).isMerged).toBe(true);
    expect([2, 4, 5].map((c) => cell(sheet, h + 1, c))).toEqual(['认定范围、时间', '3', '3']);
    const mode = rowOf(sheet, '理论考核方式', 2);
    expect([cell(sheet, mode, 3), cell(sheet, mode, 4), cell(sheet, mode, 5)]).toEqual([
      '按规定考核方案采用机考（7分）；采用纸笔作答（5分）；未按规定考核方案，随意变更考核方式（0分）。',
      '7',
      '5',
    ]);
    const setup = rowOf(sheet, '考场布置', 2);
    expect(cell(sheet, setup, 3)).toMatch(/^1\.考场内张贴考场规则（2分）；\n2\.张贴考生名单/);
    expect(cell(sheet, setup, 5)).toBe('8');
    const veto = rowOf(sheet, '否决项');
    expect(cell(sheet, veto, 2)).toBe('说明：触犯任何一项即本次内督得分为0，且暂停本次认定。');
    expect([0, 1, 2].map((n) => cell(sheet, veto + n, 5))).toEqual(['', '', '']);
    const total = rowOf(sheet, '合计');
    expect([cell(sheet, total, 1), cell(sheet, total, 2), cell(sheet, total, 5)]).toEqual([
      '合计（100分）',
      '总分',
      String(100 - 2 - 2),
    ]);
    expect(cell(sheet, rowOf(sheet, '内督人员意见'), 2)).toBe('考场秩序良好。');
    const sign = rowOf(sheet, '内督人员签字');
    expect(cell(sheet, sign, 1)).toBe('内督人员签字：钱督导（2025年10月13日）　何督导（2025年10月21日）');
    expect(cell(sheet, sign + 1, 1)).toBe('2025年10月21日');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true });
    expect(sheet.getRow(h).getCell(1).font).toMatchObject({ name: '宋体' });
  });

  it('ticks the veto found and prints 0 as the total', async () => {
    const sheet = await sheetOf(
      await supervisionReport({
        header,
        supervisors: ['钱督导'],
        report: report(best(), ['unfit_rooms']),
        signers: [],
      }),
    );
    const veto = rowOf(sheet, '否决项');
    expect([0, 1, 2].map((n) => cell(sheet, veto + n, 5))).toEqual(['', '✓', '']);
    expect(cell(sheet, veto + 1, 3)).toBe('考场安排、工位数量无法满足实际考核，不符合认定规格与安全要求。');
    expect(cell(sheet, rowOf(sheet, '合计'), 5)).toBe('0');
    expect(cell(sheet, rowOf(sheet, '内督人员签字'), 1)).toBe('内督人员签字：');
  });

  // It also prints a blank report before any.
  it('leaves unassessed scores and the total blank on a partial report', async () => {
    const partial = await sheetOf(
      await supervisionReport({ header, supervisors: [], report: report({ scope: 0 }), signers: [] }),
    );
    expect(cell(partial, rowOf(partial, '合计'), 5)).toBe('');
    expect(cell(partial, rowOf(partial, '成绩录入', 2), 5)).toBe('');
    const blank = await sheetOf(await supervisionReport({ header, supervisors: [], report: undefined, signers: [] }));
    expect(cell(blank, 3, 2)).toBe('年    月    日');
    expect(cell(blank, rowOf(blank, '计划执行'), 5)).toBe('');
  });
});

describe('附件3 技能人才评价专家资格认定外督情况登记表', () => {
  it('draws its own header grid and veto words on the same rubric table, 合计 0 on a veto, both signature lines', async () => {
    const sheet = await sheetOf(
      await externalSupervisionReport({
        header,
        externalSupervisors: ['外督甲'],
        report: externalSupervisionReportInput.parse({
          supervisedOn: '2025-10-13',
          supervisorUnit: '湖州市职业技能鉴定中心',
          vetoes: ['disorder'],
          opinion: '考场秩序混乱。',
        }),
        internalSigners: [{ name: '钱督导', signedOn: '2025-10-13' }],
        externalSigners: [{ name: '外督甲', signedOn: '2025-10-14' }],
      }),
    );
    expect(cell(sheet, 1, 1)).toBe('技能人才评价专家资格认定外督情况登记表（试行）');
    expect([cell(sheet, 4, 1), cell(sheet, 4, 2), cell(sheet, 4, 3), cell(sheet, 4, 4)]).toEqual([
      '外督人员',
      '外督甲',
      '督导人员工作单位',
      '湖州市职业技能鉴定中心',
    ]);
    const veto = rowOf(sheet, '否决项');
    expect([cell(sheet, veto, 2), cell(sheet, veto, 4)]).toEqual(['发生任何一项当次外督得分为0分', '在栏目后打钩']);
    expect(cell(sheet, veto + 1, 5)).toBe('✓');
    expect(cell(sheet, veto, 5)).toBe('');
    const total = rowOf(sheet, '合计');
    expect([cell(sheet, total, 1), cell(sheet, total, 2), cell(sheet, total, 5)]).toEqual([
      '合计（100分）',
      '得分',
      '0',
    ]);
    expect(cell(sheet, total + 1, 1)).toBe('意见建议或其他问题说明');
    expect(cell(sheet, total + 3, 1)).toBe('内督人员签名：钱督导（2025年10月13日）');
    expect(cell(sheet, total + 4, 1)).toBe('外督人员签名：外督甲（2025年10月14日）');
    // No date line under the signatures, unlike 附件2.
    expect(sheet.rowCount).toBe(total + 4);
  });
});
