import { ASSESSMENT_METHOD_NAMES, type AssessmentPlan } from '@kaowu/domain';
import { chineseDate, type Decision } from '@kaowu/grading';
import { identityCells, levelText, occupationText, resultText, withDecisions } from './batch.ts';
import type { BatchHeader, CandidateRow } from './batch.ts';
import { ReportSheet, column, scoreColumn, textColumn, type CellValue, type Column } from './layout.ts';

export const SCORE_EXPORT_TITLE = '职业技能等级认定成绩明细';

/**
 * The administrators' full export: every component of the plan with its weight (— where an elective was
 * not taken, 缺考 where absent), the composite, the result and, for fails and pending, the reasons in words.
 * Not for publication.
 */
export async function scoreExportReport(
  header: BatchHeader,
  plan: AssessmentPlan,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
): Promise<Uint8Array> {
  const componentColumns = plan.components.map((c) =>
    scoreColumn(`${c.name}（${c.weight}%${c.group === undefined ? '' : '，选考'}）`, 12),
  );
  const columns: Column[] = [
    column('序号', 6),
    column('准考证号码', 16),
    column('姓名', 10),
    column('身份证号码', 21),
    textColumn('所在单位', 20),
    ...componentColumns,
    scoreColumn('综合成绩', 10),
    column('认定结果', 12),
    textColumn('说明', 48),
  ];
  const table = new ReportSheet(header, '成绩明细', columns);
  const componentCell = (decision: Decision | undefined, code: string): CellValue => {
    const line = decision?.components.find((c) => c.code === code);
    if (line === undefined) return decision === undefined ? null : '—';
    return line.state === 'absent' ? '缺考' : line.score;
  };
  return table
    .title(SCORE_EXPORT_TITLE)
    .fields([
      { text: `企业名称：${header.enterpriseName}`, span: 5 },
      { text: `认定计划号：${header.planNumber}`, span: columns.length - 5 },
    ])
    .fields([
      { text: `认定职业（工种）：${occupationText(header)}    等级：${levelText(header)}`, span: 5 },
      {
        text:
          `认定方式：${ASSESSMENT_METHOD_NAMES[plan.method]}    综合合格线：${plan.compositePassLine ?? '不设'}    ` +
          `导出日期：${chineseDate(header.date)}`,
        span: columns.length - 5,
      },
    ])
    .tableHeader()
    .rows(
      withDecisions(rows, decisions).map(({ row, decision }, i) => [
        ...identityCells(row, i),
        ...plan.components.map((c) => componentCell(decision, c.code)),
        decision?.composite ?? null,
        resultText(decision),
        // A pass needs no explaining in a table of thousands; fails and pending lines say why.
        decision === undefined || decision.outcome === 'pass' ? '' : decision.reasons.join('；'),
      ]),
      { autoHeight: true },
    )
    .finish();
}
