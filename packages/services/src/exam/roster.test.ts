import { describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { importRoster } from './index.ts';
import { readRosterWorkbook } from './roster.ts';
import ExcelJS from 'exceljs';
import { rosterTemplate } from './roster-template.ts';
import { rosterWorkbook, seedExam, syntheticPerson, withCheckDigit } from '../testing/index.ts';

const person = (n: number) => {
  const p = syntheticPerson(n);
  return [p.name, p.idNumber, p.education, p.unit, p.years, null, null, null] as (string | number | null)[];
};

describe('roster import', () => {
  it('reads sex and birth date from the ID number', async () => {
    const id = withCheckDigit('11010519491231002');
    const read = await readRosterWorkbook(await rosterWorkbook([['张三', id, '高中', '一车间', 3, null, null, null]]));
    expect(read.ok && read.rows[0]).toMatchObject({
      idNumber: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
      education: 'senior_secondary',
    });
  });

  it('reports every bad row with row, column and reason, and imports nothing', async () => {
    const good = person(1);
    const data = await rosterWorkbook([
      good,
      ['李四', '110105194912310021', '高中', '一车间', 3, null, null, null], // wrong check digit
      // empty name, unknown education, empty unit, bad years, seat without room
      ['', person(3)[1]!, '研究僧', '', 'x', null, null, 7],
      [...good.slice(0, 5), null, null, null], // duplicate ID in the file
    ]);
    const read = await readRosterWorkbook(data);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const where = read.problems.map((p) => `${p.row}${p.column}`);
    expect(where).toEqual(expect.arrayContaining(['3B', '4A', '4C', '4D', '4E', '4G', '5B']));
    expect(read.problems.find((p) => p.row === 3)?.message).toContain('校验位');
    expect(read.problems.find((p) => p.row === 5)?.message).toContain('第 2 行重复');
  });

  it('refuses an ID number Excel stored as a number, in the shared problem shape', async () => {
    const read = await readRosterWorkbook(
      await rosterWorkbook([['张三', Number('110105194912310020'), '高中', '一车间', 3, null, null, null]]),
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        {
          sheet: '考生名单',
          row: 2,
          column: 'B',
          field: '身份证号',
          message: '身份证号被 Excel 存成了数字（会丢失末几位）：请把单元格格式设为“文本”后重新输入',
        },
      ],
    });
  });

  it('seats candidates, generates tickets, and refuses duplicates already in the batch', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    let id = 0;
    const ctx = createContext(db, { newId: () => `id-${++id}` });
    const exam = await seedExam(ctx, { rooms: [3, 2], open: false });
    expect(exam.candidates.map((c) => `${c.roomCode}-${c.seat}`)).toEqual(['01-1', '01-2', '01-3', '02-1', '02-2']);
    const prefix = (await db.selectFrom('batches').select('ticket_prefix').executeTakeFirstOrThrow()).ticket_prefix;
    expect(exam.candidates[0]!.ticket).toBe(`${prefix}01001`);
    const again = rosterWorkbook([person(0), person(50)]);
    await expect(importRoster(ctx, 'admin', exam.batchId, await again)).rejects.toMatchObject({
      code: 'invalid',
      details: [expect.objectContaining({ row: 2, column: 'B', message: '该身份证号的考生已在本批次中' })],
    });
    const full = rosterWorkbook([person(60)]);
    await expect(importRoster(ctx, 'admin', exam.batchId, await full)).rejects.toMatchObject({
      details: [expect.objectContaining({ message: expect.stringContaining('坐满') })],
    });
    expect(await db.selectFrom('candidates').select('id').execute()).toHaveLength(5);
    await db.destroy();
  });

  it('offers a template whose example row (姓名 示例) import skips: only the row typed below it lands', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    let id = 0;
    const ctx = createContext(db, { newId: () => `id-${++id}` });
    const exam = await seedExam(ctx, { rooms: [3, 0], open: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await rosterTemplate(ctx, 'admin', exam.batchId)) as never);
    const sheet = workbook.getWorksheet('考生名单')!;
    expect(sheet.getCell('A2').value).toBe('示例');
    // As downloaded, there is nobody to import.
    const blank = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(importRoster(ctx, 'admin', exam.batchId, blank)).rejects.toMatchObject({
      details: [expect.objectContaining({ message: '名单中没有考生' })],
    });
    const p = syntheticPerson(80);
    sheet.addRow([p.name, p.idNumber, p.education, p.unit, p.years]);
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await importRoster(ctx, 'admin', exam.batchId, filled)).toEqual({ imported: 1, photos: 0 });
    const names = await db.selectFrom('candidates').select('name').execute();
    expect(names.map((c) => c.name)).toEqual([...exam.candidates.map((c) => c.name), p.name]);
    // Someone without the batch's roster duty gets no template.
    await expect(rosterTemplate(ctx, 'proctor_a', exam.batchId)).rejects.toMatchObject({ code: 'forbidden' });
    await db.destroy();
  });
});
