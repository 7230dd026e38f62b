import { columnLetter, EXAMPLE_MARKER, isExampleRow, loadWorkbook, notAWorkbook, readCell } from '@kaowu/bank';
import { type PlanComponent, type SheetProblem, sheetProblem } from '@kaowu/domain';
import type { EnteredValue, Panel, Relation } from '@kaowu/grading';
import ExcelJS from 'exceljs';

/**
 * The score sheet (评分汇总表) for practical and review components: one worksheet per component, named by the
 * component (its name or code); row 1 holds 准考证号 | 姓名 | one column per assessor, headed by the assessor's
 * name, user name, or both as the template writes them: 陈立新（assessor_chen）. A cell holds that assessor's
 * score (0–100, at most one decimal), 缺考, or nothing (not scored by that assessor).
 */
export const TICKET_HEADER = '准考证号';
export const NAME_HEADER = '姓名';
export const ABSENT_TEXT = '缺考';

export interface ScoreSheetContext {
  readonly components: readonly { component: PlanComponent; panel: Panel | undefined }[];
  /** Theory is scored from the paper, never imported: named so its sheet gets a clear refusal. */
  readonly theory: PlanComponent | undefined;
  readonly candidates: ReadonlyMap<string, { id: string; name: string }>;
  /** candidate id → chosen elective modules (absent: none recorded). */
  readonly electives: ReadonlyMap<string, ReadonlySet<string>>;
  readonly relations: readonly Relation[];
}

export interface SheetEntry {
  readonly candidateId: string;
  readonly componentCode: string;
  readonly assessor: string;
  readonly value: EnteredValue;
}

const squeeze = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** How an assessor's column is headed: 陈立新（assessor_chen）. */
const memberHeader = (m: Panel['members'][number]): string => `${m.name}（${m.id}）`;

/** 陈立新（assessor_chen）, assessor_chen or 陈立新 → the panel member, if exactly one matches. */
function assessorOf(panel: Panel, header: string): string | undefined {
  const text = squeeze(header).replace(/^考评员/, '');
  const inner = /\(([^()]+)\)$/.exec(text)?.[1];
  const matches = panel.members.filter((m) => m.id === inner || m.id === text || squeeze(m.name) === text);
  return matches.length === 1 ? matches[0]?.id : undefined;
}

const SCORE = /^\d{1,3}(\.\d)?$/;

/** A score as entered: 0–100 with at most one decimal, or 缺考. */
function readScore(text: string): { value: EnteredValue } | { problem: string } {
  if (text === ABSENT_TEXT) return { value: 'absent' };
  if (!SCORE.test(text))
    return { problem: `“${text}”不是有效的分数：应为 0–100 的数，至多一位小数，或填“${ABSENT_TEXT}”` };
  const value = Number(text);
  return value <= 100 ? { value } : { problem: `分数 ${text} 超过 100 分` };
}

/**
 * Reads a score workbook against the batch: every problem of every sheet, row and cell, or the entries.
 * Nothing is partly read: one problem anywhere means no entries.
 */
export async function readScoreWorkbook(
  data: Uint8Array,
  context: ScoreSheetContext,
): Promise<
  | { ok: true; entries: SheetEntry[]; sheets: { component: string; rows: number }[] }
  | { ok: false; problems: SheetProblem[] }
> {
  const workbook = await loadWorkbook(data);
  if (!workbook) return { ok: false, problems: [notAWorkbook('')] };
  const problems: SheetProblem[] = [];
  const entries: SheetEntry[] = [];
  const sheets: { component: string; rows: number }[] = [];
  const seenComponents = new Set<string>();
  const componentNames = context.components.map((c) => c.component.name).join('、');
  // A workbook of one sheet (a converted CSV is named after its file) is read as the only scored component's.
  const alone = workbook.worksheets.filter((w) => w.actualRowCount > 0).length === 1;
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.trim();
    const at = (row: number, col: number, field: string, message: string): void =>
      void problems.push({ sheet: sheet.name, row, column: col > 0 ? columnLetter(col) : '', field, message });
    if (sheet.actualRowCount === 0) continue;
    if (context.theory && (squeeze(name) === squeeze(context.theory.name) || name === context.theory.code)) {
      at(0, 0, '', `${context.theory.name}成绩由机考答卷计分，不能导入`);
      continue;
    }
    const match =
      context.components.find((c) => squeeze(c.component.name) === squeeze(name) || c.component.code === name) ??
      (alone && context.components.length === 1 && startsLikeScores(sheet) ? context.components[0] : undefined);
    if (match === undefined) {
      at(0, 0, '', `工作表名“${name}”不是认定方案中由考评员评分的组成部分（应为：${componentNames}）`);
      continue;
    }
    const { component, panel } = match;
    if (seenComponents.has(component.code)) {
      at(0, 0, '', `${component.name}的成绩在多个工作表中`);
      continue;
    }
    seenComponents.add(component.code);
    if (panel === undefined) {
      at(0, 0, '', `${component.name}尚未设置考评组，不能导入成绩`);
      continue;
    }
    // Header row: 准考证号, 姓名, then the assessors.
    const header = sheet.getRow(1);
    const headText = (col: number): string => {
      const c = readCell(header.getCell(col));
      return c.ok ? c.text : '';
    };
    if (squeeze(headText(1)) !== TICKET_HEADER)
      at(1, 1, TICKET_HEADER, `第一列表头应为“${TICKET_HEADER}”，实际为“${headText(1)}”`);
    if (squeeze(headText(2)) !== NAME_HEADER)
      at(1, 2, NAME_HEADER, `第二列表头应为“${NAME_HEADER}”，实际为“${headText(2)}”`);
    const assessorColumns: { col: number; assessor: string; header: string }[] = [];
    const lastColumn = Math.max(header.cellCount, 2);
    for (let col = 3; col <= lastColumn; col++) {
      const text = headText(col);
      if (text === '') continue;
      const assessor = assessorOf(panel, text);
      if (assessor === undefined)
        at(
          1,
          col,
          text,
          `“${text}”不是${component.name}考评组的成员（成员：${panel.members.map(memberHeader).join('、')}）`,
        );
      else if (assessorColumns.some((a) => a.assessor === assessor)) at(1, col, text, `考评员 ${text} 的列重复`);
      else assessorColumns.push({ col, assessor, header: text });
    }
    if (assessorColumns.length === 0 && !problems.some((p) => p.sheet === sheet.name))
      at(1, 3, '', '没有考评员评分列：第三列起每列表头为一名考评员');
    const before = problems.length;
    const seenTickets = new Map<string, number>();
    let rows = 0;
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      const cells = [1, 2, ...assessorColumns.map((a) => a.col)].map((col) => ({
        col,
        read: readCell(r.getCell(col)),
      }));
      if (cells.every((c) => c.read.ok && c.read.text === '')) return;
      const lead = cells[0]!.read;
      if (lead.ok && isExampleRow(lead.text)) return;
      for (const c of cells)
        if (!c.read.ok)
          at(n, c.col, c.col === 1 ? TICKET_HEADER : c.col === 2 ? NAME_HEADER : headText(c.col), c.read.message);
      const text = (col: number): string => {
        const c = cells.find((x) => x.col === col)?.read;
        return c?.ok ? c.text : '';
      };
      const ticket = text(1);
      if (ticket === '') return void at(n, 1, TICKET_HEADER, '准考证号不能为空');
      const person = context.candidates.get(ticket);
      if (person === undefined) return void at(n, 1, TICKET_HEADER, `准考证号 ${ticket} 不在本批次中`);
      const first = seenTickets.get(ticket);
      if (first !== undefined) at(n, 1, TICKET_HEADER, `准考证号 ${ticket} 与第 ${first} 行重复`);
      seenTickets.set(ticket, n);
      const name = text(2);
      if (squeeze(name) !== squeeze(person.name))
        at(n, 2, NAME_HEADER, `姓名“${name}”与准考证号 ${ticket} 的考生（${person.name}）不符`);
      const values: { col: number; assessor: string; header: string; value: EnteredValue }[] = [];
      for (const a of assessorColumns) {
        const t = text(a.col);
        if (t === '') continue;
        const read = readScore(t);
        if ('problem' in read) {
          at(n, a.col, a.header, read.problem);
          continue;
        }
        const related = context.relations.find((x) => x.assessorId === a.assessor && x.candidateId === person.id);
        if (related)
          at(
            n,
            a.col,
            a.header,
            `考评员 ${a.header} 与考生 ${person.name} 存在回避关系（${related.relation}），不得为其评分`,
          );
        else values.push({ ...a, value: read.value });
      }
      if (values.length > 0 && component.group !== undefined) {
        const chosen = context.electives.get(person.id);
        if (chosen === undefined)
          at(n, 1, TICKET_HEADER, `考生 ${person.name} 尚未登记选考模块，不能录入选考模块“${component.name}”的成绩`);
        else if (!chosen.has(component.code)) at(n, 1, TICKET_HEADER, `考生 ${person.name} 未选考“${component.name}”`);
      }
      const absent = values.filter((v) => v.value === 'absent').length;
      if (absent > 0 && absent < values.length)
        at(
          n,
          values.find((v) => v.value === 'absent')?.col ?? 3,
          '',
          '同一考生的缺考应由所有考评员一致登记，或全部填写分数',
        );
      rows++;
      for (const v of values)
        entries.push({ candidateId: person.id, componentCode: component.code, assessor: v.assessor, value: v.value });
    });
    if (problems.length === before) sheets.push({ component: component.name, rows });
  }
  if (problems.length === 0 && entries.length === 0) problems.push(sheetProblem('', '工作簿中没有任何成绩'));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, entries, sheets };
}

/**
 * The empty score sheet: one worksheet per panel component, the candidates who take it, one column per assessor;
 * as a template, each sheet starts with an example row (准考证号 示例) that import skips.
 */
export async function scoreWorkbook(
  components: readonly {
    component: PlanComponent;
    panel: Panel;
    rows: readonly { ticket: string; name: string; scores?: Readonly<Record<string, EnteredValue>> }[];
  }[],
  options: { readonly example?: boolean } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { component, panel, rows } of components) {
    const sheet = workbook.addWorksheet(component.name);
    sheet.addRow([TICKET_HEADER, NAME_HEADER, ...panel.members.map(memberHeader)]);
    sheet.getRow(1).font = { bold: true };
    // Text format keeps every digit of a 准考证号.
    sheet.getColumn(1).numFmt = '@';
    sheet.getColumn(1).width = 18;
    sheet.getColumn(2).width = 10;
    panel.members.forEach((_, i) => void (sheet.getColumn(i + 3).width = 22));
    if (options.example) {
      const example = sheet.addRow([EXAMPLE_MARKER, '张三', ...panel.members.map((_, i) => 85 + i / 2)]);
      example.font = { italic: true, color: { argb: 'FF808080' } };
      sheet.getCell('A2').note =
        `示例行：准考证号为“示例”的行导入时跳过。每名考评员一列，填 0–100 分（至多一位小数）或“${ABSENT_TEXT}”。`;
    }
    for (const r of rows)
      sheet.addRow([
        r.ticket,
        r.name,
        ...panel.members.map((m) => {
          const v = r.scores?.[m.id];
          return v === undefined ? null : v === 'absent' ? ABSENT_TEXT : v;
        }),
      ]);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Whether a sheet's header starts 准考证号, 姓名: a score sheet, whatever its name. */
function startsLikeScores(sheet: ExcelJS.Worksheet): boolean {
  const text = (col: number): string => {
    const c = readCell(sheet.getRow(1).getCell(col));
    return c.ok ? squeeze(c.text) : '';
  };
  return text(1) === TICKET_HEADER && text(2) === NAME_HEADER;
}
