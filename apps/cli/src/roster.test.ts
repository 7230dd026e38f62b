import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { createContext } from '@kaowu/services';
import { placeholderPortrait, rosterWorkbook, seedExam, syntheticPerson, zipOf } from '@kaowu/services/testing';
import { describe, expect, it } from 'vitest';
import { kaowu } from './testing.ts';

describe('kaowu roster', () => {
  it('imports a workbook with its photo zip; a bad photo is named and nothing is imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-cli-roster-'));
    const db = join(dir, 'k.db');
    const handle = await openDatabase(db);
    await seedExam(createContext(handle), { rooms: [1, 0], planNumber: 'CLI-ROSTER-1', open: false });
    await handle.destroy();
    const p = syntheticPerson(400);
    writeFileSync(
      join(dir, '名单.xlsx'),
      await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]),
    );
    writeFileSync(join(dir, 'bad.zip'), await zipOf({ [`${p.idNumber}.jpg`]: 'not an image' }));
    writeFileSync(join(dir, 'good.zip'), await zipOf({ [`${p.idNumber}.jpg`]: await placeholderPortrait(p.name, 0) }));
    const common = ['--batch', 'CLI-ROSTER-1', '--as', 'admin', '--db', db];
    const bad = await kaowu('roster', 'import', join(dir, '名单.xlsx'), '--photos', join(dir, 'bad.zip'), ...common);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `工作表“照片压缩包”（${p.idNumber}.jpg）：文件 ${p.idNumber}.jpg 的内容不是 image/jpeg 图片`,
    );
    const good = await kaowu('roster', 'import', join(dir, '名单.xlsx'), '--photos', join(dir, 'good.zip'), ...common);
    expect([good.code, good.stdout.trim()]).toEqual([0, '已导入 1 名考生，照片 1 张']);
    const again = await kaowu('roster', 'photos', join(dir, 'good.zip'), ...common);
    expect([again.code, again.stdout.trim()]).toEqual([0, '已导入照片 1 张']);
  }, 120_000);
});
