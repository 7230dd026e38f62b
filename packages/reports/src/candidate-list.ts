import { chineseDate, type PublicityWindow } from '@kaowu/grading';
import { levelText, occupationText, publicityPeriodText, type BatchHeader } from './batch.ts';
import { ReportSheet, column, textColumn } from './layout.ts';

export const candidateListTitle = (header: BatchHeader): string =>
  `${header.enterpriseName}职业技能等级认定考生名单公示`;

/** A line of the published candidate list, already masked by the caller's settings. */
export interface CandidateListEntry {
  readonly ticket: string;
  readonly name: string;
  readonly idNumber: string;
  readonly unit: string;
}

/** 职工认定名单公示 (Nanxun): who sits which occupation and level, masked, the window, and whom to object to. */
export async function candidateListReport(
  header: BatchHeader,
  lines: readonly CandidateListEntry[],
  window: PublicityWindow,
): Promise<Uint8Array> {
  const table = new ReportSheet(header, '考生名单', [
    column('序号', 6),
    column('准考证号码', 16),
    column('姓名', 10),
    column('身份证号码', 22),
    textColumn('所在单位', 26),
    column('认定职业（工种）', 20),
    column('等级', 14),
  ]);
  const occupation = occupationText(header);
  const level = levelText(header);
  const objectTo = header.contact
    ? `${header.contact.name}（联系电话：${header.contact.phone}）`
    : '本企业技能等级认定工作机构';
  return table
    .title(candidateListTitle(header))
    .fields([
      { text: `认定计划号：${header.planNumber}`, span: 3 },
      { text: publicityPeriodText(window), span: 4 },
    ])
    .tableHeader()
    .rows(lines.map((l, i) => [i + 1, l.ticket, l.name, l.idNumber, l.unit, occupation, level]))
    .blank()
    .line(`公示期间如对上述人员的申报资格有异议，请向${objectTo}实名反映。`)
    .line('为保护个人信息，姓名和身份证号码已作脱敏处理。')
    .line(`${header.enterpriseName}    ${chineseDate(header.date)}`, { align: 'right' })
    .finish();
}
