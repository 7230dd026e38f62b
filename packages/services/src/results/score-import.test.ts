import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  computeDecisions,
  confirmScores,
  enterScore,
  importScores,
  listDecisions,
  recordRelation,
  resolveSpread,
  scoreStatus,
  scoreTemplate,
  setPanel,
} from '../index.ts';
import { enterScores, evenScores, satAllRight, skillSheet, type ResultsFixture } from '../testing/results.ts';
import { refusal } from '../testing/bank.ts';

const problemsOf = async (p: Promise<unknown>): Promise<readonly unknown[]> => (await refusal(p)).details;

const entries = async (f: ResultsFixture): Promise<number> =>
  (await f.ctx.db.selectFrom('score_entries').selectAll().execute()).length;

async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const s = wb.addWorksheet(name);
    for (const r of rows) s.addRow(r);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A batch whose candidates sat the theory paper (all right) and have applications. */
const ready = (candidates = 4): Promise<ResultsFixture> => satAllRight({ candidates });

describe('score import from the per-assessor workbook', () => {
  it('reports every error with its sheet, row and column, and imports nothing', async () => {
    const f = await ready();
    await recordRelation(f.ctx, 'admin', f.batchId, {
      ticket: f.candidates[2]!.ticket,
      assessor: 'zhou',
      relation: '亲属',
    });
    const [a, b, c, d] = f.candidates as [
      ResultsFixture['candidates'][0],
      ResultsFixture['candidates'][0],
      ResultsFixture['candidates'][0],
      ResultsFixture['candidates'][0],
    ];
    const data = await workbook({
      操作技能: [
        ['准考证号', '姓名', '陈立新（chen）', 'liu', '周海峰', '马可'],
        [a.ticket, a.name, 85, '85.5', 86.25, null],
        [b.ticket, '张冠李', 101, 'abc', 80, null],
        [c.ticket, c.name, 70, 70, 70, null],
        ['999', '无名', 70, 70, 70, null],
        [a.ticket, a.name, 60, 60, 60, null],
        [],
        [d.ticket, d.name, '缺考', 70, 70, null],
      ],
      理论知识: [
        ['准考证号', '姓名'],
        [a.ticket, a.name],
      ],
      实操: [
        ['准考证号', '姓名', 'chen'],
        [a.ticket, a.name, 1],
      ],
    });
    expect(await problemsOf(importScores(f.ctx, 'admin', f.batchId, data))).toEqual([
      {
        sheet: '实操',
        row: 0,
        column: '',
        field: '',
        message: '工作表名“实操”不是认定方案中由考评员评分的组成部分（应为：操作技能）',
      },
      {
        sheet: '操作技能',
        row: 1,
        column: 'F',
        field: '马可',
        message: '“马可”不是操作技能考评组的成员（成员：陈立新（chen）、刘卫东（liu）、周海峰（zhou））',
      },
      {
        sheet: '操作技能',
        row: 2,
        column: 'E',
        field: '周海峰',
        message: '“86.25”不是有效的分数：应为 0–100 的数，至多一位小数，或填“缺考”',
      },
      {
        sheet: '操作技能',
        row: 3,
        column: 'B',
        field: '姓名',
        message: `姓名“张冠李”与准考证号 ${b.ticket} 的考生（${b.name}）不符`,
      },
      { sheet: '操作技能', row: 3, column: 'C', field: '陈立新（chen）', message: '分数 101 超过 100 分' },
      {
        sheet: '操作技能',
        row: 3,
        column: 'D',
        field: 'liu',
        message: '“abc”不是有效的分数：应为 0–100 的数，至多一位小数，或填“缺考”',
      },
      {
        sheet: '操作技能',
        row: 4,
        column: 'E',
        field: '周海峰',
        message: `考评员 周海峰 与考生 ${c.name} 存在回避关系（亲属），不得为其评分`,
      },
      { sheet: '操作技能', row: 5, column: 'A', field: '准考证号', message: '准考证号 999 不在本批次中' },
      { sheet: '操作技能', row: 6, column: 'A', field: '准考证号', message: `准考证号 ${a.ticket} 与第 2 行重复` },
      {
        sheet: '操作技能',
        row: 8,
        column: 'C',
        field: '',
        message: '同一考生的缺考应由所有考评员一致登记，或全部填写分数',
      },
      { sheet: '理论知识', row: 0, column: '', field: '', message: '理论知识成绩由机考答卷计分，不能导入' },
    ]);
    expect(await entries(f)).toBe(0);
    await expect(importScores(f.ctx, 'admin', f.batchId, new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /评分表有 1 处错误/,
    );
    await expect(importScores(f.ctx, 'chen', f.batchId, data)).rejects.toThrow(/没有考务管理员权限/);
  });

  it('gives the template with one column per assessor and an example row import skips; filled in, it imports', async () => {
    const f = await ready(2);
    const template = await scoreTemplate(f.ctx, 'admin', f.batchId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('操作技能')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '准考证号',
      '姓名',
      '陈立新（chen）',
      '刘卫东（liu）',
      '周海峰（zhou）',
    ]);
    // Row 2 is the example (准考证号 示例, with scores): it is skipped, the candidates below it are read.
    expect(sheet.getRow(2).values).toEqual([undefined, '示例', '张三', 85, 85.5, 86]);
    for (const r of [3, 4]) for (const col of [3, 4, 5]) sheet.getRow(r).getCell(col).value = 75;
    const filled = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await importScores(f.ctx, 'admin', f.batchId, filled)).toEqual({
      entries: 6,
      sheets: [{ component: '操作技能', rows: 2 }],
    });
  });
});

describe('score workbooks from other tools', () => {
  it('reads a one-sheet workbook as the only scored component, whatever the sheet is called', async () => {
    const f = await ready(2);
    const template = await scoreTemplate(f.ctx, 'admin', f.batchId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    // The template's rows (准考证号, 姓名, one column per assessor), every assessor giving 75.
    const rows: (string | number | null)[][] = [];
    wb.getWorksheet('操作技能')!.eachRow((r) => rows.push((r.values as (string | number | null)[]).slice(1)));
    const assessors = rows[0]!.length - 2;
    for (const row of rows.slice(1)) row.splice(2, assessors, ...Array<number>(assessors).fill(75));
    // LibreOffice names a converted CSV's only sheet after the file.
    expect(await importScores(f.ctx, 'admin', f.batchId, await workbook({ 'scores-from-csv': rows }))).toEqual({
      entries: 6,
      sheets: [{ component: '操作技能', rows: 2 }],
    });
    // Two sheets with names matching nothing are still refused by name.
    const two = await workbook({ Sheet1: rows, Sheet2: rows });
    expect(JSON.stringify(await problemsOf(importScores(f.ctx, 'admin', f.batchId, two)))).toContain('Sheet1');
  });
});

describe('two-person entry (双人复核)', () => {
  it('makes a score final only when a second person’s entry matches or confirms, and lists mismatches', async () => {
    const f = await ready(3);
    const [a, b, c] = f.candidates.map((x) => x.ticket) as [string, string, string];
    // Entering it again oneself is not a check.
    await enterScores(
      f,
      evenScores(f, () => 80),
      ['admin', 'admin'],
    );
    expect((await scoreStatus(f.ctx, 'admin', f.batchId)).awaiting).toHaveLength(9);
    const typo = evenScores(f, () => 80);
    typo[b]!.liu = 8;
    await importScores(f.ctx, 'clerk', f.batchId, await skillSheet(f, { [a]: typo[a]!, [b]: typo[b]! }));
    const status = await scoreStatus(f.ctx, 'admin', f.batchId);
    expect(status.finalSheets).toBe(5);
    expect(status.mismatches).toEqual([
      {
        ticket: b,
        name: f.candidates[1]!.name,
        message: '操作技能（考评员刘卫东）两次录入不一致：管理员录入 80，吴文静录入 8',
      },
    ]);
    expect(status.awaiting.map((w) => [w.ticket, w.assessor, w.enteredBy])).toEqual([
      [c, 'chen', 'admin'],
      [c, 'liu', 'admin'],
      [c, 'zhou', 'admin'],
    ]);

    await computeDecisions(f.ctx, 'admin', f.batchId);
    const pending = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(pending.map((d) => d.decision.outcome)).toEqual(['pass', 'pending', 'pending']);
    expect(pending[1]!.decision.reasons[0]).toMatch(
      /^操作技能：双人复核未完成：考评员刘卫东的评分两次录入不一致（管理员 80，吴文静 8）/,
    );

    // The clerk re-enters the typo; and rather than typing c again, confirms admin's entries.
    await enterScore(f.ctx, 'clerk', f.batchId, { ticket: b, component: 'skill', assessor: 'liu', value: 80 });
    expect(await confirmScores(f.ctx, 'admin', f.batchId)).toEqual({ confirmed: 0 });
    expect(await confirmScores(f.ctx, 'clerk', f.batchId)).toEqual({ confirmed: 3 });
    expect(await scoreStatus(f.ctx, 'admin', f.batchId)).toMatchObject({
      finalSheets: 9,
      mismatches: [],
      awaiting: [],
      blocked: [],
    });
    const summary = await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(summary).toMatchObject({ pass: 3, pending: 0 });
    expect(summary.changed.map((x) => [x.ticket, x.before?.outcome, x.after.outcome])).toEqual([
      [b, 'pending', 'pass'],
      [c, 'pending', 'pass'],
    ]);
  });
});

describe('the assessor panel', () => {
  async function scored(scores: Record<string, number>[]): Promise<ResultsFixture> {
    const f = await ready(scores.length);
    await enterScores(f, Object.fromEntries(f.candidates.map((c, i) => [c.ticket, scores[i]!])));
    return f;
  }

  // The one above stays blocked until the panel leader resolves it.
  it('accepts a spread exactly at the threshold and blocks one above it', async () => {
    const f = await scored([
      { chen: 60, liu: 75, zhou: 70 },
      { chen: 60, liu: 75.1, zhou: 70 },
    ]);
    const [at, above] = f.candidates.map((c) => c.ticket) as [string, string];
    await computeDecisions(f.ctx, 'admin', f.batchId);
    let [one, two] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(one!.decision.components.find((c) => c.code === 'skill')?.score).toBe(68.3);
    expect(two!.decision.outcome).toBe('pending');
    expect(two!.decision.reasons).toEqual([
      '操作技能：考评员评分最高与最低相差 15.1 分，超过 15 分，须由考评组长裁定分差',
    ]);
    expect((await scoreStatus(f.ctx, 'admin', f.batchId)).blocked).toEqual([
      {
        ticket: above,
        name: f.candidates[1]!.name,
        component: '操作技能',
        reason: '考评员评分最高与最低相差 15.1 分，超过 15 分，须由考评组长裁定分差',
      },
    ]);

    await expect(
      resolveSpread(f.ctx, 'liu', f.batchId, { ticket: above, component: 'skill', reason: '合议' }),
    ).rejects.toThrow(/只有操作技能的考评组长/);
    await expect(
      resolveSpread(f.ctx, 'chen', f.batchId, { ticket: above, component: '操作技能', reason: ' ' }),
    ).rejects.toThrow(/须填写裁定理由/);
    await resolveSpread(f.ctx, 'chen', f.batchId, {
      ticket: above,
      component: '操作技能',
      reason: '复核录像后合议，维持各自评分',
    });
    await computeDecisions(f.ctx, 'admin', f.batchId);
    [one, two] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(two!.decision).toMatchObject({ outcome: 'pass', practicalScore: 68.4 });
    expect(at).not.toBe(above);
  });

  it('never counts a related assessor and needs an odd number of sheets', async () => {
    const f = await ready(2);
    await setPanel(f.ctx, 'admin', f.batchId, 'skill', { leader: 'chen', members: ['chen', 'liu', 'zhou', 'wu'] });
    const [a, b] = f.candidates.map((c) => c.ticket) as [string, string];
    const sheet: Record<string, Record<string, number>> = {
      [a]: { chen: 70, liu: 70, zhou: 70, wu: 71 },
      [b]: { chen: 70, liu: 70, zhou: 70 },
    };
    await enterScores(f, sheet);
    // Declared after the sheets were entered: the related sheet is dropped when the panel aggregates.
    await recordRelation(f.ctx, 'admin', f.batchId, { ticket: b, assessor: 'zhou', relation: '师徒' });
    await computeDecisions(f.ctx, 'admin', f.batchId);
    const [one, two] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(one!.decision.reasons).toEqual(['操作技能：有效评分 4 份，评分考评员人数应为奇数']);
    expect(two!.decision.reasons).toEqual(['操作技能：有效评分 2 份，至少需要 3 名考评员独立评分']);
  });
});
