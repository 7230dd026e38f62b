import type ExcelJS from 'exceljs';
import type { Outline, SheetProblem } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import {
  OUTLINE_HEADERS,
  OUTLINE_SHEET,
  outlineTemplateWorkbook,
  readOutlineWorkbook,
  sampleOutline,
  writeOutlineWorkbook,
} from './index.ts';
import { bytesOf, openWorkbook, type RowSpec, workbookOf, type WorkbookOptions } from './test-fixtures.ts';

const meta = {
  occupation: { code: '6-31-01-03', edition: 2015, name: '电工' },
  level: 4,
  basis: '国家职业技能标准 电工',
} as const;

const nested: Outline = {
  ...meta,
  occupation: { ...meta.occupation },
  areas: [
    {
      code: 'A',
      name: '基本要求',
      weight: 20,
      areas: [
        {
          code: 'AA',
          name: '职业道德',
          points: [
            { code: 'AA001', name: '职业道德基本知识', importance: 'X' },
            { code: 'AA002', name: '职业守则', importance: 'Y' },
          ],
        },
      ],
    },
    {
      code: 'B',
      name: '相关知识',
      weight: 80,
      areas: [
        {
          code: 'BA',
          name: '电工基础',
          points: [{ code: 'BA001', name: '电路基本概念', importance: 'X' }],
          areas: [{ code: 'BAA', name: '直流电路', points: [{ code: 'BAA001', name: '欧姆定律', importance: 'Z' }] }],
        },
        { code: 'BB', name: '电子技术', points: [{ code: 'BB001', name: '二极管', importance: 'Y' }] },
      ],
    },
  ],
};

const area = (code: string, name: string, weight?: number | string): RowSpec => ({
  代码: code,
  名称: name,
  类别: '鉴定范围',
  '理论权重(%)': weight ?? null,
});
const point = (code: string, name: string, importance = 'X'): RowSpec => ({
  代码: code,
  名称: name,
  类别: '鉴定点',
  重要程度: importance,
});
const sheetOf = (rows: readonly RowSpec[], options: WorkbookOptions = {}): Promise<Uint8Array> =>
  workbookOf(rows, { sheet: OUTLINE_SHEET, headers: OUTLINE_HEADERS, ...options });
const validRows = (): RowSpec[] => [
  area('A', '基本要求', 40),
  point('A001', '安全'),
  area('B', '相关知识', 60),
  area('BA', '电工基础'),
  point('BA001', '电路'),
];

async function problemsOf(rows: readonly RowSpec[], options?: WorkbookOptions): Promise<SheetProblem[]> {
  const result = await readOutlineWorkbook(await sheetOf(rows, options), meta);
  if (result.ok) throw new Error('expected problems, the outline was accepted');
  return result.problems;
}
const place = ({ row, column, field }: SheetProblem): string => `${row} ${column} ${field}`;

describe('outline workbooks', () => {
  it.each([
    ['a nested outline', nested],
    ['a generated outline', sampleOutline(5, 20)],
  ])('round-trips %s', async (_, outline) => {
    const result = await readOutlineWorkbook(await writeOutlineWorkbook(outline), outline);
    expect(result).toEqual({ ok: true, outline });
  });

  it('reads areas nested by code prefix, percentages and importance words as users write them', async () => {
    const result = await readOutlineWorkbook(
      await sheetOf(
        [
          area('a', '基本要求', '40%'),
          point(' a001 ', '安全', '核心'),
          area('B', '相关知识'),
          area('BA', '电工基础'),
          point('BA001', '电路', 'z'),
        ],
        { edit: (sheet) => Object.assign(sheet.getCell('E4'), { value: 0.6, numFmt: '0%' }) },
      ),
      meta,
    );
    expect(result).toEqual({
      ok: true,
      outline: {
        ...meta,
        areas: [
          { code: 'A', name: '基本要求', weight: 40, points: [{ code: 'A001', name: '安全', importance: 'X' }] },
          {
            code: 'B',
            name: '相关知识',
            weight: 60,
            areas: [{ code: 'BA', name: '电工基础', points: [{ code: 'BA001', name: '电路', importance: 'Z' }] }],
          },
        ],
      },
    });
  });

  it('reports every bad row at once with its row, column and field', async () => {
    const problems = await problemsOf([
      area('A', '基本要求', 40),
      point('A001', '安全', '很重要'),
      { ...area('B', '相关知识', 60), 类别: '范围' },
      point('BA001', '电路'),
      point('A001', '重复'),
      { ...area('C', '', '四十') },
      { ...point('C1', '代码不对'), '理论权重(%)': 5 },
      { ...area('D', '范围'), 重要程度: 'X' },
    ]);
    expect(problems.map((p) => `${place(p)}: ${p.message}`)).toEqual([
      '3 D 重要程度: 重要程度“很重要”无效，应为 X（核心）、Y（一般）或 Z（了解）',
      '4 C 类别: 类别“范围”无效，应为“鉴定范围”或“鉴定点”',
      '5 A 代码: 鉴定点 BA001 所属的鉴定范围 BA 不在表中',
      '6 A 代码: 代码 A001 与第 3 行重复',
      '7 B 名称: 名称为空',
      '7 E 理论权重(%): 理论权重“四十”应为 0–100 的数字',
      '8 A 代码: 鉴定点代码“C1”应为所属范围的字母加三位数字，例如 BA001',
      '8 E 理论权重(%): 理论权重只填在一级鉴定范围上',
      '9 D 重要程度: 鉴定范围不填重要程度（重要程度填在鉴定点上）',
    ]);
  });

  it('checks the structure once rows are valid: weights, nesting and empty areas, at the row at fault', async () => {
    const problems = await problemsOf([
      area('A', '基本要求', 30),
      point('A001', '安全'),
      area('B', '相关知识', 50),
      area('BA', '电工基础', 10),
      area('BB', '空范围'),
      point('BA001', '电路'),
      area('C', '其他'),
    ]);
    expect(problems.map((p) => `${place(p)}: ${p.message}`)).toEqual([
      '2 E 理论权重(%): 一级鉴定范围的理论权重合计为 80%，应为 100%',
      '5 E 理论权重(%): 鉴定范围 BA 不是一级范围，不应设置理论权重',
      '6 A 代码: 鉴定范围 BB 下没有鉴定点',
      '8 A 代码: 鉴定范围 C 下没有鉴定点',
      '8 E 理论权重(%): 一级鉴定范围 C 缺少理论权重',
    ]);
  });

  it('reports problems with the outline meta, which no row holds', async () => {
    const result = await readOutlineWorkbook(await sheetOf(validRows()), {
      ...meta,
      occupation: { ...meta.occupation, code: '631' },
    });
    expect(result.ok ? [] : result.problems.map(place)).toEqual(['0  ']);
  });

  it('reads the only sheet whose header matches, whatever it is called (a converted CSV, Sheet1)', async () => {
    const result = await readOutlineWorkbook(await sheetOf(validRows(), { sheet: '细目表' }), meta);
    expect(result.ok).toBe(true);
  });

  it('reports a missing sheet, a wrong header and an empty sheet', async () => {
    const otherHeader = { sheet: '细目表', edit: (sheet: ExcelJS.Worksheet) => (sheet.getCell('A1').value = '序号') };
    expect(await problemsOf(validRows(), otherHeader)).toMatchObject([
      { row: 0, message: expect.stringContaining('找不到工作表“鉴定要素细目表”') },
    ]);
    const header = await problemsOf(validRows(), { edit: (sheet) => (sheet.getCell('E1').value = '权重') });
    expect(header.map((p) => `${place(p)}: ${p.message}`)).toEqual([
      '1 E 理论权重(%): 表头应为“理论权重(%)”，实际为“权重”',
    ]);
    expect((await problemsOf([])).map((p) => p.message)).toEqual(['鉴定要素细目表没有内容']);
  });
});

describe('the outline template', () => {
  it('carries example rows (代码 示例) that import skips: only the rows typed below them land', async () => {
    const workbook = await openWorkbook(await outlineTemplateWorkbook());
    const sheet = workbook.getWorksheet(OUTLINE_SHEET)!;
    expect([2, 3, 4].map((r) => sheet.getCell(r, 1).value)).toEqual(['示例', '示例', '示例']);
    expect(OUTLINE_HEADERS.map((_, i) => sheet.getCell(1, i + 1).note)).not.toContain(undefined);
    // As downloaded, nothing is read: the only problem is that the sheet is empty.
    const blank = await readOutlineWorkbook(await bytesOf(workbook), meta);
    expect(blank.ok ? [] : blank.problems.map((p) => p.message)).toEqual(['鉴定要素细目表没有内容']);

    sheet.addRow(['A', '基本要求', '鉴定范围', null, 100]);
    sheet.addRow(['A001', '安全', '鉴定点', '核心', null]);
    const filled = await readOutlineWorkbook(await bytesOf(workbook), meta);
    expect(filled).toEqual({
      ok: true,
      outline: {
        ...meta,
        areas: [
          { code: 'A', name: '基本要求', weight: 100, points: [{ code: 'A001', name: '安全', importance: 'X' }] },
        ],
      },
    });
  });
});
