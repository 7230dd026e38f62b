import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/users.ts';
import { loadDemoExam, loadResultsDemo } from '../index.ts';
import type { ServiceContext } from '../shared/context.ts';
import { createDemoFixture, DEMO_BANK } from '../testing/bank.ts';
import { batchStats, computeBatchStats } from './batch-stats.ts';
import { itemDifficulties } from './calibration.ts';
import { loadStatsDemo, type StatsDemo } from './demo.ts';
import { changeStatus } from '../bank/items.ts';
import { auditRowsLike, refusal } from '../testing/bank.ts';
import { flaggedItems, keepFlaggedItem, sendFlaggedForReview, statsReviewQueue } from './review.ts';

/** The demo's statistics: the planted faults of the simulated earlier batch are the ones flagged. */
let ctx: ServiceContext;
let demo: StatsDemo;

beforeAll(async () => {
  const f = await createDemoFixture({ load: true });
  await createUser(f.ctx, 'admin', { username: 'proctor_sun', displayName: '孙丽', roles: ['proctor'] });
  for (const [username, displayName] of [
    ['supervisor_qian', '钱敏'],
    ['supervisor_he', '何静'],
    ['nobody', '赵六'],
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

  it('lists the flagged items nobody acted on as 需复核（统计）; 退回修改, 停用 and 保留 with a comment take them off', async () => {
    const BANK = { occupationCode: '6-31-01-03', level: 5 } as const;
    const pooled = (await batchStats(ctx, 'admin', demo.planNumber)).forms[0]!;
    // the demo bank's items were last shown in the statistics batch, all approved and untouched since
    const flagged = pooled.items.filter((i) => i.flags.length > 0).map((i) => i.itemCode);
    expect((await flaggedItems(ctx, 'expert_wang', BANK)).map((q) => q.code)).toEqual([...flagged].sort());
    const codes = async () => (await statsReviewQueue(ctx, 'expert_wang', BANK)).map((q) => q.code);
    expect(await codes()).toEqual([...flagged].sort());
    const suspect = demo.suspectKey.item;
    const dead = demo.deadDistractor.item;
    const other = flagged.find((c) => c !== suspect && c !== dead)!;
    const waiting = (await statsReviewQueue(ctx, 'expert_wang', BANK)).find((q) => q.code === suspect)!;
    expect(waiting.flags.map((x) => x.flag)).toContain('key_suspect');
    expect(waiting.planNumber).toBe(demo.planNumber);

    // 保留 needs a comment and someone who may review; a refusal changes nothing
    expect((await refusal(keepFlaggedItem(ctx, 'expert_wang', BANK, dead, '  '))).message).toContain('必须填写意见');
    expect((await refusal(keepFlaggedItem(ctx, 'nobody', BANK, dead, '看过了'))).code).toBe('forbidden');
    expect(await codes()).toContain(dead);
    expect(await ctx.db.selectFrom('item_stats_decisions').selectAll().execute()).toEqual([]);
    const kept = await keepFlaggedItem(ctx, 'expert_wang', BANK, dead, '干扰项为常见错误，保留观察');
    expect(kept).toEqual({ code: dead, version: waiting.version, batch: demo.planNumber });
    // 退回修改 and 停用 through their own use cases
    await sendFlaggedForReview(ctx, 'expert_wang', BANK, suspect, '高分组多选另一项，请核对答案');
    await changeStatus(ctx, 'expert_wang', BANK, [other], 'retire', '内容已过时');
    expect(await codes()).toEqual(flagged.filter((c) => ![suspect, dead, other].includes(c)).sort());
    // acted on once: keeping it again is refused, as is keeping an item already returned
    expect((await refusal(keepFlaggedItem(ctx, 'expert_wang', BANK, dead, '再次保留'))).message).toContain('已处理');
    expect((await refusal(keepFlaggedItem(ctx, 'expert_wang', BANK, suspect, '保留'))).message).toContain('已处理');
    const audit = await auditRowsLike(ctx.db, 'item.stats_keep');
    expect(audit.map((r) => [r.actor, r.entity_id])).toEqual([['expert_wang', `6-31-01-03/5/${dead}`]]);
    expect(JSON.parse(audit[0]!.detail_json)).toMatchObject({
      comment: '干扰项为常见错误，保留观察',
      batch: demo.planNumber,
    });
    // recomputing the batch keeps the decision
    await computeBatchStats(ctx, 'admin', demo.planNumber);
    expect(await codes()).not.toContain(dead);
  });
});
