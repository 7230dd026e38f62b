import {
  criterionStandard,
  scoreSupervision,
  SUPERVISION_INDICATORS,
  SUPERVISION_MAX,
  SUPERVISION_REPORT_TITLE,
  SUPERVISION_VETO_NOTE,
  SUPERVISION_VETOES,
  type SupervisionIndicator,
  type SupervisionReport,
  type SupervisionScore,
  type SupervisionVeto,
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

/** What differs between the supervision reports (附件2, 附件3); the rubric's table is drawn the same for both. */
export interface RubricReport {
  readonly sheetName: string;
  readonly title: string;
  /** The header grid above the rubric: lines of label, value, label, value. */
  readonly headerGrid: readonly (readonly [string, string, string, string])[];
  readonly indicators: readonly SupervisionIndicator[];
  readonly vetoes: readonly SupervisionVeto[];
  readonly max: number;
  /** undefined: nothing recorded yet, the blank report to fill by hand. */
  readonly report: SupervisionReport | undefined;
  readonly score: SupervisionScore | undefined;
  /** The veto block's second and fourth columns, as each annex words them. */
  readonly vetoNote: string;
  readonly vetoHint: string;
  readonly totalLabel: string;
  readonly opinionLabel: string;
  /** Lines printed under one indicator (附件2's 计划执行: rooms opened with a written reason). */
  readonly notes?: { readonly indicator: string; readonly lines: readonly string[] } | undefined;
  /** The signature lines below the table, each with its label. */
  readonly signatures: readonly { readonly label: string; readonly signers: readonly SupervisionSigner[] }[];
  /** Print the last signing day under the signatures (附件2). */
  readonly dated?: boolean;
}

const signedText = (signers: readonly SupervisionSigner[]): string =>
  signers.map((s) => `${s.name}（${chineseDate(s.signedOn)}）`).join('　');

/**
 * One writer for a supervision rubric: the header grid, the rubric with each criterion's points and score
 * (核心指标 merged down its rows as in the annexes), the veto items with ✓, 合计, the opinion and the signatures.
 * 合计 stays blank until the report is complete (a veto completes it at 0).
 */
export async function rubricReport(header: BatchHeader, spec: RubricReport): Promise<Uint8Array> {
  const { report, score } = spec;
  const table = new ReportSheet(header, spec.sheetName, [
    column('核心指标', 13),
    column('分项指标', 16),
    textColumn('评估标准', STANDARD_WIDTH),
    column('分值', 9),
    column('得分', 9),
  ]);
  // The annexes are portrait reports, unlike the candidate lists.
  table.sheet.pageSetup.orientation = 'portrait';
  const grid = { border: true, height: 30 };
  table.title(spec.title);
  for (const [label1, value1, label2, value2] of spec.headerGrid)
    table.fields(
      [
        { text: label1, span: 1, align: 'center' },
        { text: value1, span: 1 },
        { text: label2, span: 1, align: 'center' },
        { text: value2, span: 2 },
      ],
      grid,
    );
  table.tableHeader();

  for (const indicator of spec.indicators) {
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
    indicator.criteria.forEach((c, n) => {
      table.sheet.getRow(first + n).height = fitHeight(criterionStandard(c), STANDARD_WIDTH);
    });
    let rows = indicator.criteria.length;
    if (spec.notes?.indicator === indicator.code && spec.notes.lines.length > 0) {
      const text = spec.notes.lines.join('\n');
      table.rows([[null, '执行记录', text, null, null]], { autoHeight: true });
      table.sheet.mergeCells(first + rows, 3, first + rows, 5);
      table.sheet.getRow(first + rows).height = fitHeight(text, STANDARD_WIDTH + 18);
      rows++;
    }
    mergeDown(table, first, rows, 1);
  }

  const vetoStart = table.sheet.rowCount + 1;
  table.rows(
    spec.vetoes.map((v, n): CellValue[] => [
      n === 0 ? '否决项' : null,
      n === 0 ? spec.vetoNote : null,
      v.text,
      n === 0 ? spec.vetoHint : null,
      report?.vetoes.includes(v.code) ? '✓' : null,
    ]),
    { autoHeight: true },
  );
  for (const col of [1, 2, 4]) mergeDown(table, vetoStart, spec.vetoes.length, col);
  spec.vetoes.forEach((v, n) => {
    table.sheet.getRow(vetoStart + n).height = Math.max(fitHeight(v.text, STANDARD_WIDTH), 40);
  });

  const totalRow = table.sheet.rowCount + 1;
  table.rows([[`合计（${spec.max}分）`, spec.totalLabel, null, null, score?.complete ? score.total : null]]);
  table.sheet.mergeCells(totalRow, 2, totalRow, 4);

  const opinionRow = table.sheet.rowCount + 1;
  table.rows([[spec.opinionLabel, report?.opinion ?? '', null, null, null]]);
  table.sheet.mergeCells(opinionRow, 2, opinionRow, 5);
  table.sheet.getRow(opinionRow).getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  table.sheet.getRow(opinionRow).height = 90;

  table.blank();
  for (const { label, signers } of spec.signatures)
    table.line(`${label}：${signedText(signers)}`, { height: spec.dated ? 36 : 30 });
  if (spec.dated) {
    const lastDay = spec.signatures
      .flatMap((s) => s.signers.map((x) => x.signedOn))
      .sort()
      .at(-1);
    table.line(lastDay ? chineseDate(lastDay) : blankDate, { align: 'right' });
  }
  return table.finish();
}

/**
 * 附件2 职业技能等级认定内部督导情况报告: the header grid, the rubric with each criterion's points and score
 * (核心指标 merged down its rows as in the annex), the veto items with ✓, 合计, the supervisors' opinion and
 * their signatures. 合计 stays blank until the report is complete (a veto completes it at 0).
 */
export async function supervisionReport(input: SupervisionReportInput): Promise<Uint8Array> {
  const { header, report } = input;
  return rubricReport(header, {
    sheetName: '内部督导情况报告',
    title: SUPERVISION_REPORT_TITLE,
    headerGrid: [
      ['被督导单位', header.enterpriseName, '督导人员姓名', input.supervisors.join('、')],
      [
        '督导时间',
        report ? chineseDate(report.supervisedOn) : blankDate,
        '督导员工作单位',
        report?.supervisorUnit ?? '',
      ],
      ['认定职业（工种）', occupationText(header), '认定等级', levelText(header)],
    ],
    indicators: SUPERVISION_INDICATORS,
    vetoes: SUPERVISION_VETOES,
    max: SUPERVISION_MAX,
    report,
    score: report === undefined ? undefined : scoreSupervision(report),
    vetoNote: SUPERVISION_VETO_NOTE,
    vetoHint: '涉及否决项在栏目后打钩。',
    totalLabel: '总分',
    opinionLabel: '内督人员意见或其他问题说明',
    notes: input.planNotes === undefined ? undefined : { indicator: 'plan', lines: input.planNotes },
    signatures: [{ label: '内督人员签字', signers: input.signers }],
    dated: true,
  });
}

/** Merges `rows` cells of column `col` from row `from` down, as the annex draws 核心指标 and 否决项. */
function mergeDown(table: ReportSheet, from: number, rows: number, col: number): void {
  if (rows > 1) table.sheet.mergeCells(from, col, from + rows - 1, col);
}
