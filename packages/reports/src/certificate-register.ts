import { EDUCATION_NAMES, LEVELS } from '@kaowu/domain';
import { chineseDate, type Decision } from '@kaowu/grading';
import { fromIdNumber, withDecisions, type BatchHeader, type CandidateRow } from './batch.ts';
import { ReportSheet, column, scoreColumn, textColumn } from './layout.ts';

export const certificateRegisterTitle = (header: BatchHeader): string =>
  `${header.enterpriseName}职业技能等级证书核发登记表`;

/**
 * 附件5 职业技能等级证书核发登记表: one line per candidate who passed, sex and birth month read from the
 * ID number, and the three signatures (填表人, 复核人, 审核人).
 */
export async function certificateRegisterReport(
  header: BatchHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
): Promise<Uint8Array> {
  const table = new ReportSheet(header, '证书核发登记表', [
    column('序号', 6),
    column('姓名', 10),
    column('性别', 6),
    column('出生年月', 10),
    column('文化程度', 12),
    column('身份证号', 22),
    textColumn('所在单位或住址', 26),
    column('专业工龄', 8),
    scoreColumn('理论成绩', 9),
    scoreColumn('实操成绩', 9),
    column('证书编号', 26),
  ]);
  const passed = withDecisions(rows, decisions).filter(({ decision }) => decision?.outcome === 'pass');
  return table
    .title(certificateRegisterTitle(header))
    .fields([
      { text: `填表单位（盖章）：${header.enterpriseName}`, span: 4 },
      { text: `工种：${header.trade ?? header.occupationName}`, span: 3 },
      { text: `等级：${LEVELS[header.level].name}`, span: 2 },
      { text: `填表时间：${chineseDate(header.date)}`, span: 2 },
    ])
    .tableHeader()
    .rows(
      passed.map(({ row, decision }, i) => {
        const { sex, birthMonth } = fromIdNumber(row.idNumber);
        return [
          i + 1,
          row.name,
          sex,
          birthMonth,
          EDUCATION_NAMES[row.education],
          row.idNumber,
          row.address ? `${row.unit}（${row.address}）` : row.unit,
          row.occupationYears,
          decision?.theoryScore ?? null,
          decision?.practicalScore ?? null,
          row.certificateNumber ?? '',
        ];
      }),
    )
    .blank()
    .fields([
      { text: '填表人（签字）：', span: 4 },
      { text: '复核人（签字）：', span: 4 },
      { text: '审核人（签字）：', span: 3 },
    ])
    .finish();
}
