import ExcelJS from 'exceljs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { normal } from '@kaowu/analysis';
import { createUser } from '../accounts/users.ts';
import { computeDecisions } from '../results/decisions.ts';
import { refusal } from '../testing/bank.ts';
import { allRight, createResultsFixture, type ResultsFixture, type Sitting, sitExam } from '../testing/results.ts';
import { auditRowsLike } from '../testing/bank.ts';
import { batchStats, computeBatchStats } from './batch-stats.ts';
import { calibrateBank } from './calibration.ts';
import { exportBatchStats } from './export.ts';
import { setStatsSetting } from './rules.ts';

/**
 * A batch of 60 on the synthetic 12-item paper, answered through the exam server (each on their own shuffled
 * variant) by simulated candidates of a Rasch model, with two planted faults: Q006's strong candidates
 * prefer option D to the key C (a suspect key), and nobody ever picks Q007's option C (a dead distractor).
 * The expected figures are counted here from the canonical answers handed in, not from the analysis.
 */
const N = 60;
const KEY = allRight();
const CODES = Object.keys(KEY);
let f: ResultsFixture;
let sittings: Sitting[];

function simulate(): Sitting[] {
  const rng = seedrandom('kaowu-stats-service');
  const b = CODES.map((_, i) => -1.2 + (i % 6) * 0.45);
  return Array.from({ length: N }, (_, p): Sitting => {
    if (p === 7) return 'absent';
    if (p === 8) return 'left';
    const theta = 0.3 + 1.1 * normal(rng);
    const out: Record<string, boolean | number | number[]> = {};
    CODES.forEach((code, i) => {
      const key = KEY[code]!;
      const right = rng() < 1 / (1 + Math.exp(b[i]! - theta));
      if (code === 'Q006' && theta > 0.6 && rng() < 0.75) out[code] = 3;
      else if (right) out[code] = key;
      else if (typeof key === 'boolean') out[code] = !key;
      else if (typeof key === 'number') {
        const distractors = [0, 1, 2, 3].filter((o) => o !== key && !(code === 'Q007' && o === 2));
        out[code] = distractors[Math.floor(rng() * distractors.length)]!;
      } else out[code] = [[0], [2], [0, 1], [2, 3]][Math.floor(rng() * 4)]!;
    });
    return out;
  });
}

const sat = () => sittings.filter((s): s is Exclude<Sitting, 'absent' | 'left'> => typeof s === 'object');
const chose = (r: boolean | number | number[], o: number) =>
  typeof r === 'boolean' ? (r ? 0 : 1) === o : typeof r === 'number' ? r === o : r.includes(o);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

beforeAll(async () => {
  f = await createResultsFixture({ candidates: N });
  sittings = simulate();
  await sitExam(f, sittings);
  f.setNow('2026-09-22T12:00:00+08:00');
  await computeDecisions(f.ctx, 'admin', f.batchId);
  await createUser(f.ctx, 'admin', { username: 'author_li', displayName: '李敏', roles: ['author'] });
  await createUser(f.ctx, 'admin', { username: 'nobody', displayName: '赵六', roles: [] });
}, 120_000);

describe('a batch’s item analysis from its stored answers', () => {
  it('counts who was left out, and computes facility and option shares on canonical options', async () => {
    const report = await computeBatchStats(f.ctx, 'admin', f.planNumber);
    const pooled = report.forms[0]!;
    expect(pooled.form).toBe('');
    expect(pooled.test.n).toBe(N - 2);
    expect(pooled.test.excluded).toEqual({ absent: 2, notSubmitted: 0, unscored: 0 });
    for (const code of CODES) {
      const line = pooled.items.find((i) => i.itemCode === code)!;
      const right = sat().filter((s) => same(s[code], KEY[code])).length;
      expect(line.facility, code).toBeCloseTo(right / (N - 2), 10);
      for (const o of line.options) {
        const count = sat().filter((s) => chose(s[code]!, o.option)).length;
        expect(o.count, `${code} option ${o.option}`).toBe(count);
      }
    }
  });

  it('flags the planted faults: Q006’s key is suspect (option D), Q007’s option C is dead', async () => {
    const pooled = (await batchStats(f.ctx, 'admin', f.planNumber)).forms[0]!;
    const flagged = (flag: string) =>
      pooled.items.flatMap((i) => i.flags.filter((x) => x.flag === flag).map((x) => `${i.itemCode}:${x.option}`));
    expect(flagged('key_suspect')).toEqual(['Q006:3']);
    expect(flagged('dead_distractor')).toContain('Q007:2');
    const q6 = pooled.items.find((i) => i.itemCode === 'Q006')!;
    expect(q6.icc).toHaveLength(5);
    expect(q6.rasch?.status).toBe('calibrated');
  });

  it('is stored for the bank’s people and audited; others are refused', async () => {
    const read = await batchStats(f.ctx, 'author_li', f.planNumber);
    expect(read.forms[0]!.items).toHaveLength(CODES.length);
    expect((await refusal(batchStats(f.ctx, 'nobody', f.planNumber))).code).toBe('forbidden');
    expect((await refusal(computeBatchStats(f.ctx, 'author_li', f.planNumber))).code).toBe('forbidden');
    const rows = await auditRowsLike(f.ctx.db, 'stats.');
    expect(rows.map((r) => r.action)).toEqual(['stats.compute']);
  });
});

describe('the statistics workbook', () => {
  it('holds the summary, every item with its flags in words, and the option table', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportBatchStats(f.ctx, 'author_li', f.planNumber)).buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['测试概要', '分数分布', '试题统计', '选项分析', '特征曲线']);
    expect(wb.getWorksheet('测试概要')!.getRow(3).getCell(2).value).toBe(N - 2);
    const items = wb.getWorksheet('试题统计')!;
    const q6 = items.getRows(2, items.rowCount - 1)!.find((r) => r.getCell(2).value === 'Q006')!;
    expect(String(q6.getCell(17).value)).toContain('答案存疑');
    const q7 = items.getRows(2, items.rowCount - 1)!.find((r) => r.getCell(2).value === 'Q007')!;
    expect(String(q7.getCell(17).value)).toContain('干扰项 C');
    expect(wb.getWorksheet('选项分析')!.rowCount).toBeGreaterThan(CODES.length * 2);
  });
});

describe('calibrating the bank across batches', () => {
  it('puts every item with enough presenters on one logit scale, and keeps the rest to their band', async () => {
    const first = await calibrateBank(f.ctx, 'admin', { occupationCode: '6-31-01-03', level: 5 });
    expect(first.persons).toBe(N - 2);
    expect(first.items.every((i) => i.status === 'calibrated')).toBe(true);
    const sum = first.items.reduce((s, i) => s + i.difficulty!, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-6);
    // Q001 (simulated b = −1.2) is easier than Q006's neighbour Q005 (b = +0.6)
    const d = (code: string) => first.items.find((i) => i.code === code)!.difficulty!;
    expect(d('Q001')).toBeLessThan(d('Q005'));
    await setStatsSetting(f.ctx, 'admin', 'stats.minResponses', '100');
    const second = await calibrateBank(f.ctx, 'admin', { occupationCode: '6-31-01-03', level: 5 });
    expect(second.items.every((i) => i.status === 'too_few' && i.difficulty === null)).toBe(true);
    expect(second.items.find((i) => i.code === 'Q001')!.before).toBeCloseTo(d('Q001'), 10);
  });

  it('refuses a bad threshold with why, and changes nothing', async () => {
    const r = await refusal(setStatsSetting(f.ctx, 'admin', 'stats.fitRange', '1.3-0.7'));
    expect(r.message).toContain('下限小于上限');
    expect((await refusal(setStatsSetting(f.ctx, 'admin', 'stats.nope', '1'))).message).toContain('未知设置');
  });
});
