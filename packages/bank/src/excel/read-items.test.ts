import { describe, expect, it } from 'vitest';
import type { SheetProblem } from '@kaowu/domain';
import { type ImportRow, readItemWorkbook } from './index.ts';
import {
  fixtureIndex,
  multipleRow,
  type RowSpec,
  singleRow,
  trueFalseRow,
  workbookOf,
  type WorkbookOptions,
} from './test-fixtures.ts';

async function importRows(rows: readonly (RowSpec | null)[], options?: WorkbookOptions): Promise<ImportRow[]> {
  const result = await readItemWorkbook(await workbookOf(rows, options), fixtureIndex);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems, null, 1)}`);
  return result.rows;
}

async function importProblems(rows: readonly (RowSpec | null)[], options?: WorkbookOptions): Promise<SheetProblem[]> {
  const result = await readItemWorkbook(await workbookOf(rows, options), fixtureIndex);
  if (result.ok) throw new Error('expected problems, the workbook imported');
  return result.problems;
}

/** Where a problem is, without its wording: what users navigate by. */
const place = ({ row, column, field }: SheetProblem): string => `${row} ${column} ${field}`;

async function onlyProblem(spec: RowSpec): Promise<SheetProblem> {
  const problems = await importProblems([singleRow(), spec]);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0] as SheetProblem;
}

describe('reading valid item rows', () => {
  it('reads each item type into validated content, with its row and code', async () => {
    const rows = await importRows([
      singleRow({ 编号: 'Q-1' }),
      multipleRow(),
      trueFalseRow({ 解析: '保护接地防止触电。' }),
    ]);
    expect(rows).toEqual([
      {
        row: 2,
        code: 'Q-1',
        content: {
          type: 'single',
          point: 'AA001',
          difficulty: 3,
          stem: '我国低压供电系统的标准频率是（ ）。',
          options: ['25 Hz', '50 Hz', '60 Hz'],
          key: 1,
          shuffle: 'all',
          explanation: '',
        },
      },
      {
        row: 3,
        code: undefined,
        content: {
          type: 'multiple',
          point: 'AA001',
          difficulty: 3,
          stem: '下列属于安全用具的有（ ）。',
          options: ['绝缘手套', '绝缘靴', '验电器', '普通手套'],
          key: [0, 1, 2],
          shuffle: 'all',
          explanation: '',
        },
      },
      {
        row: 4,
        code: undefined,
        content: {
          type: 'true_false',
          point: 'BA002',
          difficulty: 1,
          stem: '电气设备的金属外壳必须可靠接地。',
          key: true,
          explanation: '保护接地防止触电。',
        },
      },
    ]);
  });

  it('accepts every spelling of the item types', async () => {
    const spelled = (row: typeof singleRow, ...names: string[]) => names.map((题型) => row({ 题型 }));
    const rows = await importRows([
      ...spelled(trueFalseRow, '判断题'),
      ...spelled(singleRow, '单选题', '单项选择题'),
      ...spelled(multipleRow, '多选题', '多项选择题'),
    ]);
    expect(rows.map((r) => r.content.type)).toEqual(['true_false', 'single', 'single', 'multiple', 'multiple']);
  });

  it('accepts every spelling of true/false answers', async () => {
    const spellings: [string | boolean, boolean][] = [
      ['√', true],
      ['×', false],
      ['对', true],
      ['错', false],
      ['正确', true],
      ['错误', false],
      ['T', true],
      ['F', false],
      ['t', true],
      [true, true],
      [false, false],
    ];
    const rows = await importRows(spellings.map(([answer]) => trueFalseRow({ 答案: answer })));
    expect(rows.map((r) => r.content.key)).toEqual(spellings.map(([, key]) => key));
  });

  it('accepts choice answers with letters in any order, case and separators', async () => {
    const multiple = ['ACD', 'A,C,D', 'A、C、D', 'DCA', 'a c d', 'A，C，D', 'A;C;D', 'ＡＣＤ'];
    const rows = await importRows([
      ...multiple.map((answer) => multipleRow({ 答案: answer })),
      singleRow({ 答案: ' c ' }),
    ]);
    expect(rows.map((r) => r.content.key)).toEqual([...multiple.map(() => [0, 2, 3]), 2]);
  });

  it('accepts difficulties as numbers, numeric text and words', async () => {
    const written = [1, '2', ' 3 ', '４', 5, '易', '较易', '中等', '较难', '难'];
    const rows = await importRows(written.map((d) => singleRow({ 难度: d })));
    expect(rows.map((r) => r.content.difficulty)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  });

  it('reads numbers, rich text, cached formula results and hyperlinks as the text they show', async () => {
    const [row] = await importRows([
      singleRow({
        编号: 1001,
        鉴定点代码: { formula: 'UPPER("aa001")', result: 'AA001' },
        难度: { formula: '1+2', result: 3 },
        题干: {
          richText: [{ text: '额定电压为 ' }, { text: '220 V', font: { bold: true } }, { text: ' 的设备是（ ）。' }],
        },
        选项A: 110,
        选项B: 220.5,
        选项C: { text: '见说明书', hyperlink: 'https://example.com/manual' },
        答案: { formula: 'CHAR(66)', result: 'B' },
      }),
    ]);
    expect(row?.code).toBe('1001');
    expect(row?.content).toMatchObject({
      point: 'AA001',
      difficulty: 3,
      stem: '额定电压为 220 V 的设备是（ ）。',
      options: ['110', '220.5', '见说明书'],
      key: 1,
    });
  });

  it('forgives stray, full-width and zero-width spaces and lower-case or full-width point codes', async () => {
    const [row] = await importRows([
      singleRow({
        编号: '\u3000Q-7 ',
        题型: ' 单选题\u3000',
        鉴定点代码: ' ａａ００１ ',
        题干: '\u200b  题干文字\u3000\u3000',
        选项A: ' 甲 ',
        选项B: '\u00a0乙',
        选项C: null,
        答案: '\u3000A\u3000',
      }),
    ]);
    expect(row).toMatchObject({
      code: 'Q-7',
      content: { point: 'AA001', stem: '题干文字', options: ['甲', '乙'], key: 0 },
    });
  });

  it('skips empty rows, rows of spaces and trailing empty rows', async () => {
    const rows = await importRows([singleRow(), null, { 编号: '  ', 题干: '\u3000' }, trueFalseRow(), null, null], {
      edit: (sheet) => {
        sheet.getCell('E20').value = ' ';
      },
    });
    expect(rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it('reads a header with stray spaces and full-width brackets', async () => {
    const rows = await importRows([singleRow()], {
      edit: (sheet) => {
        sheet.getCell('A1').value = ' 编号 ';
        sheet.getCell('E1').value = { richText: [{ text: '题' }, { text: '干' }] };
      },
    });
    expect(rows).toHaveLength(1);
  });
});

describe('reporting problems by row, column and field', () => {
  it.each([
    ['an unknown type', singleRow({ 题型: '填空题' }), '3 B 题型', '填空题'],
    ['an empty type', singleRow({ 题型: null }), '3 B 题型', '题型为空'],
    ['a missing key', singleRow({ 答案: null }), '3 N 答案', '答案为空'],
    ['a key letter without an option', singleRow({ 答案: 'D' }), '3 N 答案', '答案 D 没有对应的选项'],
    ['a single choice with two keys', singleRow({ 答案: 'AB' }), '3 N 答案', '只能有一个答案'],
    ['a multiple choice with one key', multipleRow({ 答案: 'A' }), '3 N 答案', '至少有 2 个正确选项'],
    ['an unreadable true/false key', trueFalseRow({ 答案: '也许' }), '3 N 答案', '无法识别'],
    ['an unknown point', singleRow({ 鉴定点代码: 'ZZ001' }), '3 C 鉴定点代码', '不在鉴定要素细目表中'],
    ['an empty point', singleRow({ 鉴定点代码: ' ' }), '3 C 鉴定点代码', '鉴定点代码为空'],
    ['an empty stem', singleRow({ 题干: '\u3000' }), '3 E 题干', '题干为空'],
    ['a bad difficulty', singleRow({ 难度: 6 }), '3 D 难度', '难度“6”无效'],
    ['an empty difficulty', singleRow({ 难度: null }), '3 D 难度', '难度为空'],
    [
      'a choice item with one option',
      singleRow({ 选项B: null, 选项C: null, 答案: 'A' }),
      '3 G 选项B',
      '至少需要 2 个选项',
    ],
    ['a gap in the options', multipleRow({ 选项C: ' ', 答案: 'ABD' }), '3 H 选项C', '选项C为空'],
    ['options on a true/false item', trueFalseRow({ 选项A: '对' }), '3 F 选项A', '判断题不填选项'],
    ['HTML in the stem', singleRow({ 题干: '<b>额定</b>电压' }), '3 E 题干', 'HTML'],
    ['HTML in an option', singleRow({ 选项B: '<i>50</i> Hz' }), '3 G 选项B', 'HTML'],
    ['two identical options', singleRow({ 选项C: '25 Hz' }), '3 H 选项C', '选项C与选项A相同'],
    ['a web image in the explanation', singleRow({ 解析: '![图](https://x.cn/a.png)' }), '3 O 解析', 'asset'],
    ['a date where text belongs', singleRow({ 题干: new Date(Date.UTC(2024, 0, 2)) }), '3 E 题干', '日期'],
    [
      'a formula without a cached result',
      singleRow({ 答案: { formula: 'CHAR(66)' } }),
      '3 N 答案',
      '公式没有保存计算结果',
    ],
    [
      'a formula whose result is an error',
      singleRow({ 难度: { formula: '1/0', result: { error: '#DIV/0!' } } }),
      '3 D 难度',
      '#DIV/0!',
    ],
    ['an error value', singleRow({ 选项A: { error: '#N/A' } }), '3 F 选项A', '#N/A'],
  ] satisfies [string, RowSpec, string, string][])('reports %s', async (_, spec, where, message) => {
    const problem = await onlyProblem(spec);
    expect(place(problem)).toBe(where);
    expect(problem.sheet).toBe('试题');
    expect(problem.message).toContain(message);
  });

  it('reports every duplicate code, naming the row that used it first', async () => {
    const problems = await importProblems([
      singleRow({ 编号: 'Q-1' }),
      singleRow({ 编号: 'Q-2' }),
      trueFalseRow({ 编号: 'Q-1' }),
      multipleRow({ 编号: ' Q-1' }),
    ]);
    expect(problems.map((p) => [place(p), p.message])).toEqual([
      ['4 A 编号', '编号“Q-1”与第 2 行重复'],
      ['5 A 编号', '编号“Q-1”与第 2 行重复'],
    ]);
  });

  it('reports merged cells in the data area at their top-left cell', async () => {
    const problems = await importProblems([singleRow(), singleRow(), singleRow({ 题型: null }), singleRow()], {
      edit: (sheet) => {
        sheet.mergeCells('B3:B4');
        sheet.mergeCells('O5:P6');
      },
    });
    expect(problems.map(place)).toEqual(['3 B 题型', '5 O 解析']);
    expect(problems[0]?.message).toContain('B3:B4');
  });

  it('reports content in a column that has no header', async () => {
    const problems = await importProblems([singleRow()], { edit: (sheet) => (sheet.getCell('P2').value = '已通过') });
    expect(problems.map(place)).toEqual(['2 P ']);
  });

  it('reports all problems of all rows at once, in sheet order', async () => {
    const problems = await importProblems([
      singleRow(),
      singleRow({ 题型: '问答题' }),
      multipleRow({ 答案: 'A' }),
      singleRow(),
      trueFalseRow({ 鉴定点代码: 'XX999', 难度: '很难' }),
      singleRow({ 题干: null, 答案: 'E' }),
      multipleRow({ 选项B: null }),
    ]);
    expect(problems.map(place)).toEqual([
      '3 B 题型',
      '4 N 答案',
      '6 C 鉴定点代码',
      '6 D 难度',
      '7 E 题干',
      '7 N 答案',
      '8 G 选项B',
    ]);
  });
});

describe('refusing workbooks that cannot be read row by row', () => {
  it('reads a one-sheet workbook whose header matches, whatever the sheet is called', async () => {
    const result = await readItemWorkbook(await workbookOf([singleRow()], { sheet: 'Sheet1' }), fixtureIndex);
    expect(result.ok && result.rows.map((r) => r.row)).toEqual([2]);
  });

  it('reports a missing 试题 sheet, naming the sheets found', async () => {
    const problems = await importProblems([singleRow()], {
      sheet: 'Sheet1',
      edit: (sheet) => (sheet.getCell('A1').value = '序号'),
    });
    expect(problems).toEqual([
      {
        sheet: '试题',
        row: 0,
        column: '',
        field: '',
        message: '找不到工作表“试题”（工作簿中的工作表：“Sheet1”），也没有表头与模板相符的唯一工作表',
      },
    ]);
  });

  it('reports a file that is not a workbook', async () => {
    const result = await readItemWorkbook(new TextEncoder().encode('编号,题型\n1,单选题'), fixtureIndex);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['文件不是有效的 Excel 工作簿（.xlsx）']);
  });

  it('reports each wrong header cell and reads no rows', async () => {
    const problems = await importProblems([singleRow({ 题型: '问答题' })], {
      edit: (sheet) => {
        sheet.getCell('A1').value = '题型';
        sheet.getCell('B1').value = '编号';
        sheet.getCell('E1').value = '题目';
        sheet.getCell('O1').value = null;
        sheet.getCell('P1').value = '状态';
      },
    });
    expect(problems.map((p) => [place(p), p.message])).toEqual([
      ['1 A 编号', '表头应为“编号”，实际为“题型”（列的顺序与模板不同）'],
      ['1 B 题型', '表头应为“题型”，实际为“编号”（列的顺序与模板不同）'],
      ['1 E 题干', '表头应为“题干”，实际为“题目”'],
      ['1 O 解析', '缺少表头“解析”'],
      ['1 P ', expect.stringContaining('多余的列“状态”')],
    ]);
  });

  it('reports merged header cells', async () => {
    const problems = await importProblems([singleRow()], { edit: (sheet) => sheet.mergeCells('A1:B1') });
    expect(problems.map(place)).toEqual(['1 A 编号', '1 B 题型']);
    expect(problems[0]?.message).toBe('表头不能合并单元格（A1:B1）');
  });

  it('reports an empty sheet as fifteen missing headers', async () => {
    const problems = await importProblems([], { headers: [] });
    expect(problems).toHaveLength(15);
    expect(problems.every((p) => p.row === 1 && p.message.startsWith('缺少表头'))).toBe(true);
  });
});
