import ExcelJS from 'exceljs';
import { DIFFICULTIES, DIFFICULTY_NAMES, type ItemContent, ITEM_TYPE_NAMES, type OutlineIndex } from '@kaowu/domain';
import { columnLetter } from './cells.ts';
import { addItemSheet, ITEM_COLUMNS, ITEM_HEADERS, itemRowValues } from './item-sheet.ts';
import { EXAMPLE_MARKER } from './sheet.ts';
import { workbookBytes } from './workbook-io.ts';

export const POINT_LIST_SHEET = '鉴定点';
export const GUIDE_SHEET = '填写说明';
/** Rows 2… that carry the drop-downs; exceljs expands ranges cell by cell when reading, so keep it finite. */
const TEMPLATE_ROWS = 10_000;

const NOTES: Readonly<Record<string, string>> = {
  编号: '可选。题目在原有题库中的编号，同一文件内不能重复。',
  题型: '必填。判断题、单选题（单项选择题）或多选题（多项选择题），可从下拉列表选择。',
  鉴定点代码: '必填。鉴定要素细目表中的鉴定点代码，例如 BA001；每道题只对应一个鉴定点。',
  难度: '必填。1–5 或 易、较易、中等、较难、难（1 为易，5 为难）。',
  题干: '必填。纯文本：**粗体**、*斜体*，图片写作 ![说明](asset:文件名.png)；不支持 HTML。',
  选项A: '选择题必填：从选项A 开始连续填写 2–8 个选项，中间不能空。判断题不填选项。',
  答案:
    '必填。单选题填一个字母，如 B；多选题填至少两个字母，如 ACD、A,C,D 或 A、C、D；' +
    '判断题填 √ 或 ×（也可写 对/错、正确/错误、T/F）。',
  解析: '可选。答案解析，格式同题干。',
};
const OPTION_NOTE = '可选。选项须从 A 开始连续填写，中间不能空。';

/** exceljs supports range validations (`dataValidations.add`) but leaves them out of its typings. */
interface RangeValidations {
  readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function listValidation(formula: string, what: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `${what}无效`,
    error: `请从下拉列表中选择${what}`,
  };
}

function addPointList(workbook: ExcelJS.Workbook, outline: OutlineIndex): string {
  const sheet = workbook.addWorksheet(POINT_LIST_SHEET, { state: 'hidden' });
  sheet.columns = [
    { header: '代码', width: 12 },
    { header: '名称', width: 40 },
    { header: '重要程度', width: 10 },
    { header: '所属鉴定范围', width: 30 },
  ];
  for (const point of outline.points.values()) {
    const area = point.areaPath.at(-1) ?? '';
    sheet.addRow([point.code, point.name, point.importance, `${area} ${outline.areaNames.get(area) ?? ''}`.trim()]);
  }
  // Inline lists are limited to 255 characters, so the drop-down refers to the hidden sheet by range.
  return `'${POINT_LIST_SHEET}'!$A$2:$A$${outline.points.size + 1}`;
}

function exampleItems(point: string): { code: string; content: ItemContent }[] {
  const common = { point, explanation: '' };
  return [
    {
      code: 'T-001',
      content: { type: 'true_false', ...common, difficulty: 1, stem: '电气设备的金属外壳必须可靠接地。', key: true },
    },
    {
      code: 'S-001',
      content: {
        type: 'single',
        ...common,
        difficulty: 3,
        stem: '我国低压供电系统的标准频率是（ ）。',
        options: ['25 Hz', '50 Hz', '60 Hz', '100 Hz'],
        key: 1,
        shuffle: 'all',
        explanation: '我国电网的标准频率为 50 Hz。',
      },
    },
    {
      code: 'M-001',
      content: {
        type: 'multiple',
        ...common,
        difficulty: 4,
        stem: '下列属于安全用具的有（ ）。',
        options: ['绝缘手套', '绝缘靴', '验电器', '普通手套'],
        key: [0, 1, 2],
        shuffle: 'all',
      },
    },
  ];
}

function addGuide(workbook: ExcelJS.Workbook, point: string): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET);
  sheet.getColumn(1).width = 14;
  const lines = [
    '试题导入模板填写说明',
    '1. 在“试题”工作表中每行填写一道题，不要修改、移动或增加表头；空行会被忽略。',
    `2. 题型：${Object.values(ITEM_TYPE_NAMES).join('、')}（也可写单项选择题、多项选择题）。`,
    `3. 难度：1–5，或 ${DIFFICULTIES.map((d) => `${d}=${DIFFICULTY_NAMES[d]}`).join('、')}。`,
    '4. 鉴定点代码必须是本职业等级鉴定要素细目表中的鉴定点（可从下拉列表选择）。',
    '5. 选择题的选项从选项A 开始连续填写，2–8 个；判断题不填选项。',
    '6. 答案：单选题一个字母；多选题至少两个字母（ACD、A,C,D、A、C、D 均可）；' +
      '判断题 √ 或 ×（对/错、正确/错误、T/F 均可）。',
    '7. 不要合并单元格；题干、选项和解析只用纯文本（**粗体**、*斜体*、![说明](asset:图片.png)），不要使用 HTML。',
    '8. 导入时先检查整个文件，所有问题会一次列出（行号、列号和原因），全部改正后才会导入。',
    '',
    '示例（每种题型一行，仅供参考，本工作表的内容不会导入）：',
  ];
  lines.forEach((line) => sheet.addRow([line]));
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow([...ITEM_HEADERS]);
  header.font = { bold: true };
  for (const example of exampleItems(point)) sheet.addRow(itemRowValues(example.code, example.content));
}

/**
 * A blank item workbook to fill in: annotated, frozen header; drop-downs for 题型, 难度 and (given an outline)
 * 鉴定点代码; an example row (编号 示例, skipped on import); a 填写说明 sheet with instructions and one example per
 * item type. As downloaded, it imports as zero rows.
 */
export async function itemTemplateWorkbook(outline?: OutlineIndex): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addItemSheet(workbook);
  ITEM_HEADERS.forEach((header, i) => {
    const note = NOTES[header] ?? OPTION_NOTE;
    sheet.getCell(1, i + 1).note = note;
  });

  const rangeOf = (column: number): string => {
    const letter = columnLetter(column);
    return `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
  };
  const validations = (sheet as unknown as RangeValidations).dataValidations;
  const types = Object.values(ITEM_TYPE_NAMES).join(',');
  validations.add(rangeOf(ITEM_COLUMNS.type), listValidation(`"${types}"`, '题型'));
  const difficulties = [...DIFFICULTIES.map(String), ...DIFFICULTIES.map((d) => DIFFICULTY_NAMES[d])].join(',');
  validations.add(rangeOf(ITEM_COLUMNS.difficulty), listValidation(`"${difficulties}"`, '难度'));
  const firstPoint = outline?.points.keys().next().value ?? 'BA001';
  // Row 2 shows how a row is filled; its 编号 says 示例, so import skips it (typing over it makes it a real item).
  const single = exampleItems(firstPoint)[1]!;
  const example = sheet.getRow(2);
  example.values = itemRowValues(EXAMPLE_MARKER, single.content);
  example.font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell(2, ITEM_COLUMNS.code).note =
    '示例行：编号为“示例”的行导入时跳过。可在其下填写，或直接覆盖本行（覆盖时请清除“示例”）。';
  addGuide(workbook, firstPoint);
  if (outline && outline.points.size > 0)
    validations.add(rangeOf(ITEM_COLUMNS.point), listValidation(addPointList(workbook, outline), '鉴定点代码'));
  return workbookBytes(workbook);
}
