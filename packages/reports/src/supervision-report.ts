import {
  criterionStandard,
  scoreSupervision,
  SUPERVISION_INDICATORS,
  SUPERVISION_MAX,
  SUPERVISION_REPORT_TITLE,
  SUPERVISION_VETO_NOTE,
  SUPERVISION_VETOES,
  type SupervisionReport,
} from '@kaowu/domain';
import { chineseDate } from '@kaowu/grading';
import { levelText, occupationText, type BatchHeader } from './batch.ts';
import { ReportSheet, column, textColumn, type CellValue } from './layout.ts';

export { SUPERVISION_REPORT_TITLE };

export interface SupervisionSigner {
  readonly name: string;
  /** The day signed (China date), YYYY-MM-DD. */
  readonly signedOn: string;
}

export interface SupervisionReportInput {
  readonly header: BatchHeader;
  /** 督导人员姓名: the batch's supervisors. */
  readonly supervisors: readonly string[];
  /** undefined: nothing recorded yet, the blank report to fill by hand. */
  readonly report: SupervisionReport | undefined;
  readonly signers: readonly SupervisionSigner[];
  /**
   * What the exam-day records say about 计划执行: rooms opened with an administrator's written reason (the plan
   * filed late, the candidate list's publicity not ended), printed under the indicator for the supervisors.
   */
  readonly planNotes?: readonly string[] | undefined;
}

const blankDate = '年    月    日';
const STANDARD_WIDTH = 58;

/**
 * A row height that shows all of a wrapped text: spreadsheet programs do not grow a row for wrapped text on
 * opening, so the lines are counted here (a CJK character takes about two width units, a line 15 points).
 */
function fitHeight(text: string, width: number): number {
  const lines = text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(([...line].length * 2) / (width - 2))), 0);
  return Math.max(24, lines * 15 + 6);
}

/**
 * 附件2 职业技能等级认定内部督导情况报告: the header grid, the rubric with each criterion's points and score
 * (核心指标 merged down its rows as in the annex), the veto items with ✓, 合计, the supervisors' opinion and
 * their signatures. 合计 stays blank until the report is complete (a veto completes it at 0).
 */
export async function supervisionReport(input: SupervisionReportInput): Promise<Uint8Array> {
  const { header, report } = input;
  const table = new ReportSheet(header, '内部督导情况报告', [
    column('核心指标', 13),
    column('分项指标', 16),
    textColumn('评估标准', STANDARD_WIDTH),
    column('分值', 9),
    column('得分', 9),
  ]);
  // The annex is a portrait report, unlike the candidate lists.
  table.sheet.pageSetup.orientation = 'portrait';
  const score = report === undefined ? undefined : scoreSupervision(report);
  const grid = { border: true, height: 30 };
  table
    .title(SUPERVISION_REPORT_TITLE)
    .fields(
      [
        { text: '被督导单位', span: 1, align: 'center' },
        { text: header.enterpriseName, span: 1 },
        { text: '督导人员姓名', span: 1, align: 'center' },
        { text: input.supervisors.join('、'), span: 2 },
      ],
      grid,
    )
    .fields(
      [
        { text: '督导时间', span: 1, align: 'center' },
        { text: report ? chineseDate(report.supervisedOn) : blankDate, span: 1 },
        { text: '督导员工作单位', span: 1, align: 'center' },
        { text: report?.supervisorUnit ?? '', span: 2 },
      ],
      grid,
    )
    .fields(
      [
        { text: '认定职业（工种）', span: 1, align: 'center' },
        { text: occupationText(header), span: 1 },
        { text: '认定等级', span: 1, align: 'center' },
        { text: levelText(header), span: 2 },
      ],
      grid,
    )
    .tableHeader();

  for (const indicator of SUPERVISION_INDICATORS) {
    const first = table.sheet.rowCount + 1;
    const scored = score?.indicators.find((i) => i.code === indicator.code);
    table.rows(
      indicator.criteria.map((c, n): CellValue[] => [
        n === 0 ? `${indicator.name}\n（${indicator.max}分）` : null,
        c.name,
        criterionStandard(c),
        c.max,
        scored?.criteria[n]?.score ?? null,
      ]),
      { autoHeight: true },
    );
    indicator.criteria.forEach((c, n) => {
      table.sheet.getRow(first + n).height = fitHeight(criterionStandard(c), STANDARD_WIDTH);
    });
    let rows = indicator.criteria.length;
    if (indicator.code === 'plan' && input.planNotes !== undefined && input.planNotes.length > 0) {
      const text = input.planNotes.join('\n');
      table.rows([[null, '执行记录', text, null, null]], { autoHeight: true });
      table.sheet.mergeCells(first + rows, 3, first + rows, 5);
      table.sheet.getRow(first + rows).height = fitHeight(text, STANDARD_WIDTH + 18);
      rows++;
    }
    mergeDown(table, first, rows, 1);
  }

  const vetoStart = table.sheet.rowCount + 1;
  table.rows(
    SUPERVISION_VETOES.map((v, n): CellValue[] => [
      n === 0 ? '否决项' : null,
      n === 0 ? SUPERVISION_VETO_NOTE : null,
      v.text,
      n === 0 ? '涉及否决项在栏目后打钩。' : null,
      report?.vetoes.includes(v.code) ? '✓' : null,
    ]),
    { autoHeight: true },
  );
  for (const col of [1, 2, 4]) mergeDown(table, vetoStart, SUPERVISION_VETOES.length, col);
  SUPERVISION_VETOES.forEach((v, n) => {
    table.sheet.getRow(vetoStart + n).height = Math.max(fitHeight(v.text, STANDARD_WIDTH), 40);
  });

  const totalRow = table.sheet.rowCount + 1;
  table.rows([[`合计（${SUPERVISION_MAX}分）`, '总分', null, null, score?.complete ? score.total : null]]);
  table.sheet.mergeCells(totalRow, 2, totalRow, 4);

  const opinionRow = table.sheet.rowCount + 1;
  table.rows([['内督人员意见或其他问题说明', report?.opinion ?? '', null, null, null]]);
  table.sheet.mergeCells(opinionRow, 2, opinionRow, 5);
  table.sheet.getRow(opinionRow).getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  table.sheet.getRow(opinionRow).height = 90;

  const signed = input.signers.map((s) => `${s.name}（${chineseDate(s.signedOn)}）`).join('　');
  const lastDay = input.signers
    .map((s) => s.signedOn)
    .sort()
    .at(-1);
  return table
    .blank()
    .line(`内督人员签字：${signed}`, { height: 36 })
    .line(lastDay ? chineseDate(lastDay) : blankDate, { align: 'right' })
    .finish();
}

/** Merges `rows` cells of column `col` from row `from` down, as the annex draws 核心指标 and 否决项. */
function mergeDown(table: ReportSheet, from: number, rows: number, col: number): void {
  if (rows > 1) table.sheet.mergeCells(from, col, from + rows - 1, col);
}
