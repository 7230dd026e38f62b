import {
  type Importance,
  type LevelCode,
  type Occupation,
  type Outline,
  type OutlineArea,
  type OutlinePoint,
  outline as outlineSchema,
  outlineProblems,
} from '@kaowu/domain';
import type { SheetProblem } from '@kaowu/domain';
import { normalizeCode } from './cells.ts';
import {
  AREA_KIND,
  IMPORTANCE_NAMES,
  OUTLINE_COLUMNS as COL,
  OUTLINE_LAYOUT,
  OUTLINE_SHEET,
  POINT_KIND,
} from './outline-sheet.ts';
import { type DataRow, mergeProblems, openSheet, problemsOf, readDataRows, sortProblems } from './sheet.ts';

/** What the outline sheet does not say: whose outline it is. */
export interface OutlineMeta {
  readonly occupation: Occupation;
  readonly level: LevelCode;
  readonly basis: string;
}

export type OutlineWorkbookResult =
  | { readonly ok: true; readonly outline: Outline }
  | { readonly ok: false; readonly problems: SheetProblem[] };

type Entry =
  | { readonly row: number; readonly kind: 'area'; readonly node: OutlineArea }
  | { readonly row: number; readonly kind: 'point'; readonly node: OutlinePoint };

const AREA_CODE = /^[A-Z]{1,6}$/;
const POINT_CODE = /^[A-Z]+\d{3}$/;

function parseImportance(text: string): Importance | undefined {
  const upper = text.normalize('NFKC').toUpperCase();
  for (const [code, name] of Object.entries(IMPORTANCE_NAMES) as [Importance, string][])
    if (upper === code || text === name) return code;
  return undefined;
}

/** A weight as users write it: 25, "25", "25%" (a cell formatted as a percentage reads as "25%"). */
function parseWeight(text: string): number | undefined {
  const plain = text.normalize('NFKC').replace(/%$/, '').trim();
  const value = plain === '' ? Number.NaN : Number(plain);
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
}

function readEntry(row: DataRow, problem: (column: number, message: string) => void): Entry | undefined {
  const cell = (column: number): string | undefined => row.cells[column - 1];
  let failed = row.cells.includes(undefined);
  const fail = (column: number, message: string): void => {
    failed = true;
    problem(column, message);
  };
  const codeText = cell(COL.code);
  const code = codeText === undefined ? '' : normalizeCode(codeText);
  if (codeText === '') fail(COL.code, '代码为空');
  const name = cell(COL.name);
  if (name === '') fail(COL.name, '名称为空');
  const kind = cell(COL.kind);
  const importanceText = cell(COL.importance) ?? '';
  const weightText = cell(COL.weight) ?? '';

  if (kind === AREA_KIND) {
    if (code !== '' && !AREA_CODE.test(code)) fail(COL.code, `鉴定范围代码“${codeText}”应为 1–6 个大写字母，例如 BA`);
    if (importanceText !== '') fail(COL.importance, '鉴定范围不填重要程度（重要程度填在鉴定点上）');
    const weight = weightText === '' ? undefined : parseWeight(weightText);
    if (weightText !== '' && weight === undefined) fail(COL.weight, `理论权重“${weightText}”应为 0–100 的数字`);
    if (failed) return undefined;
    return {
      row: row.row,
      kind: 'area',
      node: { code, name: name ?? '', ...(weight === undefined ? {} : { weight }) },
    };
  }
  if (kind === POINT_KIND) {
    if (code !== '' && !POINT_CODE.test(code))
      fail(COL.code, `鉴定点代码“${codeText}”应为所属范围的字母加三位数字，例如 BA001`);
    const importance = parseImportance(importanceText);
    if (importanceText === '') fail(COL.importance, '鉴定点的重要程度为空，应为 X、Y 或 Z');
    else if (importance === undefined)
      fail(COL.importance, `重要程度“${importanceText}”无效，应为 X（核心）、Y（一般）或 Z（了解）`);
    if (weightText !== '') fail(COL.weight, '理论权重只填在一级鉴定范围上');
    if (failed || importance === undefined) return undefined;
    return { row: row.row, kind: 'point', node: { code, name: name ?? '', importance } };
  }
  if (kind !== undefined)
    fail(COL.kind, kind === '' ? '类别为空，应为“鉴定范围”或“鉴定点”' : `类别“${kind}”无效，应为“鉴定范围”或“鉴定点”`);
  return undefined;
}

/** Nests areas in the longest area code they start with (B holds BA), and points in the area their code names. */
function nest(
  entries: readonly Entry[],
  problem: (row: number, column: number, message: string) => void,
): OutlineArea[] {
  const areas = new Map<string, OutlineArea>();
  for (const entry of entries) if (entry.kind === 'area') areas.set(entry.node.code, entry.node);
  const top: OutlineArea[] = [];
  for (const entry of entries) {
    const { code } = entry.node;
    if (entry.kind === 'point') {
      const areaCode = code.replace(/\d{3}$/, '');
      const area = areas.get(areaCode);
      if (area) (area.points ??= []).push(entry.node);
      else problem(entry.row, COL.code, `鉴定点 ${code} 所属的鉴定范围 ${areaCode} 不在表中`);
      continue;
    }
    let parent: OutlineArea | undefined;
    for (let length = code.length - 1; length > 0 && !parent; length--) parent = areas.get(code.slice(0, length));
    if (parent) (parent.areas ??= []).push(entry.node);
    else top.push(entry.node);
  }
  return top;
}

/** Finds the row of the node a zod issue path points at. */
function rowOfPath(value: unknown, path: readonly PropertyKey[], rowOf: ReadonlyMap<object, number>): number {
  let node = value;
  let row = 0;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<PropertyKey, unknown>)[key];
    if (typeof node === 'object' && node !== null) row = rowOf.get(node) ?? row;
  }
  return row;
}

const ISSUE_COLUMNS: Readonly<Record<string, number>> = {
  code: COL.code,
  name: COL.name,
  importance: COL.importance,
  weight: COL.weight,
};

/**
 * Reads the outline sheet 鉴定要素细目表. Every row problem is reported at once; the structure (nesting, weights
 * adding up to 100) is checked once the rows themselves are valid.
 */
export async function readOutlineWorkbook(data: Uint8Array, meta: OutlineMeta): Promise<OutlineWorkbookResult> {
  const opened = await openSheet(data, OUTLINE_LAYOUT);
  if (!opened.ok) return opened;

  const at = problemsOf(OUTLINE_LAYOUT);
  const problems = mergeProblems(opened.sheet, OUTLINE_LAYOUT);
  const entries: Entry[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const row of readDataRows(opened.sheet, OUTLINE_LAYOUT, problems)) {
    const entry = readEntry(row, (column, message) => problems.push(at(row.row, column, message)));
    const code = normalizeCode(row.cells[COL.code - 1] ?? '');
    const first = firstRowOfCode.get(code);
    if (first !== undefined) problems.push(at(row.row, COL.code, `代码 ${code} 与第 ${first} 行重复`));
    else if (code !== '') firstRowOfCode.set(code, row.row);
    if (entry && first === undefined) entries.push(entry);
  }
  if (entries.length === 0 && problems.length === 0)
    problems.push({ sheet: OUTLINE_SHEET, row: 0, column: '', field: '', message: '鉴定要素细目表没有内容' });
  const areas = nest(entries, (row, column, message) => problems.push(at(row, column, message)));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const value: Outline = { occupation: meta.occupation, level: meta.level, basis: meta.basis, areas };
  const rowOf = new Map<object, number>(entries.map((e) => [e.node, e.row]));
  const firstArea = entries.find((e) => e.kind === 'area')?.row ?? 0;
  for (const message of outlineProblems(value)) {
    // The messages name the code at fault; the weights total names none and goes to the first area.
    const code = /\b([A-Z]+\d{3}|[A-Z]{1,6})\b/.exec(message)?.[1];
    const row = (code === undefined ? undefined : firstRowOfCode.get(code)) ?? firstArea;
    problems.push(at(row, message.includes('权重') ? COL.weight : COL.code, message));
  }
  const checked = outlineSchema.safeParse(value);
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const row = rowOfPath(value, issue.path, rowOf);
      const field = String(issue.path.at(-1) ?? '');
      const column = ISSUE_COLUMNS[field];
      if (row === 0 || column === undefined)
        problems.push({
          sheet: OUTLINE_SHEET,
          row,
          column: '',
          field: '',
          message: `${issue.path.join('.')}：${issue.message}`,
        });
      else problems.push(at(row, column, issue.message));
    }
  if (problems.length > 0 || !checked.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, outline: checked.data };
}
