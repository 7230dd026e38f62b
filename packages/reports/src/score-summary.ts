import { chineseDate, type Decision } from '@kaowu/grading';
import { identityCells, levelText, occupationText, resultText, withDecisions } from './batch.ts';
import type { BatchHeader, CandidateRow } from './batch.ts';
import { ReportSheet, column, scoreColumn, textColumn } from './layout.ts';

export const SCORE_SUMMARY_TITLE = '职业技能等级认定实操（综合成绩汇总表）';

/**
 * 附件1 职业技能等级认定实操（综合成绩汇总表）, Nanxun 浔人社发〔2023〕5号: the annex's header, its eight
 * columns exactly (it has no theory column), and the panel's signature lines.
 */
export async function scoreSummaryReport(
  header: BatchHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
): Promise<Uint8Array> {
  const table = new ReportSheet(header, '综合成绩汇总表', [
    column('序号', 6),
    column('准考证号码', 18),
    column('姓名', 10),
    column('身份证号码', 22),
    textColumn('所在单位', 26),
    scoreColumn('实操成绩', 10),
    scoreColumn('综合成绩', 10),
    column('备注', 16),
  ]);
  return table
    .title(SCORE_SUMMARY_TITLE)
    .fields([
      { text: `企业名称（盖章）：${header.enterpriseName}`, span: 5 },
      { text: `日期：${chineseDate(header.date)}`, span: 3 },
    ])
    .fields([
      { text: `认定职业（工种）：${occupationText(header)}`, span: 5 },
      { text: `等级：${levelText(header)}`, span: 3 },
    ])
    .fields([{ text: `认定计划号：${header.planNumber}`, span: 8 }])
    .tableHeader()
    .rows(
      withDecisions(rows, decisions).map(({ row, decision }, i) => [
        ...identityCells(row, i),
        decision?.practicalScore ?? null,
        decision?.composite ?? null,
        resultText(decision),
      ]),
    )
    .line('考评组长（签字）：', { border: true, height: 36 })
    .line('考评组成员（签字）：', { border: true, height: 48 })
    .line('年    月    日', { border: true, align: 'right' })
    .blank()
    .line(`考务联系人：${header.contact?.name ?? ''}          联系方式：${header.contact?.phone ?? ''}`)
    .finish();
}
