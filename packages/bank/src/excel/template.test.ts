import { indexOutline } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { ITEM_HEADERS, itemTemplateWorkbook, readItemWorkbook } from './index.ts';
import { bytesOf, fixtureIndex, fixtureOutline, openWorkbook } from './test-fixtures.ts';

describe('the item template', () => {
  it('imports cleanly as zero rows, with or without an outline', async () => {
    for (const outline of [undefined, fixtureIndex])
      expect(await readItemWorkbook(await itemTemplateWorkbook(outline), fixtureIndex)).toEqual({ ok: true, rows: [] });
  });

  it('has a frozen header with a note on every column', async () => {
    const sheet = (await openWorkbook(await itemTemplateWorkbook(fixtureIndex))).getWorksheet('试题');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    ITEM_HEADERS.forEach((header, i) => {
      const cell = sheet?.getCell(1, i + 1);
      expect(cell?.value).toBe(header);
      expect(cell?.note, header).toBeTruthy();
      expect(sheet?.getColumn(i + 1).width).toBeGreaterThanOrEqual(8);
    });
  });

  it('offers drop-downs for 题型, 难度 and 鉴定点代码, the points listed on a hidden sheet', async () => {
    const workbook = await openWorkbook(await itemTemplateWorkbook(fixtureIndex));
    const sheet = workbook.getWorksheet('试题');
    for (const address of ['B2', 'B10001']) {
      expect(sheet?.getCell(address).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"判断题,单选题,多选题"'],
      });
    }
    expect(sheet?.getCell('D2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"1,2,3,4,5,易,较易,中等,较难,难"'],
    });
    expect(sheet?.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ["'鉴定点'!$A$2:$A$7"] });
    for (const address of ['A2', 'E2', 'N2']) expect(sheet?.getCell(address).dataValidation).toBeUndefined();

    const points = workbook.getWorksheet('鉴定点');
    expect(points?.state).toBe('hidden');
    const codes = [2, 3, 4, 5, 6, 7].map((r) => points?.getCell(`A${r}`).value);
    expect(codes).toEqual([...indexOutline(fixtureOutline).points.keys()]);
  });

  it('leaves out the point drop-down and sheet when no outline is given', async () => {
    const workbook = await openWorkbook(await itemTemplateWorkbook());
    expect(workbook.getWorksheet('鉴定点')).toBeUndefined();
    expect(workbook.getWorksheet('试题')?.getCell('C2').dataValidation).toBeUndefined();
  });

  it('explains itself on 填写说明, with one example per item type that imports when copied to 试题', async () => {
    const workbook = await openWorkbook(await itemTemplateWorkbook(fixtureIndex));
    const guide = workbook.getWorksheet('填写说明');
    const texts: string[] = [];
    guide?.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts.some((t) => t.includes('答案'))).toBe(true);
    const headerRow = texts.indexOf('编号') + 1;
    const examples = [1, 2, 3].map((n) => guide?.getRow(headerRow + n).values as unknown[]);
    const sheet = workbook.getWorksheet('试题');
    examples.forEach((values, i) => (sheet ? (sheet.getRow(i + 2).values = values as never) : undefined));

    const result = await readItemWorkbook(await bytesOf(workbook), fixtureIndex);
    expect(result.ok && result.rows.map((r) => r.content.type)).toEqual(['true_false', 'single', 'multiple']);
  });
});
