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
import { type CellValue, type Column, ReportSheet, column, scoreColumn, textColumn } from './layout.ts';

export const publicityListTitle = (header: BatchHeader): string => `${header.enterpriseName}职业技能等级认定结果公示`;

export interface PublicityListOptions {
  readonly window: PublicityWindow;
  readonly masking?: MaskingSettings | undefined;
}

/** What differs between the two public notices (结果公示, 名单公示); the frame around them is the same. */
export interface PublicNotice {
  readonly title: string;
  readonly sheetName: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly CellValue[])[];
  /** How many columns the plan number takes in the field line; the window takes the rest. */
  readonly planSpan: number;
  readonly window: PublicityWindow;
  /** What an objection may be about: 「公示期间如{about}，请向……实名反映。」 */
  readonly objectionAbout: string;
}

/** One writer for every public notice: masked list, the window, whom to object to, signed and dated. */
export async function publicNoticeReport(header: BatchHeader, notice: PublicNotice): Promise<Uint8Array> {
  const objectTo = header.contact
    ? `${header.contact.name}（联系电话：${header.contact.phone}）`
    : '本企业技能等级认定工作机构';
  return new ReportSheet(header, notice.sheetName, [...notice.columns])
    .title(notice.title)
    .fields([
      { text: `认定计划号：${header.planNumber}`, span: notice.planSpan },
      { text: publicityPeriodText(notice.window), span: notice.columns.length - notice.planSpan },
    ])
    .tableHeader()
    .rows(notice.rows.map((r) => [...r]))
    .blank()
    .line(`公示期间如${notice.objectionAbout}，请向${objectTo}实名反映。`)
    .line('为保护个人信息，姓名和身份证号码已作脱敏处理。')
    .line(`${header.enterpriseName}    ${chineseDate(header.date)}`, { align: 'right' })
    .finish();
}

/** The public list (公示名单): names and ID numbers masked (公示信息脱敏), the window and whom to object to. */
export async function publicityListReport(
  header: BatchHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
  options: PublicityListOptions,
): Promise<Uint8Array> {
  const masking = options.masking ?? DEFAULT_MASKING;
  const occupation = occupationText(header);
  const level = levelText(header);
  return publicNoticeReport(header, {
    title: publicityListTitle(header),
    sheetName: '公示名单',
    columns: [
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
    ],
    rows: withDecisions(rows, decisions).map(({ row, decision }, i) => [
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
    planSpan: 4,
    window: options.window,
    objectionAbout: '有异议',
  });
}
