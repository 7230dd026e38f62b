import {
  type DataRow,
  findSheet,
  headerProblems,
  loadWorkbook,
  mergeProblems,
  notAWorkbook,
  problemsOf,
  readDataRows,
} from '@kaowu/bank';
import {
  EVIDENCE_KINDS,
  EVIDENCE_NAMES,
  LEVEL_CODES,
  levelLabel,
  parseLevel,
  type AssessmentPlan,
  type SheetProblem,
} from '@kaowu/domain';
import type ExcelJS from 'exceljs';
import {
  APPLICATION_LAYOUTS,
  APPLICATION_SHEET,
  APPLICATION_SHEET_KEYS,
  electiveModules,
  EMPLOYMENT_WORDS,
  NO_WORDS,
  SCOPE_WORDS,
  YES_WORDS,
  type ApplicationSheetKey,
} from './application-sheets.ts';

/** Where each part of one record came from: its row on 申报信息 and on each of the other sheets. */
export interface ApplicationSource {
  readonly main: number;
  /** 姓名 as written ('' when left blank): checked against the roster once the candidate is known. */
  readonly name: string;
  readonly certificates: number[];
  readonly awards: number[];
  readonly evidence: number[];
}

export type ApplicationWorkbookResult =
  | { readonly ok: true; readonly records: Record<string, unknown>[]; readonly sources: ApplicationSource[] }
  | { readonly ok: false; readonly problems: SheetProblem[] };

const key = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** A spelling → value table from value → spellings. */
function words<T extends string>(table: Readonly<Record<T, readonly string[]>>): Map<string, T> {
  return new Map(
    Object.entries<readonly string[]>(table).flatMap(([value, spellings]) =>
      spellings.map((s) => [key(s), value as T] as const),
    ),
  );
}
const EMPLOYMENT = words(EMPLOYMENT_WORDS);
const SCOPES = words(SCOPE_WORDS);
const EVIDENCE = new Map(EVIDENCE_KINDS.flatMap((k) => [[key(EVIDENCE_NAMES[k]), k] as const, [key(k), k] as const]));
const YES = new Set(YES_WORDS.map(key));
const NO = new Set(NO_WORDS.map(key));

/** Dates as people type them (2015/3/1, 2015年3月1日) in the form the schema checks; anything else as written. */
function dateText(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

/** Excel turns a typed date into a date value: read it back as the date it shows (exceljs gives UTC midnight). */
function datesAsText(sheet: ExcelJS.Worksheet, column: number): void {
  sheet.eachRow((row, n) => {
    const cell = row.getCell(column);
    if (n > 1 && cell.value instanceof Date) cell.value = cell.value.toISOString().slice(0, 10);
  });
}

type Put = (record: Record<string, unknown>, field: string, value: unknown) => void;
const put: Put = (record, field, value) => {
  if (value !== undefined && value !== '') record[field] = value;
};

/**
 * Reads the application workbook against the plan (for the elective modules): every problem of every sheet,
 * row and cell, or one record per filled row of 申报信息 in the shape `recordApplications` takes, with where
 * each part came from. Cells are only translated here (words, dates, numbers); the rules are the schema's,
 * checked by the caller against the batch.
 */
export async function readApplicationWorkbook(
  data: Uint8Array,
  plan: AssessmentPlan | undefined,
): Promise<ApplicationWorkbookResult> {
  const workbook = await loadWorkbook(data);
  if (!workbook) return { ok: false, problems: [notAWorkbook(APPLICATION_SHEET)] };
  const main = findSheet(workbook, APPLICATION_SHEET);
  if (!main.ok) return { ok: false, problems: [main.problem] };
  const sheets = new Map<ApplicationSheetKey, ExcelJS.Worksheet>([['main', main.sheet]]);
  for (const k of APPLICATION_SHEET_KEYS.slice(1)) {
    // The other sheets are optional: a workbook without them records no certificates, awards or documents.
    const found = findSheet(workbook, APPLICATION_LAYOUTS[k].name);
    if (found.ok) sheets.set(k, found.sheet);
  }
  const headers = [...sheets].flatMap(([k, sheet]) => headerProblems(sheet, APPLICATION_LAYOUTS[k]));
  if (headers.length > 0) return { ok: false, problems: headers };

  const problems: SheetProblem[] = [];
  const rowsOf = (k: ApplicationSheetKey): DataRow[] => {
    const sheet = sheets.get(k);
    if (!sheet) return [];
    problems.push(...mergeProblems(sheet, APPLICATION_LAYOUTS[k]));
    return readDataRows(sheet, APPLICATION_LAYOUTS[k], problems);
  };
  datesAsText(main.sheet, 5);
  const certSheet = sheets.get('certificates');
  if (certSheet) datesAsText(certSheet, 4);

  const records: Record<string, unknown>[] = [];
  const sources: ApplicationSource[] = [];
  const byTicket = new Map<string, number>();
  const modules = electiveModules(plan);
  const at = (k: ApplicationSheetKey) => {
    const locate = problemsOf(APPLICATION_LAYOUTS[k]);
    return (row: number, column: number, message: string): void => void problems.push(locate(row, column, message));
  };

  const mainAt = at('main');
  for (const { row, cells } of rowsOf('main')) {
    const cell = (i: number): string => cells[i - 1] ?? '';
    // Rows the template listed but nobody filled in are not applications.
    if (cells.slice(3).every((c) => c === '')) continue;
    const record: Record<string, unknown> = {};
    put(record, 'ticket', cell(1));
    if (typeof main.sheet.getRow(row).getCell(3).value === 'number')
      mainAt(row, 3, '身份证号被 Excel 存成了数字（会丢失末几位）：请把单元格格式设为“文本”后重新输入');
    else put(record, 'idNumber', cell(3));
    const employment = cell(4);
    if (employment !== '' && !EMPLOYMENT.has(key(employment)))
      mainAt(
        row,
        4,
        `用工形式“${employment}”无法识别，应为 ${EMPLOYMENT_WORDS.employee[0]} 或 ${EMPLOYMENT_WORDS.dispatched[0]}`,
      );
    put(record, 'employment', EMPLOYMENT.get(key(employment)));
    put(record, 'enterpriseSince', dateText(cell(5)));
    const months = cell(6);
    if (months !== '' && !/^-?\d+(\.\d+)?$/.test(months)) mainAt(row, 6, `养老保险缴费月数“${months}”应为整数（月数）`);
    else put(record, 'pensionMonths', months === '' ? undefined : Number(months));
    for (const [column, field] of [
      [7, 'educationMajorRelevant'],
      [8, 'apprenticeshipCompleted'],
    ] as const) {
      const text = cell(column);
      if (text === '') continue;
      if (YES.has(key(text))) record[field] = true;
      else if (NO.has(key(text))) record[field] = false;
      else mainAt(row, column, `${APPLICATION_LAYOUTS.main.headers[column - 1]}应填“是”或“否”，实际为“${text}”`);
    }
    const picks = cell(9)
      .split(/[,，、;；\s]+/)
      .filter((p) => p !== '');
    if (picks.length > 0) {
      if (plan === undefined) mainAt(row, 9, '批次尚未设置认定方案，不能登记选考模块');
      const electives: Record<string, string[]> = {};
      for (const p of picks) {
        const m = modules.find((x) => x.code === p || key(x.name) === key(p));
        if (m?.group === undefined) {
          if (plan !== undefined)
            mainAt(
              row,
              9,
              `“${p}”不是认定方案中的选考模块（${modules.length === 0 ? '方案没有选考模块' : `可选：${modules.map((x) => `${x.code} ${x.name}`).join('、')}`}）`,
            );
          continue;
        }
        (electives[m.group] ??= []).push(m.code);
      }
      record.electives = electives;
    }
    put(record, 'address', cell(10));
    const ticket = cell(1);
    if (ticket !== '' && !byTicket.has(ticket)) byTicket.set(ticket, records.length);
    records.push(record);
    sources.push({ main: row, name: cell(2), certificates: [], awards: [], evidence: [] });
  }

  /** The record a row of another sheet belongs to (by 准考证号), or undefined with the problem recorded. */
  const owner = (k: ApplicationSheetKey, row: number, ticket: string): number | undefined => {
    const i = byTicket.get(ticket);
    if (ticket === '') at(k)(row, 1, '准考证号不能为空');
    else if (i === undefined) at(k)(row, 1, `准考证号 ${ticket} 在“${APPLICATION_SHEET}”工作表中没有填写申报信息`);
    return i;
  };
  const append = (
    k: 'certificates' | 'awards' | 'evidence',
    row: number,
    ticket: string,
    entry: Record<string, unknown>,
  ): void => {
    const i = owner(k, row, ticket);
    if (i === undefined) return;
    ((records[i]![k] ??= []) as unknown[]).push(entry);
    sources[i]![k].push(row);
  };
  for (const { row, cells } of rowsOf('certificates')) {
    const cell = (i: number): string => cells[i - 1] ?? '';
    const entry: Record<string, unknown> = {};
    put(entry, 'occupationCode', cell(2));
    const level = cell(3);
    if (level !== '' && parseLevel(level) === undefined)
      at('certificates')(row, 3, `等级“${level}”无法识别，应为 ${LEVEL_CODES.map(levelLabel).join('、')}`);
    put(entry, 'level', level === '' ? undefined : parseLevel(level));
    put(entry, 'issuedOn', dateText(cell(4)));
    put(entry, 'number', cell(5));
    append('certificates', row, cell(1), entry);
  }
  for (const { row, cells } of rowsOf('awards')) {
    const cell = (i: number): string => cells[i - 1] ?? '';
    const scope = cell(3);
    if (scope !== '' && !SCOPES.has(key(scope)))
      at('awards')(
        row,
        3,
        `级别“${scope}”无法识别，应为 ${Object.values(SCOPE_WORDS)
          .map((w) => w[0])
          .join('、')}`,
      );
    const entry: Record<string, unknown> = {};
    put(entry, 'name', cell(2));
    put(entry, 'scope', SCOPES.get(key(scope)));
    put(entry, 'evidence', cell(4));
    append('awards', row, cell(1), entry);
  }
  for (const { row, cells } of rowsOf('evidence')) {
    const cell = (i: number): string => cells[i - 1] ?? '';
    const kind = cell(2);
    if (kind !== '' && !EVIDENCE.has(key(kind)))
      at('evidence')(
        row,
        2,
        `材料类型“${kind}”无法识别，应为 ${EVIDENCE_KINDS.map((k) => EVIDENCE_NAMES[k]).join('、')}`,
      );
    const entry: Record<string, unknown> = {};
    put(entry, 'kind', EVIDENCE.get(key(kind)));
    put(entry, 'ref', cell(3));
    append('evidence', row, cell(1), entry);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (records.length === 0)
    return {
      ok: false,
      problems: [
        {
          sheet: APPLICATION_SHEET,
          row: 0,
          column: '',
          field: '',
          message: '工作簿中没有填写任何申报信息（只填写了准考证号、姓名、身份证号的行不导入）',
        },
      ],
    };
  return { ok: true, records, sources };
}
