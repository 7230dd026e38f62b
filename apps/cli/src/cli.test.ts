import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPaths } from './program.ts';
import { commandAt, kaowu } from './testing.ts';

describe('kaowu command line', () => {
  it('has --help on every command', async () => {
    const paths = commandPaths();
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['bank status', 'bank import', 'bank load', 'bank dump', 'bank template', 'audit verify']),
    );
    for (const path of paths) {
      const command = commandAt(path);
      expect(command?.description(), path.join(' ')).not.toBe('');
      expect(command?.helpInformation()).toMatch(new RegExp(`Usage: kaowu ${path.join(' ')}`));
    }
    // and through a real process, as a user would call it
    const r = await kaowu('bank', 'import', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--occupation <code>/);
    expect((await kaowu('--help')).stdout).toMatch(/退出码：0 成功；1 .*3 指定的对象不存在；4 没有权限/);
  });

  it('fails with a clear message and a non-zero exit code', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kaowu-cli-')), 'k.db');
    const unknown = await kaowu('bnak');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
    const badLevel = await kaowu('bank', 'status', '6-31-01-03', '9', '--as', 'admin', '--db', db);
    expect(badLevel.code).not.toBe(0);
    expect(badLevel.stderr).toMatch(/等级 9 无效/);
    const missingFile = await kaowu(
      'bank',
      'import',
      'nope.xlsx',
      '--occupation',
      '6-31-01-03',
      '--level',
      '5',
      '--as',
      'x',
      '--db',
      db,
    );
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/nope\.xlsx/);
  }, 60_000);

  it('loads the demo bank and reports it ready and certified', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kaowu-cli-')), 'k.db');
    const demo = await kaowu('demo', '--db', db);
    expect(demo.code).toBe(0);
    // The listing names every demo account with their work, the supervisors (no role) by their duty.
    const listed = [...demo.stdout.matchAll(/^ {2}(\w+) +(\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed).toEqual([
      'admin 周敏（考务管理员）',
      'expert_wang 王建国（命题专家）',
      'expert_li 李明华（命题专家）',
      'expert_zhao 赵志强（命题专家）',
      'assessor_chen 陈立新（考评员）',
      'assessor_liu 刘卫东（考评员）',
      'assessor_zhou 周海峰（考评员）',
      'proctor_sun 孙丽（监考）',
      'proctor_zhang 张伟（监考）',
      'supervisor_qian 钱敏（内部督导员）',
      'supervisor_he 何静（内部督导员）',
    ]);
    const status = await kaowu('bank', 'status', '6-31-01-03', '5', '--as', 'admin', '--db', db);
    expect(status.stdout).toMatch(/结论：题库已就绪，已通过题库难度认证/);
    expect(status.stdout).toMatch(/有效认证 3 \/ 需要 3 名考评员/);
    expect(status.stdout).toMatch(/已认证版本 1（2026-11-2\d）：725 题，正式组卷使用此版本\n待认证变更 0 项/);
    expect(status.code).toBe(0);
    // The reads are checked as the console's are: a bank with no outline is not found (3), a proctor may not read (4).
    const noBank = await kaowu('bank', 'status', '6-31-01-03', '4', '--as', 'admin', '--db', db);
    expect(noBank.code).toBe(3);
    expect(noBank.stderr).toBe('错误：题库 6-31-01-03 四级/中级工 没有鉴定要素细目表，请先导入细目表\n');
    const proctor = await kaowu('bank', 'status', '6-31-01-03', '5', '--as', 'proctor_sun', '--db', db);
    expect([proctor.code, proctor.stderr]).toEqual([4, expect.stringMatching(/^错误：/)]);
    // A refusal exits by its code: an author may not certify (4, not allowed).
    const refused = await kaowu('bank', 'certify', '6-31-01-03', '5', '--as', 'expert_wang', '--db', db);
    expect([refused.code, refused.stderr]).toEqual([4, expect.stringMatching(/^错误：/)]);
    const audit = await kaowu('audit', 'verify', '--db', db);
    expect(audit).toMatchObject({ code: 0 });
    expect(audit.stdout).toMatch(/校验码链校验通过/);
    // The next batch's paper from the demo blueprint assembles (excluding the demo batches' items refused it:
    // 需要 140 题，可用 109 题) with the calibration the demo's statistics left, and prints each form's hash, expected
    // score and information at the cut and its exposure, which verification re-derives.
    const calibration = await kaowu('stats', 'calibrate', '6-31-01-03', '5', '--as', 'admin', '--db', db);
    const calibrated = Number(/^已校准 (\d+) 道/m.exec(calibration.stdout)?.[1]);
    expect(calibrated).toBeGreaterThan(0);
    const blueprint = join(import.meta.dirname, '../../../question-banks/6-31-01-03-电工/5/blueprint.yaml');
    const next = await kaowu(
      ...['paper', 'assemble', '--occupation', '6-31-01-03', '--level', '5', '--blueprint', blueprint],
      ...['--seed', '2027-01', '--forms', '2', '--as', 'admin', '--db', db],
    );
    expect([next.code, next.stderr]).toEqual([0, '']);
    expect(next.stdout).toMatch(
      new RegExp(`^试题难度校准值 [0-9a-f]{64}（${calibrated} 题已校准，其余按难度等级计）$`, 'm'),
    );
    const forms = [
      ...next.stdout.matchAll(
        /^ {2}([AB]) 卷 {2}(\S+) {2}190 题 {2}试卷校验码 [0-9a-f]{64} {2}合格线能力值 0\.4 处期望得分 ([\d.]+) 分、测验信息量 ([\d.]+)（已校准 (\d+)\/190 题） {2}曝光率 ([\d.]+) %（近 3 批次用过 (\d+)\/190 题）$/gm,
      ),
    ];
    expect(forms.map((m) => m[1])).toEqual(['A', 'B']);
    for (const m of forms) {
      // 190 items at half a point (40 + 140) or one (10): the expected score lies strictly within 0–100, and a
      // Rasch item gives at most 0.25 information.
      expect(Number(m[3])).toBeGreaterThan(0);
      expect(Number(m[3])).toBeLessThan(100);
      expect(Number(m[4])).toBeLessThanOrEqual(190 * 0.25);
      expect(Number(m[5])).toBeGreaterThan(0);
      expect(Number(m[6])).toBeCloseTo((100 * Number(m[7])) / 190, 1);
    }
    const verified = await kaowu('paper', 'verify', forms[1]![2]!, '--as', 'admin', '--db', db);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(
      `期望得分 ${forms[1]![3]} 分、测验信息量 ${forms[1]![4]}（已校准 ${forms[1]![5]}/190 题）`,
    );
    expect(verified.stdout).toContain(`曝光率 ${forms[1]![6]} %`);
  }, 300_000 /* kaowu demo also simulates and analyses DEMO-2026-S01; a loaded machine needs the room */);
});
