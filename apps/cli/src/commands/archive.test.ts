import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kaowu/db';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { kaowu } from '../testing.ts';

describe('kaowu archive, batch timeline and audit verify --head', () => {
  it('archives the demo batch, verifies it, names a changed file, and catches a truncated audit chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-cli-archive-'));
    const db = join(dir, 'k.db');
    // (`kaowu demo` currently ends with the demo exam room's supervisor check; the completed batch is loaded before it.)
    await kaowu('demo', '--db', db);

    const timeline = await kaowu('batch', 'timeline', 'DEMO-2026-001', '--as', 'admin', '--db', db);
    expect(timeline).toMatchObject({ code: 0 });
    expect(timeline.stdout).toMatch(/认定计划备案\t本地区文件未规定备案期限/);
    expect(timeline.stdout).toMatch(/湖州市南浔区（浔人社发〔2023〕5号）/);
    const filed = await kaowu('batch', 'file', 'DEMO-2026-001', 'plan_filed', '--as', 'admin', '--db', db);
    expect(filed.stdout).toMatch(/认定计划备案\t.*\t已完成\t\d{4}-\d{2}-\d{2} /);

    const zip = join(dir, 'a.zip');
    const archived = await kaowu('archive', 'batch', 'DEMO-2026-001', '--out', zip, '--as', 'admin', '--db', db);
    expect(archived).toMatchObject({ code: 0 });
    const head = /审计链头：第 \d+ 条 ([0-9a-f]{64})/.exec(archived.stdout)![1]!;
    expect(await kaowu('archive', 'verify', zip)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/归档包完整/),
    });

    const entries = unzipSync(new Uint8Array(readFileSync(zip)));
    const name = Object.keys(entries).find((p) => p.startsWith('answers/'))!;
    entries[name] = strToU8(`${new TextDecoder().decode(entries[name])} `);
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, zipSync(entries));
    expect(await kaowu('archive', 'verify', bad)).toMatchObject({
      code: 1,
      stdout: `归档包校验未通过：文件 ${name} 的 SHA-256 与清单不符，内容已被改动\n`,
    });

    // Reports as PDF (`--format pdf`): the filing forms beside the CSV upload file, a results report, the register.
    const pdfText = (file: string): string =>
      execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const filing = join(dir, 'filing');
    const filed2 = await kaowu(
      'batch',
      'filing',
      'DEMO-2026-001',
      '--out',
      filing,
      '--format',
      'pdf',
      '--as',
      'admin',
      '--db',
      db,
    );
    expect(filed2).toMatchObject({ code: 0 });
    expect(readdirSync(filing).sort()).toEqual([
      '企业职业技能等级认定合格人员证书信息表.pdf',
      '企业职业技能等级认定结果汇总表.pdf',
      '证书信息上报.csv',
    ]);
    expect(pdfText(join(filing, '企业职业技能等级认定结果汇总表.pdf'))).toContain('DEMO-2026-001');
    const summary = join(dir, 'summary.pdf');
    expect(
      await kaowu(
        'results',
        'export',
        '--batch',
        'DEMO-2026-001',
        '--report',
        'summary',
        '--format',
        'pdf',
        '--out',
        summary,
        '--as',
        'admin',
        '--db',
        db,
      ),
    ).toMatchObject({ code: 0 });
    expect(pdfText(summary)).toContain('职业技能等级认定实操（综合成绩汇总表）');
    expect(pdfText(summary)).toMatch(/审计链头第\d+条[0-9a-f]{64}/);
    expect(
      await kaowu(
        'results',
        'export',
        '--batch',
        'DEMO-2026-001',
        '--report',
        'summary',
        '--format',
        'doc',
        '--out',
        summary,
        '--as',
        'admin',
        '--db',
        db,
      ),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/--format.*doc/) });

    // The head printed at archiving is in the chain; delete the chain's tail and only --head notices.
    expect(await kaowu('audit', 'verify', '--head', head, '--db', db)).toMatchObject({ code: 0 });
    const direct = await openDatabase(db);
    const last = await direct.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const anchored = await direct
      .selectFrom('audit_log')
      .select('seq')
      .where('hash', '=', head)
      .executeTakeFirstOrThrow();
    await direct.deleteFrom('audit_log').where('seq', '>=', anchored.seq).execute();
    await direct.destroy();
    expect(last.seq).toBeGreaterThan(anchored.seq);
    expect(await kaowu('audit', 'verify', '--db', db)).toMatchObject({ code: 0 });
    const truncated = await kaowu('audit', 'verify', '--head', head, '--db', db);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toContain(`锚定的链头 ${head} 不在审计链中`);

    // Purging before the retention date is refused with exit code 1; the register is empty.
    expect(await kaowu('archive', 'destroy', 'DEMO-2026-001', '--as', 'admin', '--db', db)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/保存期满后方可销毁/),
    });
    expect(await kaowu('archive', 'register', '--as', 'admin', '--db', db)).toMatchObject({
      code: 0,
      stdout: '销毁台账为空\n',
    });
  }, 240_000);
});
