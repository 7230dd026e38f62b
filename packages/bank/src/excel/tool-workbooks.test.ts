import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexOutline } from '@kaowu/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { itemTemplateWorkbook, readItemWorkbook, sampleOutline } from './index.ts';
import { bytesOf, openWorkbook } from './test-fixtures.ts';

/** Workbooks made by the real tools (fixtures/workbooks/make-fixtures.sh): openpyxl and LibreOffice. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/workbooks');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
/** Points AA001–AA004, as the fixtures' items use. */
const index = indexOutline(sampleOutline(2, 4));

describe('workbooks from every tool', () => {
  it('exceljs reads an openpyxl workbook with 批注 (patched: exceljs#2797, absolute part names)', async () => {
    // Unpatched exceljs 4.4.0 throws "Cannot read properties of undefined (reading 'comments')" here.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(FIXTURES, 'template-openpyxl.xlsx')) as never);
    const sheet = workbook.getWorksheet('试题')!;
    // openpyxl keeps the template's notes and adds its own, as plain text under <text> (no rich-text runs).
    expect(sheet.getCell('E3').note).toBe('批注：请审核人确认措辞。');
    expect(sheet.getCell('A1').note).toBe('可选。题目在原有题库中的编号，同一文件内不能重复。');
  });

  it('imports the openpyxl-saved template: its two items, not the example row', async () => {
    const result = await readItemWorkbook(fixture('template-openpyxl.xlsx'), index);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.row, r.content.point, r.content.type])).toEqual([
      [3, 'AA001', 'true_false'],
      [4, 'AA002', 'single'],
    ]);
  });

  it('imports a LibreOffice-converted CSV, whose only sheet is named after the file', async () => {
    const workbook = await openWorkbook(fixture('items-libreoffice.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['items-libreoffice']);
    const result = await readItemWorkbook(fixture('items-libreoffice.xlsx'), index);
    expect(result.ok && result.rows.map((r) => [r.content.point, r.content.type])).toEqual([
      ['AA003', 'true_false'],
      ['AA004', 'multiple'],
    ]);
  });

  it('still names the sheet it needs when the only sheet has another header, and when there are several', async () => {
    const one = new ExcelJS.Workbook();
    one.addWorksheet('Sheet1').addRow(['姓名', '身份证号']);
    expect(await readItemWorkbook(await bytesOf(one), index)).toMatchObject({
      ok: false,
      problems: [{ sheet: '试题', message: expect.stringContaining('找不到工作表“试题”') }],
    });
    const two = await openWorkbook(fixture('items-libreoffice.xlsx'));
    two.addWorksheet('备注');
    expect(await readItemWorkbook(await bytesOf(two), index)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining('“items-libreoffice”、“备注”') }],
    });
  });

  it('the template carries an example row (编号 示例) that import skips, and a row typed below it imports', async () => {
    const workbook = await openWorkbook(await itemTemplateWorkbook(index));
    const sheet = workbook.getWorksheet('试题')!;
    expect(sheet.getCell('A2').value).toBe('示例');
    expect(sheet.getCell('C2').value).toBe('AA001');
    expect(await readItemWorkbook(await bytesOf(workbook), index)).toEqual({ ok: true, rows: [] });
    sheet.getRow(3).values = ['', '判断题', 'AA002', 1, '新写的一题。', '', '', '', '', '', '', '', '', '√'];
    const result = await readItemWorkbook(await bytesOf(workbook), index);
    expect(result.ok && result.rows.map((r) => r.row)).toEqual([3]);
  });
});
