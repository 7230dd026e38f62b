import {
  criterionStandard,
  EXTERNAL_SUPERVISION_INDICATORS,
  EXTERNAL_SUPERVISION_MAX,
  EXTERNAL_SUPERVISION_TITLE,
  EXTERNAL_SUPERVISION_VETOES,
  scoreExternalSupervision,
  type SupervisionReport,
} from '@kaowu/domain';
import { chineseDate } from '@kaowu/grading';
import { levelText, occupationText, type BatchHeader } from './batch.ts';
import { ReportSheet, column, textColumn, type CellValue } from './layout.ts';
import type { SupervisionSigner } from './supervision-report.ts';

export interface ExternalSupervisionReportInput {
  readonly header: BatchHeader;
  readonly externalSupervisors: readonly string[];
  readonly report: SupervisionReport | undefined;
  readonly internalSigners: readonly SupervisionSigner[];
  readonly externalSigners: readonly SupervisionSigner[];
}

const signedText = (signers: readonly SupervisionSigner[]): string =>
  signers.map((s) => `${s.name}（${chineseDate(s.signedOn)}）`).join('　');

/**
 * 附件3 技能人才评价专家资格认定外督情况登记表（试行）: its header grid, the rubric with points and scores (核心指标
 * merged down), the veto items with ✓, 合计, the opinion, and both supervisors' signatures (内督人员, 外督人员).
 */
export async function externalSupervisionReport(input: ExternalSupervisionReportInput): Promise<Uint8Array> {
  const { header, report } = input;
  const table = new ReportSheet(header, '外督情况登记表', [
    column('核心指标', 13),
    column('分项指标', 16),
    textColumn('评估标准', 58),
    column('分值', 9),
    column('得分', 9),
  ]);
  table.sheet.pageSetup.orientation = 'portrait';
  const score = report === undefined ? undefined : scoreExternalSupervision(report);
  const grid = { border: true, height: 30 };
  table
    .title(EXTERNAL_SUPERVISION_TITLE)
    .fields(
      [
        { text: '受督导单位', span: 1, align: 'center' },
        { text: header.enterpriseName, span: 1 },
        { text: '督导时间', span: 1, align: 'center' },
        { text: report ? chineseDate(report.supervisedOn) : '年    月    日', span: 2 },
      ],
      grid,
    )
    .fields(
      [
        { text: '职业（工种）', span: 1, align: 'center' },
        { text: occupationText(header), span: 1 },
        { text: '评价专家类型/等级', span: 1, align: 'center' },
        { text: levelText(header), span: 2 },
      ],
      grid,
    )
    .fields(
      [
        { text: '外督人员', span: 1, align: 'center' },
        { text: input.externalSupervisors.join('、'), span: 1 },
        { text: '督导人员工作单位', span: 1, align: 'center' },
        { text: report?.supervisorUnit ?? '', span: 2 },
      ],
      grid,
    )
    .tableHeader();
  for (const indicator of EXTERNAL_SUPERVISION_INDICATORS) {
    const first = table.sheet.rowCount + 1;
    const scored = score?.indicators.find((i) => i.code === indicator.code);
    table.rows(
      indicator.criteria.map((c, n): CellValue[] => [
        n === 0 ? `${indicator.name}\n（${indicator.max}分）` : null,
        c.name,
        criterionStandard(c),
        c.max,
        scored?.criteria.find((s) => s.code === c.code)?.score ?? null,
      ]),
      { autoHeight: true },
    );
    if (indicator.criteria.length > 1) table.sheet.mergeCells(first, 1, first + indicator.criteria.length - 1, 1);
  }
  const vetoStart = table.sheet.rowCount + 1;
  table.rows(
    EXTERNAL_SUPERVISION_VETOES.map((v, n): CellValue[] => [
      n === 0 ? '否决项' : null,
      n === 0 ? '发生任何一项当次外督得分为0分' : null,
      v.text,
      n === 0 ? '在栏目后打钩' : null,
      report?.vetoes.includes(v.code) ? '✓' : null,
    ]),
    { autoHeight: true },
  );
  for (const col of [1, 2, 4])
    table.sheet.mergeCells(vetoStart, col, vetoStart + EXTERNAL_SUPERVISION_VETOES.length - 1, col);
  const totalRow = table.sheet.rowCount + 1;
  table.rows([[`合计（${EXTERNAL_SUPERVISION_MAX}分）`, '得分', null, null, score?.complete ? score.total : null]]);
  table.sheet.mergeCells(totalRow, 2, totalRow, 4);
  const opinionRow = table.sheet.rowCount + 1;
  table.rows([['意见建议或其他问题说明', report?.opinion ?? '', null, null, null]]);
  table.sheet.mergeCells(opinionRow, 2, opinionRow, 5);
  table.sheet.getRow(opinionRow).height = 90;
  return table
    .blank()
    .line(`内督人员签名：${signedText(input.internalSigners)}`, { height: 30 })
    .line(`外督人员签名：${signedText(input.externalSigners)}`, { height: 30 })
    .finish();
}
