import { columnLetter, EXAMPLE_MARKER, type SheetLayout, workbookBytes } from '@kaowu/bank';
import {
  AWARD_SCOPE_NAMES,
  AWARD_SCOPES,
  EVIDENCE_KINDS,
  EVIDENCE_NAMES,
  LEVEL_CODES,
  levelLabel,
  type AssessmentPlan,
  type Candidate,
} from '@kaowu/domain';
import ExcelJS from 'exceljs';

/**
 * The application workbook (申报信息): one row per candidate on 申报信息, and a row per certificate, award
 * and document on the three sheets after it, each naming its candidate by 准考证号. The template comes
 * filled with the batch's candidates (and whatever was recorded before), so the administrator only adds facts.
 */
export const APPLICATION_SHEET = '申报信息';
export const CERTIFICATE_SHEET = '已有证书';
export const AWARD_SHEET = '获奖情况';
export const EVIDENCE_SHEET = '证明材料';
export const APPLICATION_GUIDE_SHEET = '填写说明';

/** The 申报信息 columns: each header beside the record field it fills. */
const MAIN_COLUMNS = [
  ['准考证号', 'ticket'],
  ['姓名', 'name'],
  ['身份证号', 'idNumber'],
  ['用工形式', 'employment'],
  ['入职日期', 'enterpriseSince'],
  ['养老保险缴费月数', 'pensionMonths'],
  ['学历为本专业或相关专业', 'educationMajorRelevant'],
  ['学徒期满', 'apprenticeshipCompleted'],
  ['选考模块', 'electives'],
  ['通讯地址', 'address'],
] as const;

/** Each sheet's layout, and for each column the record field it fills ('' for none). */
export const APPLICATION_LAYOUTS = {
  main: {
    name: APPLICATION_SHEET,
    headers: MAIN_COLUMNS.map(([header]) => header),
    fields: MAIN_COLUMNS.map(([, field]) => field),
    // 身份证号 must be typed as text: Excel keeps only 15 digits of a number.
    textColumns: [3],
  },
  certificates: {
    name: CERTIFICATE_SHEET,
    headers: ['准考证号', '职业编码', '等级', '发证日期', '证书编号'],
    fields: ['', 'occupationCode', 'level', 'issuedOn', 'number'],
  },
  awards: {
    name: AWARD_SHEET,
    headers: ['准考证号', '奖项名称', '级别', '证明材料'],
    fields: ['', 'name', 'scope', 'evidence'],
  },
  evidence: {
    name: EVIDENCE_SHEET,
    headers: ['准考证号', '材料类型', '材料编号或文件名'],
    fields: ['', 'kind', 'ref'],
  },
} as const satisfies Record<string, SheetLayout & { fields: readonly string[] }>;
export type ApplicationSheetKey = keyof typeof APPLICATION_LAYOUTS;
/** The sheets in workbook order (problems are listed in this order too). */
export const APPLICATION_SHEET_KEYS: readonly ApplicationSheetKey[] = ['main', 'certificates', 'awards', 'evidence'];

/** Spellings a cell may use for the enumerated fields; the first of each is what the template offers. */
export const EMPLOYMENT_WORDS: Readonly<Record<Candidate['employment'], readonly string[]>> = {
  employee: ['在职职工', '职工', '本企业职工', '正式职工', 'employee'],
  dispatched: ['劳务派遣', '派遣', '劳务派遣人员', 'dispatched'],
};
export const YES_WORDS = ['是', '√', 'Y', 'YES', 'TRUE', '1'];
export const NO_WORDS = ['否', '×', 'N', 'NO', 'FALSE', '0'];
/** 省级 is what people write; the domain's name is 省部级. */
export const SCOPE_WORDS: Readonly<Record<Candidate['awards'][number]['scope'], readonly string[]>> = {
  city: [AWARD_SCOPE_NAMES.city, '市', 'city'],
  province: [AWARD_SCOPE_NAMES.province, '省级', '省', 'province'],
  national: [AWARD_SCOPE_NAMES.national, '国家', 'national'],
};

/** The plan's elective modules (选考): the components that belong to a group. */
export const electiveModules = (plan: AssessmentPlan | undefined) =>
  (plan?.components ?? []).filter((c) => c.group !== undefined);

const NOTES: Readonly<Record<string, string>> = {
  准考证号: '必填（或填身份证号）。模板已列出本批次全部考生，不要修改。',
  姓名: '可选，填写时须与名单一致。',
  身份证号: '可选，填写时须与准考证号的考生一致；请保持“文本”格式。',
  用工形式: `必填。${EMPLOYMENT_WORDS.employee[0]} 或 ${EMPLOYMENT_WORDS.dispatched[0]}。`,
  入职日期: '必填。进入本企业的日期，YYYY-MM-DD，例如 2015-03-01。',
  养老保险缴费月数: '必填。通过本企业或派遣单位缴纳养老保险的月数（整数）。',
  学历为本专业或相关专业: '可选。是 / 否（空为否）。',
  学徒期满: '可选。是 / 否（空为否）。',
  选考模块: '模块化考核：所选模块的代码或名称，多个用顿号或逗号分隔。',
  通讯地址: '可选。',
};

interface RangeValidations {
  readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const listValidation = (choices: readonly string[], what: string): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${choices.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: `${what}无效`,
  error: `请从下拉列表中选择${what}`,
});

export interface ApplicationTemplateRow {
  readonly ticket: string;
  readonly name: string;
  readonly idNumber: string;
  /** What was recorded before, written back so an edited template imports as the whole truth again. */
  readonly facts?:
    | Partial<
        Pick<
          Candidate,
          | 'address'
          | 'educationMajorRelevant'
          | 'employment'
          | 'enterpriseSince'
          | 'pensionMonths'
          | 'apprenticeshipCompleted'
          | 'certificates'
          | 'awards'
          | 'evidence'
        >
      >
    | undefined;
  readonly electives?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** Each sheet's example row (准考证号 示例): it shows how a row is filled, and import skips it. */
const EXAMPLES: Readonly<Record<ApplicationSheetKey, readonly (string | number)[]>> = {
  main: [EXAMPLE_MARKER, '张三', '110101199003071234', EMPLOYMENT_WORDS.employee[0]!, '2015-03-01', 120, '是', '否'],
  certificates: [EXAMPLE_MARKER, '6-31-01-03', levelLabel(5), '2019-07-01', 'Y000033123456195000001'],
  awards: [EXAMPLE_MARKER, '市技术能手', AWARD_SCOPE_NAMES.city, '获奖证书 award-001.pdf'],
  evidence: [EXAMPLE_MARKER, EVIDENCE_NAMES[EVIDENCE_KINDS[0]!], 'pension-001.pdf'],
};

function addSheet(
  workbook: ExcelJS.Workbook,
  key: ApplicationSheetKey,
  rows: readonly (readonly (string | number | null)[])[],
  textColumns: readonly number[],
): ExcelJS.Worksheet {
  const layout = APPLICATION_LAYOUTS[key];
  const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...layout.headers]);
  sheet.getRow(1).font = { bold: true };
  layout.headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, h.length * 2 + 4);
    const note = key === 'main' ? NOTES[h] : undefined;
    if (note) sheet.getRow(1).getCell(i + 1).note = note;
  });
  // Text format keeps every digit of an ID and stops Excel turning dates and codes into numbers.
  for (const c of textColumns) sheet.getColumn(c).numFmt = '@';
  sheet.addRow([...EXAMPLES[key]]).font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell('A2').note = '示例行：准考证号为“示例”的行导入时跳过，请勿在本行填写。';
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  return sheet;
}

const yesNo = (v: boolean | undefined): string | null => (v === undefined ? null : v ? '是' : '否');

/** The template: the batch's candidates (and their recorded facts), drop-downs, and a sheet explaining each column. */
export async function applicationWorkbook(
  plan: AssessmentPlan | undefined,
  rows: readonly ApplicationTemplateRow[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const modules = electiveModules(plan);
  const main = addSheet(
    workbook,
    'main',
    rows.map((r) => {
      const f = r.facts;
      const picks = r.electives ? Object.values(r.electives).flat() : [];
      return [
        r.ticket,
        r.name,
        r.idNumber,
        f?.employment ? EMPLOYMENT_WORDS[f.employment][0]! : null,
        f?.enterpriseSince ?? null,
        f?.pensionMonths ?? null,
        yesNo(f?.educationMajorRelevant),
        yesNo(f?.apprenticeshipCompleted),
        picks.join('、') || null,
        f?.address ?? null,
      ];
    }),
    [1, 3, 5],
  );
  const last = Math.max(rows.length + 1, 2) + 200;
  const v = main as unknown as RangeValidations;
  v.dataValidations.add(
    `D2:D${last}`,
    listValidation([EMPLOYMENT_WORDS.employee[0]!, EMPLOYMENT_WORDS.dispatched[0]!], '用工形式'),
  );
  for (const col of ['G', 'H']) v.dataValidations.add(`${col}2:${col}${last}`, listValidation(['是', '否'], '是或否'));

  const certificates = rows.flatMap((r) =>
    (r.facts?.certificates ?? []).map((c) => [
      r.ticket,
      c.occupationCode,
      levelLabel(c.level),
      c.issuedOn,
      c.number ?? null,
    ]),
  );
  const certSheet = addSheet(workbook, 'certificates', certificates, [1, 2, 4, 5]);
  (certSheet as unknown as RangeValidations).dataValidations.add(
    'C2:C1000',
    listValidation(LEVEL_CODES.map(levelLabel), '等级'),
  );
  const awards = rows.flatMap((r) =>
    (r.facts?.awards ?? []).map((a) => [r.ticket, a.name, AWARD_SCOPE_NAMES[a.scope], a.evidence]),
  );
  const awardSheet = addSheet(workbook, 'awards', awards, [1]);
  (awardSheet as unknown as RangeValidations).dataValidations.add(
    'C2:C1000',
    listValidation(
      AWARD_SCOPES.map((s) => AWARD_SCOPE_NAMES[s]),
      '级别',
    ),
  );
  const evidence = rows.flatMap((r) => (r.facts?.evidence ?? []).map((e) => [r.ticket, EVIDENCE_NAMES[e.kind], e.ref]));
  const evidenceSheet = addSheet(workbook, 'evidence', evidence, [1, 3]);
  (evidenceSheet as unknown as RangeValidations).dataValidations.add(
    'B2:B1000',
    listValidation(
      EVIDENCE_KINDS.map((k) => EVIDENCE_NAMES[k]),
      '材料类型',
    ),
  );

  const guide = workbook.addWorksheet(APPLICATION_GUIDE_SHEET);
  guide.columns = [{ width: 26 }, { width: 90 }];
  guide.addRow(['申报信息填写说明']).font = { bold: true };
  guide.addRow([
    '导入规则',
    '整个工作簿先全部检查：任何一处错误都会列出（工作表、行、列、原因），且不录入任何记录。' +
      '只填写了准考证号、姓名、身份证号的行视为未填写，不导入；各工作表第 2 行是示例（准考证号为“示例”），导入时跳过。',
  ]);
  for (const h of APPLICATION_LAYOUTS.main.headers) guide.addRow([`${APPLICATION_SHEET}：${h}`, NOTES[h] ?? '']);
  const levels = LEVEL_CODES.map(levelLabel).join('、');
  guide.addRow([
    `${CERTIFICATE_SHEET}`,
    `每本证书一行：准考证号、职业编码（如 6-31-01-03）、等级（${levels}）、发证日期 YYYY-MM-DD、证书编号（可选）。`,
  ]);
  const scopes = AWARD_SCOPES.map((s) => AWARD_SCOPE_NAMES[s]).join('、');
  guide.addRow([`${AWARD_SHEET}`, `每个奖项一行：准考证号、奖项名称、级别（${scopes}）、证明材料（必填）。`]);
  const kinds = EVIDENCE_KINDS.map((k) => EVIDENCE_NAMES[k]).join('、');
  guide.addRow([`${EVIDENCE_SHEET}`, `每份材料一行：准考证号、材料类型（${kinds}）、材料编号或文件名。`]);
  guide.addRow([
    '选考模块',
    modules.length === 0 ? '本批次的认定方案没有选考模块。' : modules.map((m) => `${m.code} ${m.name}`).join('；'),
  ]);
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return workbookBytes(workbook);
}

/** Where a record field is on its sheet: the column letter and header. */
export function columnOf(key: ApplicationSheetKey, field: string): { column: string; header: string } | undefined {
  const layout = APPLICATION_LAYOUTS[key];
  const i = field === '' ? -1 : (layout.fields as readonly string[]).indexOf(field);
  return i < 0 ? undefined : { column: columnLetter(i + 1), header: layout.headers[i]! };
}
