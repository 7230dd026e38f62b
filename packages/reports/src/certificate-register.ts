import { EDUCATION_NAMES, LEVELS } from '@kaowu/domain';
import { chineseDate, type Decision } from '@kaowu/grading';
import { fromIdNumber, withDecisions, type BatchHeader, type CandidateRow } from './batch.ts';
import { ReportSheet, newWorkbook, toBytes } from './layout.ts';

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
  const workbook = newWorkbook(header.date);
  const table = new ReportSheet(workbook, '证书核发登记表', [
    { header: '序号', width: 6 },
    { header: '姓名', width: 10 },
    { header: '性别', width: 6 },
    { header: '出生年月', width: 10 },
    { header: '文化程度', width: 12 },
    { header: '身份证号', width: 22 },
    { header: '所在单位或住址', width: 26, align: 'left' },
    { header: '专业工龄', width: 8 },
    { header: '理论成绩', width: 9, numFmt: '0.0' },
    { header: '实操成绩', width: 9, numFmt: '0.0' },
    { header: '证书编号', width: 26 },
  ]);
  const passed = withDecisions(rows, decisions).filter(({ decision }) => decision?.outcome === 'pass');
  table
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
  return toBytes(workbook);
}
