import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPaths } from '../program.ts';
import { commandAt, kaowu } from '../testing.ts';

describe('kaowu results', () => {
  it('has --help, --as and --db on every results command', () => {
    const paths = commandPaths().filter((p) => p[0] === 'results');
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining([
        'results compute',
        'results export',
        'results import-scores',
        'results publish',
        'results objection add',
        'results objection resolve',
        'results issue',
      ]),
    );
    for (const path of paths) {
      const command = commandAt(path);
      if (command === undefined || command.commands.length > 0) continue;
      const help = command.helpInformation();
      expect(help, path.join(' ')).toMatch(new RegExp(`Usage: kaowu ${path.join(' ')}`));
      expect(help, path.join(' ')).toMatch(/--db <path>/);
      if (path[1] !== 'demo') expect(help, path.join(' ')).toMatch(/--as <user>/);
    }
  });

  it('exports the demo batch’s reports, and fails with a clear message and exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-cli-results-'));
    const db = join(dir, 'k.db');
    const demo = await kaowu('demo', '--db', db);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/已完成的演示批次 DEMO-2026-001：30 名考生/);
    // `kaowu demo` already loaded it: loading it again is refused, clearly.
    expect(await kaowu('results', 'demo', '--db', db)).toMatchObject({
      code: 1,
      stderr: '错误：演示批次 DEMO-2026-001 已存在\n',
    });
    // Every report is opened in LibreOffice by the services' tests; here the command's wiring.
    const one = join(dir, 'summary.xlsx');
    expect(
      await kaowu(
        'results',
        'export',
        '--batch',
        'DEMO-2026-001',
        '--report',
        'summary',
        '--out',
        one,
        '--as',
        'admin',
        '--db',
        db,
      ),
    ).toMatchObject({ code: 0 });
    expect(existsSync(one)).toBe(true);
    const all = await kaowu(
      'results',
      'export',
      '--batch',
      'DEMO-2026-001',
      '--report',
      'all',
      '--out',
      join(dir, 'reports'),
      '--as',
      'admin',
      '--db',
      db,
    );
    expect(all.code).toBe(0);
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(
      [
        'DEMO-2026-001-公示名单（脱敏）.xlsx',
        'DEMO-2026-001-成绩明细（全部组成部分）.xlsx',
        'DEMO-2026-001-附件1综合成绩汇总表.xlsx',
        'DEMO-2026-001-附件4公示结果确认单.xlsx',
        'DEMO-2026-001-附件5证书核发登记表.xlsx',
      ].sort(),
    );
    const publicity = await kaowu('results', 'publicity', '--batch', 'DEMO-2026-001', '--as', 'admin', '--db', db);
    expect(publicity.stdout).toMatch(
      /公示期 2026-09-29 至 2026-10-10（5 个工作日：2026-09-29、2026-09-30、2026-10-08、2026-10-09、2026-10-10）/,
    );
    expect(publicity.stdout).toMatch(/已于 2026-10-12 09:00 确认生效/);

    const final = await kaowu('results', 'compute', '--batch', 'DEMO-2026-001', '--as', 'admin', '--db', db);
    expect(final).toMatchObject({
      code: 1,
      stderr: '错误：批次 DEMO-2026-001 的认定结果已于公示期满后生效，不能再修改\n',
    });
    const unknown = await kaowu('results', 'show', '--batch', 'NOPE', '--as', 'admin', '--db', db);
    expect(unknown).toMatchObject({ code: 3, stderr: '错误：认定批次 NOPE 不存在\n' });

    const bad = join(dir, 'scores.xlsx');
    writeFileSync(bad, 'not a workbook');
    // Roles are checked before anything is read.
    expect(
      (await kaowu('results', 'import-scores', bad, '--batch', 'DEMO-2026-001', '--as', 'assessor_chen', '--db', db))
        .stderr,
    ).toMatch(/没有考务管理员权限/);
    expect(
      (await kaowu('results', 'import-scores', bad, '--batch', 'DEMO-2026-001', '--as', 'admin', '--db', db)).stderr,
    ).toMatch(/认定结果已于公示期满后生效/);

    // The batch's audit trail in words, newest first, paged; closed to a proctor.
    const trail = await kaowu('audit', 'list', '--batch', 'DEMO-2026-001', '--limit', '2', '--as', 'admin', '--db', db);
    expect(trail.code).toBe(0);
    const lines = trail.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    // The exports above were audited.
    expect(lines[0]).toMatch(/^\d+\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t周敏\t导出成绩表\t批次 DEMO-2026-001/);
    expect(lines[2]).toMatch(/^（更早的记录：--before \d+）$/);
    // A refusal exits by its code (forbidden: 4).
    expect(await kaowu('audit', 'list', '--as', 'proctor_sun', '--db', db)).toMatchObject({
      code: 4,
      stderr: expect.stringContaining('无权查看审计记录'),
    });

    // The plan goes through the same use case and check as the console: a supervisor reads it, a proctor does not.
    const shown = await kaowu(
      'results',
      'plan',
      'show',
      '--batch',
      'DEMO-2026-001',
      '--as',
      'supervisor_qian',
      '--db',
      db,
    );
    expect(shown).toMatchObject({ code: 0, stdout: expect.stringMatching(/^DEMO-2026-001 .*电工/) });
    expect(
      await kaowu('results', 'plan', 'show', '--batch', 'DEMO-2026-001', '--as', 'proctor_sun', '--db', db),
    ).toMatchObject({
      code: 4,
      stderr: expect.stringContaining('用户 proctor_sun 无权查看认定方案和考评组（批次 DEMO-2026-001）'),
    });

    // `bank dump` is a bulk export of bank content: refused to a proctor, audited for an author.
    const folder = join(dir, 'bank');
    expect(
      await kaowu('bank', 'dump', '6-31-01-03', '5', '--out', folder, '--as', 'proctor_sun', '--db', db),
    ).toMatchObject({
      code: 4,
      stderr: expect.stringContaining('无权导出题库'),
    });
    expect(
      await kaowu('bank', 'dump', '6-31-01-03', '5', '--out', folder, '--as', 'expert_wang', '--db', db),
    ).toMatchObject({
      code: 0,
    });
    expect(existsSync(join(folder, 'outline.yaml'))).toBe(true);
    const dumped = await kaowu('audit', 'list', '--actor', 'expert_wang', '--limit', '1', '--as', 'admin', '--db', db);
    expect(dumped.stdout).toMatch(/导出/);
    expect(dumped.stdout).toMatch(/6-31-01-03/);

    // 申报信息 through the workbook: the template comes out filled with the open batch's candidates and goes back in.
    const template = join(dir, 'applications.xlsx');
    expect(
      await kaowu(
        'results',
        'applications-template',
        '--batch',
        'DEMO-6-31-01-03-5',
        '--out',
        template,
        '--as',
        'admin',
        '--db',
        db,
      ),
    ).toMatchObject({ code: 0 });
    // Nothing filled in yet: refused for the workbook as a whole (no row or column to point at).
    expect(
      await kaowu('results', 'applications', template, '--batch', 'DEMO-6-31-01-03-5', '--as', 'admin', '--db', db),
    ).toMatchObject({
      code: 1,
      stderr:
        '错误：申报信息工作簿有 1 处错误，未录入任何记录\n' +
        '  工作表“申报信息”：工作簿中没有填写任何申报信息（只填写了准考证号、姓名、身份证号的行不导入）\n',
    });
    const refused = await kaowu(
      'results',
      'applications',
      bad,
      '--batch',
      'DEMO-6-31-01-03-5',
      '--as',
      'admin',
      '--db',
      db,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^错误：/);
  }, 120_000);
});
