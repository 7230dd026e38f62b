import ExcelJS from 'exceljs';
import { DECISION_OUTCOME_NAMES, levelLabel, type Decision } from '@kaowu/domain';
import { fromIdNumber, occupationText, type BatchHeader, type CandidateRow } from './batch.ts';

/** One certified person as the filing forms and the provincial upload file take them. */
export interface CertificateLine {
  readonly row: CandidateRow;
  readonly number: string;
  readonly issuedOn: string;
}

export interface FilingHeader extends BatchHeader {
  readonly occupationCode: string;
  /** 发证机构: the evaluation body, or the enterprise. */
  readonly issuer: string;
}

/** 证件类型 as upload systems code it: every Kaowu candidate is identified by a 居民身份证. */
export const ID_TYPE = '居民身份证';

const sexOf = (idNumber: string): string => fromIdNumber(idNumber).sex;

async function table(
  header: FilingHeader,
  title: string,
  columns: readonly { header: string; width: number }[],
  rows: readonly (readonly (string | number | null)[])[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaowu 考务';
  workbook.created = workbook.modified = new Date(`${header.date}T00:00:00+08:00`);
  const sheet = workbook.addWorksheet(title, {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    headerFooter: {
      oddFooter: header.auditHead
        ? `&L&8审计链头 第 ${header.auditHead.seq} 条 ${header.auditHead.hash}&R第 &P 页，共 &N 页`
        : '第 &P 页，共 &N 页',
    },
  });
  sheet.addRow([title]).font = { bold: true, size: 16 };
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getRow(1).alignment = { horizontal: 'center' };
  sheet.addRow([
    `企业名称：${header.enterpriseName}　认定计划号：${header.planNumber}　职业（工种）：${occupationText(header)}` +
      `（${header.occupationCode}）　等级：${levelLabel(header.level)}　填表日期：${header.date}`,
  ]);
  sheet.mergeCells(2, 1, 2, columns.length);
  const head = sheet.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  for (const r of rows) sheet.addRow([...r]);
  sheet.pageSetup.printTitlesRow = '3:3';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Hefei 《企业职业技能等级认定结果汇总表》: every candidate with their scores and result. */
export function hefeiResultSummary(
  header: FilingHeader,
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
): Promise<Uint8Array> {
  const byId = new Map(decisions.map((d) => [d.candidateId, d]));
  return table(
    header,
    '企业职业技能等级认定结果汇总表',
    [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '性别', width: 6 },
      { header: '身份证号码', width: 21 },
      { header: '工作单位', width: 22 },
      { header: '职业（工种）', width: 16 },
      { header: '等级', width: 14 },
      { header: '理论知识成绩', width: 10 },
      { header: '操作技能成绩', width: 10 },
      { header: '综合成绩', width: 10 },
      { header: '认定结果', width: 10 },
    ],
    rows.map((r, i) => {
      const d = byId.get(r.id);
      return [
        i + 1,
        r.name,
        sexOf(r.idNumber),
        r.idNumber,
        r.unit,
        occupationText(header),
        levelLabel(header.level),
        d?.theoryScore ?? null,
        d?.practicalScore ?? null,
        d?.composite ?? null,
        d ? DECISION_OUTCOME_NAMES[d.outcome] : '',
      ];
    }),
  );
}

/** The columns of the certificate information table and of the provincial upload file, in order. */
export const CERTIFICATE_COLUMNS = [
  '序号',
  '姓名',
  '性别',
  '证件类型',
  '证件号码',
  '职业编码',
  '职业名称',
  '工种',
  '等级',
  '证书编号',
  '发证日期',
  '发证机构',
] as const;

const certificateRows = (header: FilingHeader, lines: readonly CertificateLine[]) =>
  lines.map((l, i) => [
    i + 1,
    l.row.name,
    sexOf(l.row.idNumber),
    ID_TYPE,
    l.row.idNumber,
    header.occupationCode,
    header.occupationName,
    header.trade ?? '',
    levelLabel(header.level),
    l.number,
    l.issuedOn,
    header.issuer,
  ]);

/** Hefei 《企业职业技能等级认定合格人员证书信息表》: each certified person and their certificate. */
export function hefeiCertificateTable(header: FilingHeader, lines: readonly CertificateLine[]): Promise<Uint8Array> {
  const widths = [6, 10, 6, 12, 21, 12, 14, 12, 14, 26, 12, 24];
  return table(
    header,
    '企业职业技能等级认定合格人员证书信息表',
    CERTIFICATE_COLUMNS.map((h, i) => ({ header: h, width: widths[i]! })),
    certificateRows(header, lines),
  );
}

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The certificate data file for provincial upload systems: UTF-8 CSV with a byte-order mark (so spreadsheet
 * programs read the Chinese), one header line of CERTIFICATE_COLUMNS without 序号, one line per certificate.
 */
export function certificateUploadCsv(header: FilingHeader, lines: readonly CertificateLine[]): Uint8Array {
  const body = [CERTIFICATE_COLUMNS.slice(1), ...certificateRows(header, lines).map((r) => r.slice(1))]
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');
  return new TextEncoder().encode(`\uFEFF${body}\r\n`);
}
