import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { createContext } from '@kaowu/services';
import { seedExam, syntheticPerson } from '@kaowu/services/testing';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaowu } from '../testing.ts';

/** The workbook a command wrote, opened as a person's spreadsheet program would. */
async function workbookAt(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const headerOf = (sheet: ExcelJS.Worksheet): unknown[] => (sheet.getRow(1).values as unknown[]).slice(1);

/** A database with the administrator and a batch whose rooms have not opened (the roster still takes imports). */
async function seeded(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-cli-templates-'));
  const db = join(dir, 'k.db');
  const handle = await openDatabase(db);
  await seedExam(createContext(handle), { rooms: [1, 0], planNumber: 'CLI-TPL-1', open: false });
  await handle.destroy();
  return { dir, db };
}

describe('kaowu … template: the example row is skipped on import, the rows typed below it land', () => {
  it('outline template → a filled copy through outline import → only the real rows in the exported outline', async () => {
    const { dir, db } = await seeded();
    const template = join(dir, '细目表模板.xlsx');
    const written = await kaowu('outline', 'template', '--out', template);
    expect([written.code, written.stdout.trim()]).toEqual([0, `已生成模板 ${template}`]);
    const workbook = await workbookAt(template);
    const sheet = workbook.getWorksheet('鉴定要素细目表')!;
    expect(headerOf(sheet)).toEqual(['代码', '名称', '类别', '重要程度', '理论权重(%)']);
    expect([2, 3, 4].map((r) => sheet.getCell(r, 1).value)).toEqual(['示例', '示例', '示例']);

    const common = ['--occupation', '6-31-01-03', '--name', '电工', '--level', '4', '--as', 'admin', '--db', db];
    const meta = [...common, '--basis', '电工国家职业技能标准（2018 年版）'];
    // As written, the template holds nothing to import.
    const blank = await kaowu('outline', 'import', template, ...meta);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('鉴定要素细目表没有内容');

    sheet.addRow(['A', '基本要求', '鉴定范围', null, 100]);
    sheet.addRow(['A001', '安全文明生产', '鉴定点', '核心', null]);
    const filled = join(dir, '细目表.xlsx');
    await workbook.xlsx.writeFile(filled);
    const imported = await kaowu('outline', 'import', filled, ...meta);
    expect([imported.code, imported.stdout.trim()]).toEqual([0, '已导入细目表 6-31-01-03 等级 4']);

    const exported = join(dir, '导出.xlsx');
    expect(
      (await kaowu('outline', 'export', '6-31-01-03', '4', '--out', exported, '--as', 'admin', '--db', db)).code,
    ).toBe(0);
    const back = (await workbookAt(exported)).getWorksheet('鉴定要素细目表')!;
    const rows = (back.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1, 3));
    expect(rows).toEqual([
      ['A', '基本要求'],
      ['A001', '安全文明生产'],
    ]);
  }, 120_000);

  it('roster template → a filled copy through roster import → only the real candidate joins the batch', async () => {
    const { dir, db } = await seeded();
    const common = ['--batch', 'CLI-TPL-1', '--as', 'admin', '--db', db];
    const template = join(dir, '名单模板.xlsx');
    const written = await kaowu('roster', 'template', '--out', template, ...common);
    expect([written.code, written.stdout.trim()]).toEqual([0, `已生成模板 ${template}`]);
    const workbook = await workbookAt(template);
    const sheet = workbook.getWorksheet('考生名单')!;
    expect(headerOf(sheet)).toEqual([
      '姓名',
      '身份证号',
      '文化程度',
      '所在单位',
      '专业工龄',
      '准考证号',
      '考场',
      '座位号',
      '延时（分钟）',
      '时间倍数',
      '大字号',
    ]);
    expect(sheet.getCell('A2').value).toBe('示例');

    const blank = await kaowu('roster', 'import', template, ...common);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('名单中没有考生');

    const p = syntheticPerson(700);
    sheet.addRow([p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]);
    const filled = join(dir, '名单.xlsx');
    await workbook.xlsx.writeFile(filled);
    const imported = await kaowu('roster', 'import', filled, ...common);
    expect([imported.code, imported.stdout.trim()]).toEqual([0, '已导入 1 名考生']);

    const handle = await openDatabase(db);
    const people = await handle.selectFrom('candidates').select(['name', 'id_number']).orderBy('created_at').execute();
    await handle.destroy();
    // The one seeded, then the one typed under the example; nobody named 示例.
    expect(people).toHaveLength(2);
    expect(people.at(-1)).toEqual({ name: p.name, id_number: p.idNumber });
    expect(people.map((x) => x.name)).not.toContain('示例');
  }, 120_000);
});
