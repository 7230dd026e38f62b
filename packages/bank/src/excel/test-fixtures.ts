import ExcelJS from 'exceljs';
import { indexOutline } from '@kaowu/domain';
import { ITEM_HEADERS, ITEM_SHEET, sampleOutline } from './index.ts';

/** Builders for the workbooks the Excel tests read: a row is its cell values by header name. */
export type RowSpec = Partial<Record<string, ExcelJS.CellValue>>;

/** The outline the item fixtures are tagged against: points AA001–AA003 and BA001–BA003. */
export const fixtureOutline = sampleOutline(2, 3);
export const fixtureIndex = indexOutline(fixtureOutline);

export const singleRow = (overrides: RowSpec = {}): RowSpec => ({
  题型: '单选题',
  鉴定点代码: 'AA001',
  难度: 3,
  题干: '我国低压供电系统的标准频率是（ ）。',
  选项A: '25 Hz',
  选项B: '50 Hz',
  选项C: '60 Hz',
  答案: 'B',
  ...overrides,
});

export const multipleRow = (overrides: RowSpec = {}): RowSpec =>
  singleRow({
    题型: '多选题',
    题干: '下列属于安全用具的有（ ）。',
    选项A: '绝缘手套',
    选项B: '绝缘靴',
    选项C: '验电器',
    选项D: '普通手套',
    答案: 'ABC',
    ...overrides,
  });

export const trueFalseRow = (overrides: RowSpec = {}): RowSpec => ({
  题型: '判断题',
  鉴定点代码: 'BA002',
  难度: '易',
  题干: '电气设备的金属外壳必须可靠接地。',
  答案: '√',
  ...overrides,
});

export interface WorkbookOptions {
  readonly sheet?: string;
  readonly headers?: readonly string[];
  /** Changes made to the sheet after the rows are written (merges, odd cells). */
  readonly edit?: (sheet: ExcelJS.Worksheet) => void;
}

/** A workbook with one sheet: the header row, then one row per spec from row 2 (`null` leaves the row empty). */
export async function workbookOf(
  rows: readonly (RowSpec | null)[],
  options: WorkbookOptions = {},
): Promise<Uint8Array> {
  const headers = options.headers ?? ITEM_HEADERS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheet ?? ITEM_SHEET);
  sheet.addRow([...headers]);
  rows.forEach((spec, i) => {
    const row = sheet.getRow(i + 2);
    for (const [header, value] of Object.entries(spec ?? {})) {
      const column = headers.indexOf(header);
      if (column < 0) throw new Error(`fixture: no column ${header}`);
      if (value !== undefined) row.getCell(column + 1).value = value;
    }
  });
  options.edit?.(sheet);
  return bytesOf(workbook);
}

export async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

export async function openWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}
