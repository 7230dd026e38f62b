import {
  type DataRow,
  findSheet,
  headerProblems,
  loadWorkbook,
  mergeProblems,
  notAWorkbook,
  problemsOf,
  readDataRows,
  rowReader,
  type RowReader,
} from '@kaowu/bank';
import {
  EVIDENCE_KINDS,
  EVIDENCE_NAMES,
  LEVEL_CODES,
  levelLabel,
  parseLevel,
  type AssessmentPlan,
  type SheetProblem,
  sheetProblem,
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
/** The words a problem offers for each column that takes one of a list. */
const LEVEL_NAMES = LEVEL_CODES.map(levelLabel);
const SCOPE_NAMES = Object.values(SCOPE_WORDS).map((w) => w[0] ?? '');
const EVIDENCE_LIST = EVIDENCE_KINDS.map((k) => EVIDENCE_NAMES[k]);

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
  const main = findSheet(workbook, APPLICATION_SHEET, APPLICATION_LAYOUTS.main);
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

  for (const data of rowsOf('main')) {
    // Rows the template listed but nobody filled in are not applications.
    if (data.cells.slice(3).every((c) => c === '')) continue;
    const r = rowReader(APPLICATION_LAYOUTS.main, data, problems);
    const record: Record<string, unknown> = {};
    put(record, 'ticket', r.text(1));
    put(record, 'idNumber', r.text(3));
    const employment = r.oneOf(
      4,
      (text) => EMPLOYMENT.get(key(text)),
      (text) => `用工形式“${text}”无法识别，应为 ${EMPLOYMENT_WORDS.employee[0]} 或 ${EMPLOYMENT_WORDS.dispatched[0]}`,
    );
    put(record, 'employment', employment);
    put(record, 'enterpriseSince', dateText(r.text(5)));
    const months = r.text(6);
    if (months !== '' && !/^-?\d+(\.\d+)?$/.test(months)) r.problem(6, `养老保险缴费月数“${months}”应为整数（月数）`);
    else put(record, 'pensionMonths', months === '' ? undefined : Number(months));
    for (const [column, field] of [
      [7, 'educationMajorRelevant'],
      [8, 'apprenticeshipCompleted'],
    ] as const) {
      const yes = r.oneOf(
        column,
        (text) => (YES.has(key(text)) ? true : NO.has(key(text)) ? false : undefined),
        (text) => `${APPLICATION_LAYOUTS.main.headers[column - 1]}应填“是”或“否”，实际为“${text}”`,
      );
      if (yes !== undefined) record[field] = yes;
    }
    const picks = r
      .text(9)
      .split(/[,，、;；\s]+/)
      .filter((p) => p !== '');
    if (picks.length > 0) {
      if (plan === undefined) r.problem(9, '批次尚未设置认定方案，不能登记选考模块');
      const electives: Record<string, string[]> = {};
      for (const p of picks) {
        const m = modules.find((x) => x.code === p || key(x.name) === key(p));
        if (m?.group === undefined) {
          const offered = modules.map((x) => `${x.code} ${x.name}`).join('、');
          const choices = modules.length === 0 ? '方案没有选考模块' : `可选：${offered}`;
          if (plan !== undefined) r.problem(9, `“${p}”不是认定方案中的选考模块（${choices}）`);
          continue;
        }
        (electives[m.group] ??= []).push(m.code);
      }
      record.electives = electives;
    }
    put(record, 'address', r.text(10));
    const ticket = r.text(1);
    if (ticket !== '' && !byTicket.has(ticket)) byTicket.set(ticket, records.length);
    records.push(record);
    sources.push({ main: r.row, name: r.text(2), certificates: [], awards: [], evidence: [] });
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
  /** Each row of a child sheet read into an entry of its (by 准考证号) record; `fields` maps field to value. */
  const readChildSheet = (
    k: 'certificates' | 'awards' | 'evidence',
    fields: (r: RowReader) => Record<string, unknown>,
  ): void => {
    for (const data of rowsOf(k)) {
      const r = rowReader(APPLICATION_LAYOUTS[k], data, problems);
      const entry: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(fields(r))) put(entry, field, value);
      append(k, r.row, r.text(1), entry);
    }
  };
  /** The value a word of `names` stands for, or a problem naming the words the column takes. */
  const recognised = <T>(
    r: RowReader,
    column: number,
    what: string,
    parse: (text: string) => T | undefined,
    names: readonly string[],
  ): T | undefined => r.oneOf(column, parse, (text) => `${what}“${text}”无法识别，应为 ${names.join('、')}`);
  readChildSheet('certificates', (r) => ({
    occupationCode: r.text(2),
    level: recognised(r, 3, '等级', parseLevel, LEVEL_NAMES),
    issuedOn: dateText(r.text(4)),
    number: r.text(5),
  }));
  readChildSheet('awards', (r) => ({
    name: r.text(2),
    scope: recognised(r, 3, '级别', (text) => SCOPES.get(key(text)), SCOPE_NAMES),
    evidence: r.text(4),
  }));
  readChildSheet('evidence', (r) => ({
    kind: recognised(r, 2, '材料类型', (text) => EVIDENCE.get(key(text)), EVIDENCE_LIST),
    ref: r.text(3),
  }));
  if (problems.length > 0) return { ok: false, problems };
  if (records.length === 0)
    return {
      ok: false,
      problems: [
        sheetProblem(APPLICATION_SHEET, '工作簿中没有填写任何申报信息（只填写了准考证号、姓名、身份证号的行不导入）'),
      ],
    };
  return { ok: true, records, sources };
}
