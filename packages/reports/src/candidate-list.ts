import type { PublicityWindow } from '@kaowu/grading';
import { levelText, occupationText, type BatchHeader } from './batch.ts';
import { column, textColumn } from './layout.ts';
import { publicNoticeReport } from './publicity-list.ts';

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
  const occupation = occupationText(header);
  const level = levelText(header);
  return publicNoticeReport(header, {
    title: candidateListTitle(header),
    sheetName: '考生名单',
    columns: [
      column('序号', 6),
      column('准考证号码', 16),
      column('姓名', 10),
      column('身份证号码', 22),
      textColumn('所在单位', 26),
      column('认定职业（工种）', 20),
      column('等级', 14),
    ],
    rows: lines.map((l, i) => [i + 1, l.ticket, l.name, l.idNumber, l.unit, occupation, level]),
    planSpan: 3,
    window,
    objectionAbout: '对上述人员的申报资格有异议',
  });
}
