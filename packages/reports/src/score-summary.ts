import { chineseDate, type Decision } from '@kaowu/grading';
import { identityCells, levelText, occupationText, resultText, withDecisions } from './batch.ts';
import type { BatchHeader, CandidateRow } from './batch.ts';
import { ReportSheet, newWorkbook, toBytes } from './layout.ts';

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
  const workbook = newWorkbook(header.date);
  const table = new ReportSheet(workbook, '综合成绩汇总表', [
    { header: '序号', width: 6 },
    { header: '准考证号码', width: 18 },
    { header: '姓名', width: 10 },
    { header: '身份证号码', width: 22 },
    { header: '所在单位', width: 26, align: 'left' },
    { header: '实操成绩', width: 10, numFmt: '0.0' },
    { header: '综合成绩', width: 10, numFmt: '0.0' },
    { header: '备注', width: 16 },
  ]);
  table
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
  return toBytes(workbook);
}
