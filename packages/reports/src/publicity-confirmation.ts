import { LEVELS } from '@kaowu/domain';
import type { Decision, PublicityWindow } from '@kaowu/grading';
import { publicityPeriodText, withDecisions, type BatchHeader, type CandidateRow } from './batch.ts';
import { ReportSheet, column } from './layout.ts';

export const PUBLICITY_CONFIRMATION_TITLE = '职业技能等级认定公示结果确认单';

/**
 * 附件4 职业技能等级认定公示结果确认单: the batch's identity grid, the people who passed, the annex's
 * sentence with its blanks filled, and the signature of the enterprise's person in charge.
 */
export async function publicityConfirmationReport(
  header: BatchHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
  window: PublicityWindow,
): Promise<Uint8Array> {
  const table = new ReportSheet(header, '公示结果确认单', [
    column('序号', 16),
    column('姓名', 26),
    column('身份证号码', 26),
    column('准考证号码', 26),
  ]);
  const passed = withDecisions(rows, decisions).filter(({ decision }) => decision?.outcome === 'pass');
  const grid = { border: true, height: 26 };
  const trade = header.trade ?? '';
  const levelName = LEVELS[header.level].name;
  return table
    .title(PUBLICITY_CONFIRMATION_TITLE)
    .fields(
      [
        { text: '评价机构名称', span: 1, align: 'center' },
        { text: header.evaluationBody ?? header.enterpriseName, span: 3 },
      ],
      grid,
    )
    .fields(
      [
        { text: '认定计划号', span: 1, align: 'center' },
        { text: header.planNumber, span: 3 },
      ],
      grid,
    )
    .fields(
      [
        { text: '认定职业', span: 1, align: 'center' },
        { text: header.occupationName, span: 1 },
        { text: '认定等级', span: 1, align: 'center' },
        { text: levelName, span: 1 },
      ],
      grid,
    )
    .fields(
      [
        { text: '认定工种', span: 1, align: 'center' },
        { text: trade, span: 3 },
      ],
      grid,
    )
    .tableHeader()
    .rows(passed.map(({ row }, i) => [i + 1, row.name, row.idNumber, row.ticket]))
    .blank()
    .line(
      `以上共 ${passed.length} 名人员，` +
        `通过 ${header.occupationName} 职业 ${trade || '—'} 工种 ${levelName} 等级职业技能等级认定，经公示无异议。`,
      { height: 30 },
    )
    .line(publicityPeriodText(window))
    .blank(24)
    .line('企业技能等级认定负责人（签名）：', { align: 'right', height: 30 })
    .line('企业（盖章）：', { align: 'right', height: 30 })
    .line('年    月    日', { align: 'right' })
    .finish();
}
