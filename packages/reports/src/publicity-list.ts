import { DEFAULT_MASKING, maskIdNumber, maskName, type MaskingSettings } from '@kaowu/domain';
import { chineseDate, type Decision, type PublicityWindow } from '@kaowu/grading';
import {
  levelText,
  occupationText,
  publicityPeriodText,
  resultText,
  withDecisions,
  type BatchHeader,
  type CandidateRow,
} from './batch.ts';
import { ReportSheet, column, scoreColumn, textColumn } from './layout.ts';

export const publicityListTitle = (header: BatchHeader): string => `${header.enterpriseName}职业技能等级认定结果公示`;

export interface PublicityListOptions {
  readonly window: PublicityWindow;
  readonly masking?: MaskingSettings | undefined;
}

/** The public list (公示名单): names and ID numbers masked (公示信息脱敏), the window and whom to object to. */
export async function publicityListReport(
  header: BatchHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
  options: PublicityListOptions,
): Promise<Uint8Array> {
  const masking = options.masking ?? DEFAULT_MASKING;
  const { window } = options;
  const table = new ReportSheet(header, '公示名单', [
    column('序号', 6),
    column('姓名', 10),
    column('身份证号码', 22),
    textColumn('所在单位', 26),
    column('认定职业（工种）', 20),
    column('等级', 14),
    scoreColumn('理论成绩', 9),
    scoreColumn('实操成绩', 9),
    scoreColumn('综合成绩', 9),
    column('认定结果', 12),
  ]);
  const occupation = occupationText(header);
  const level = levelText(header);
  const objectTo = header.contact
    ? `${header.contact.name}（联系电话：${header.contact.phone}）`
    : '本企业技能等级认定工作机构';
  return table
    .title(publicityListTitle(header))
    .fields([
      { text: `认定计划号：${header.planNumber}`, span: 4 },
      { text: publicityPeriodText(window), span: 6 },
    ])
    .tableHeader()
    .rows(
      withDecisions(rows, decisions).map(({ row, decision }, i) => [
        i + 1,
        maskName(row.name, masking),
        maskIdNumber(row.idNumber, masking),
        row.unit,
        occupation,
        level,
        decision?.theoryScore ?? null,
        decision?.practicalScore ?? null,
        decision?.composite ?? null,
        resultText(decision),
      ]),
    )
    .blank()
    .line(`公示期间如有异议，请向${objectTo}实名反映。`)
    .line('为保护个人信息，姓名和身份证号码已作脱敏处理。')
    .line(`${header.enterpriseName}    ${chineseDate(header.date)}`, { align: 'right' })
    .finish();
}
