import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kaowu } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'kaowu-cli-stats-'));
const db = join(dir, 'k.db');

beforeAll(async () => {
  const demo = await kaowu('demo', '--db', db);
  expect(demo.code, demo.stderr).toBe(0);
  expect(demo.stdout).toMatch(/统计分析演示批次 DEMO-2026-S01/);
}, 300_000);

describe('kaowu stats', () => {
  it('prints the test summary and the demo’s planted faults, and writes the workbook', {
    timeout: 60_000,
  }, async () => {
    const file = join(dir, 'stats.xlsx');
    const r = await kaowu('stats', 'batch', 'DEMO-2026-S01', '--as', 'admin', '--out', file, '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/人数 60（未计入：缺考或未开始 0/);
    expect(r.stdout).toMatch(/α 0\.\d{3}，测量标准误 \d/);
    expect(r.stdout).toMatch(/答案存疑：高分组/);
    expect(r.stdout).toMatch(/干扰项无人选：干扰项 [A-D] 仅 0\.0%/);
    expect(existsSync(file)).toBe(true);
  });

  it('lets an author read the stored figures, and refuses what is not there with its exit code', {
    timeout: 60_000,
  }, async () => {
    const stored = await kaowu('stats', 'batch', 'DEMO-2026-001', '--stored', '--as', 'expert_wang', '--db', db);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toMatch(/人数 28（未计入：缺考或未开始 2/);
    expect(await kaowu('stats', 'batch', 'NO-SUCH', '--as', 'admin', '--db', db)).toMatchObject({ code: 3 });
    const author = await kaowu('stats', 'batch', 'DEMO-2026-S01', '--as', 'expert_wang', '--db', db);
    expect(author.code).toBe(4);
    expect(author.stderr).toMatch(/无权计算批次的试题统计分析/);
  });

  it('shows and sets the thresholds; a bad value is refused and changes nothing', { timeout: 60_000 }, async () => {
    const bad = await kaowu('stats', 'set', 'stats.minDiscrimination', 'abc', '--as', 'admin', '--db', db);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toMatch(/stats\.minDiscrimination 的值“abc”无效：应为数/);
    expect((await kaowu('stats', 'rules', '--db', db)).stdout).toMatch(/区分度下限 0\.2；/);
    expect(await kaowu('stats', 'set', 'stats.minDiscrimination', '0.25', '--as', 'admin', '--db', db)).toMatchObject({
      code: 0,
    });
    expect((await kaowu('stats', 'rules', '--db', db)).stdout).toMatch(/区分度下限 0\.25；/);
  });

  it('calibrates the bank and says what moved since the last calibration', { timeout: 60_000 }, async () => {
    const r = await kaowu('stats', 'calibrate', '6-31-01-03', '5', '--as', 'admin', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/用 2 个批次（DEMO-2026-S01、DEMO-2026-001）88 名考生的作答校准/);
    expect(r.stdout).toMatch(/与上次校准相比变化最大的试题/);
  });
});
