import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/users.ts';
import { loadDemoExam, loadResultsDemo } from '../index.ts';
import type { ServiceContext } from '../shared/context.ts';
import { createDemoFixture, DEMO_BANK } from '../testing/bank.ts';
import { batchStats } from './batch-stats.ts';
import { itemDifficulties } from './calibration.ts';
import { loadStatsDemo, type StatsDemo } from './demo.ts';

/** The demo's statistics: the planted faults of the simulated earlier batch are the ones flagged. */
let ctx: ServiceContext;
let demo: StatsDemo;

beforeAll(async () => {
  const f = await createDemoFixture({ load: true });
  await createUser(f.ctx, 'admin', { username: 'proctor_sun', displayName: '孙丽', roles: ['proctor'] });
  for (const [username, displayName] of [
    ['supervisor_qian', '钱敏'],
    ['supervisor_he', '何静'],
  ] as const)
    await createUser(f.ctx, 'admin', { username, displayName, roles: [] });
  ctx = f.ctx;
  await loadDemoExam(ctx, 'admin', {
    blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
    proctors: ['proctor_sun'],
    supervisors: [],
  });
  await loadResultsDemo(ctx);
  demo = await loadStatsDemo(ctx);
}, 300_000);

describe('the statistics demo', () => {
  it('flags the planted suspect key, and only it, and the planted dead distractor', async () => {
    const pooled = (await batchStats(ctx, 'admin', demo.planNumber)).forms[0]!;
    expect(pooled.test.n).toBe(demo.candidates);
    const flagged = (flag: string) =>
      pooled.items.flatMap((i) => i.flags.filter((x) => x.flag === flag).map((x) => `${i.itemCode}:${x.option}`));
    expect(flagged('key_suspect')).toEqual([`${demo.suspectKey.item}:${demo.suspectKey.option}`]);
    expect(flagged('dead_distractor')).toContain(`${demo.deadDistractor.item}:${demo.deadDistractor.option}`);
    // and only a handful of others: 60 candidates' noise (was 49 of 190 with the mean-square rule alone); each
    // finding beyond chance for the sample (misfit |ZSTD| ≥ 2, dead and off-band by binomial tail)
    const others = pooled.items.filter(
      (i) => i.flags.length > 0 && i.itemCode !== demo.suspectKey.item && i.itemCode !== demo.deadDistractor.item,
    );
    expect(others.length).toBeLessThanOrEqual(12);
    for (const i of pooled.items)
      for (const f of i.flags.filter((x) => x.flag === 'misfit')) expect(f.detail, i.itemCode).toMatch(/ZSTD -?[2-9]/);
    expect(flagged('dead_distractor').length).toBeLessThanOrEqual(3);
  });

  it('has the completed demo batch analysed and the bank calibrated from both batches', async () => {
    const done = await batchStats(ctx, 'admin', 'DEMO-2026-001');
    expect(done.forms[0]!.test.excluded.absent).toBe(2);
    const difficulties = await itemDifficulties(ctx, 'admin', { occupationCode: '6-31-01-03', level: 5 });
    const calibrated = difficulties.filter((d) => d.source === 'calibrated');
    expect(calibrated.length).toBeGreaterThan(100);
    // the rest keep their band on the logit scale
    const band = difficulties.find((d) => d.source === 'band')!;
    expect(band.difficulty).toBe({ 1: -2, 2: -1, 3: 0, 4: 1, 5: 2 }[band.band]);
  });
});
