import { describe, expect, it } from 'vitest';
import type { BankFiles } from '../index.ts';
import { dumpBankFiles, loadBankFiles, verifyAuditTrail } from '../index.ts';
import { listItems } from './items.ts';
import { BankFolderError } from './folder.ts';
import { createDemoFixture as demoFixture, createFixture, readBankTexts as readFolder } from '../testing/bank.ts';

describe('bank text format through the database', () => {
  it('dump(load(x)) reproduces the demo bank byte for byte', async () => {
    const f = await demoFixture();
    const texts = readFolder();
    const files: BankFiles = { texts, assets: new Map() };
    const summary = await loadBankFiles(f.ctx, 'admin', files);
    expect(summary.created).toBeGreaterThan(0);
    const dumped = await dumpBankFiles(f.ctx, summary.bank);
    expect([...dumped.keys()].sort()).toEqual([...texts.keys()].sort());
    for (const [path, text] of texts) expect(dumped.get(path), path).toBe(text);
    // loading the same files again changes nothing
    expect(await loadBankFiles(f.ctx, 'admin', files)).toMatchObject({ created: 0, changed: 0, certifications: 0 });
    expect((await verifyAuditTrail(f.ctx.db)).broken).toBeNull();
  });

  it('reports bad files with file and line, and loads nothing', async () => {
    const f = await demoFixture();
    const texts = readFolder();
    const [first] = [...texts.keys()].filter((k) => k.startsWith('items/')).sort();
    const original = texts.get(first!)!;
    const broken = original
      .replace(/answer: [A-H]\n/, 'answer: Z\n')
      .replace(/point: ([A-H]{2}\d{3})\n/, 'point: ZZ999\n');
    texts.set(first!, broken);
    const error = await loadBankFiles(f.ctx, 'admin', { texts, assets: new Map() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankFolderError);
    const problems = (error as BankFolderError).problems;
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) {
      expect(p.file).toBe(first);
      expect(p.line).toBeGreaterThan(0);
    }
    expect(problems.map((p) => p.message).join('\n')).toMatch(/ZZ999 不在细目表中/);
    expect(await f.ctx.db.selectFrom('items').selectAll().execute()).toEqual([]);
    await expect(listItems(f.ctx, { occupationCode: '6-31-01-03', level: 5 })).resolves.toEqual([]);
  });

  it('checks every image by its bytes and loads nothing when one is not what its name says', async () => {
    const f = await demoFixture();
    const gif = Uint8Array.from(Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'));
    const assets = new Map<string, Uint8Array>([
      ['ok.gif', gif],
      ['meter.png', gif],
      ['notes.bmp', gif],
      ['script.jpg', new TextEncoder().encode('<script>alert(1)</script>')],
    ]);
    const error = await loadBankFiles(f.ctx, 'admin', { texts: readFolder(), assets }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankFolderError);
    const problems = Object.fromEntries((error as BankFolderError).problems.map((p) => [p.file, p.message]));
    expect(Object.keys(problems).sort()).toEqual(['assets/meter.png', 'assets/notes.bmp', 'assets/script.jpg']);
    expect(problems['assets/meter.png']).toContain('内容是 GIF 图片');
    expect(problems['assets/notes.bmp']).toContain('不支持的图片格式');
    expect(problems['assets/script.jpg']).toContain('不是 image/jpeg 图片');
    expect(await f.ctx.db.selectFrom('assets').selectAll().execute()).toEqual([]);
    expect(await f.ctx.db.selectFrom('items').selectAll().execute()).toEqual([]);

    await loadBankFiles(f.ctx, 'admin', { texts: readFolder(), assets: new Map([['ok.gif', gif]]) });
    expect(await f.ctx.db.selectFrom('assets').select(['name', 'mime']).execute()).toEqual([
      { name: 'ok.gif', mime: 'image/gif' },
    ]);
  });

  it('refuses files that name unknown people', async () => {
    const f = await createFixture();
    await expect(loadBankFiles(f.ctx, 'admin', { texts: readFolder(), assets: new Map() })).rejects.toThrow(
      /不存在的用户：.*expert_li/,
    );
  });
});
