import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../testing/bank.ts';
import { changeStatus, importItemWorkbook } from '../index.ts';
import { listItems } from './items.ts';
import { WorkbookError } from './item-import.ts';
import { createFixture } from '../testing/bank.ts';

const HEADER = [
  '编号',
  '题型',
  '鉴定点代码',
  '难度',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
];

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  ws.addRow(HEADER);
  for (const r of rows)
    ws.addRow([...r.slice(0, 5), ...r.slice(5, r.length - 2), ...Array(8 - (r.length - 7)).fill(null), ...r.slice(-2)]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const GOOD = [
  [
    'K1',
    '单项选择题',
    'BA001',
    '较易',
    '10 Ω 电阻两端电压 220 V，电流为（  ）。',
    '2.2 A',
    '22 A',
    '220 A',
    '0.22 A',
    'B',
    '欧姆定律',
  ],
  ['K2', '判断题', 'A001', 1, '安全电压的额定值有 42 V、36 V、24 V、12 V、6 V。', '√', '国家标准规定'],
  [
    'K3',
    '多选题',
    'A002',
    '中等',
    '使触电者脱离低压电源的方法有（  ）。',
    '拉开电源开关',
    '用干燥木棒挑开电线',
    '直接用手拉开触电者',
    '用绝缘钳剪断电线',
    'A、B、D',
    '',
  ],
];

async function counts(f: Fixture): Promise<[number, number]> {
  const items = await f.ctx.db
    .selectFrom('items')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const audit = await f.ctx.db
    .selectFrom('audit_log')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return [Number(items.n), Number(audit.n)];
}

describe('Excel item import into a bank', () => {
  it('imports every row as a draft, and a re-import of identical content creates nothing', async () => {
    const f = await createFixture();
    const data = await workbook(GOOD);
    expect(await importItemWorkbook(f.ctx, 'wang', f.bank, data)).toMatchObject({ rows: 3, created: 3 });
    const items = await listItems(f.ctx, f.bank);
    expect(items.map((i) => [i.code, i.status, i.author])).toEqual([
      ['K1', 'draft', 'wang'],
      ['K2', 'draft', 'wang'],
      ['K3', 'draft', 'wang'],
    ]);
    expect(items[2]?.content).toMatchObject({ type: 'multiple', key: [0, 1, 3] });
    const [, auditBefore] = await counts(f);
    expect(await importItemWorkbook(f.ctx, 'wang', f.bank, data)).toMatchObject({ created: 0, unchanged: 3 });
    expect((await counts(f))[0]).toBe(3);
    expect((await counts(f))[1]).toBe(auditBefore + 1); // only the import itself is recorded
  });

  it('re-importing a changed approved item creates a new version under the same 编号', async () => {
    const f = await createFixture();
    await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(GOOD), { submit: true });
    await changeStatus(f.ctx, 'li', f.bank, ['K1', 'K2', 'K3'], 'approve');
    const changed = GOOD.map((r) => (r[0] === 'K1' ? [...r.slice(0, 4), '改过的题干（  ）。', ...r.slice(5)] : r));
    expect(await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(changed))).toMatchObject({
      newVersions: 1,
      unchanged: 2,
    });
    const k1 = (await listItems(f.ctx, f.bank)).find((i) => i.code === 'K1');
    expect(k1).toMatchObject({ version: 2, status: 'draft' });
  });

  it('assigns codes to rows without 编号', async () => {
    const f = await createFixture();
    await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(GOOD.map((r) => [null, ...r.slice(1)])));
    expect((await listItems(f.ctx, f.bank)).map((i) => i.code)).toEqual(['A001-01', 'A002-01', 'BA001-01']);
  });

  it('reports every bad row with sheet, row and column, and imports nothing', async () => {
    const f = await createFixture();
    const before = await counts(f);
    const bad = [
      GOOD[0]!,
      ['K4', '填空题', 'A001', 1, '题干', '甲', '乙', '', '', 'A', ''], // wrong type → row 3, B
      ['K5', '单选题', 'A001', 2, '题干', '甲', '乙', '丙', '丁', '', ''], // missing key → row 4, N
      ['K6', '单选题', 'A001', 2, '题干', '甲', '乙', '', '', 'D', ''], // key letter without option → row 5, N
      ['K7', '单选题', 'Q001', 2, '题干', '甲', '乙', '', '', 'A', ''], // unknown point → row 6, C
      ['K8', '判断题', 'A001', 2, '', '对', ''], // empty stem → row 7, E
      ['K1', '判断题', 'A001', 2, '重复编号', '对', ''], // duplicate 编号 → row 8, A
    ];
    const error = await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    const problems = (error as WorkbookError).problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(problems).toEqual(
      expect.arrayContaining(['试题!B3', '试题!N4', '试题!N5', '试题!C6', '试题!E7', '试题!A8']),
    );
    expect(await counts(f)).toEqual(before);
  });

  it('refuses to overwrite an item that is under review, naming its row', async () => {
    const f = await createFixture();
    await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(GOOD), { submit: true });
    const changed = GOOD.map((r) => [...r.slice(0, 4), `${String(r[4])}（改）`, ...r.slice(5)]);
    const error = (await importItemWorkbook(f.ctx, 'wang', f.bank, await workbook(changed)).catch(
      (e: unknown) => e,
    )) as WorkbookError;
    expect(error.problems.map((p) => [p.row, p.field])).toEqual([
      [2, '编号'],
      [3, '编号'],
      [4, '编号'],
    ]);
    expect((await listItems(f.ctx, f.bank)).every((i) => i.version === 1 && i.status === 'in_review')).toBe(true);
  });
});
