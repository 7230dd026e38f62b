import { readdirSync } from 'node:fs';
import { parseBankFolder } from '@kaowu/bank';
import { describe, expect, it } from 'vitest';
import { assemble } from './index.ts';
import { makeSnapshot } from './testing/bank.ts';
import { violations } from './testing/check.ts';
import { DEMO_FOLDER, readBlueprint, readText } from './testing/files.ts';

/** The demo blueprint (question-banks/6-31-01-03-电工/5/blueprint.yaml) against the demo bank's approved items. */
function demoBank() {
  const files = new Map([['outline.yaml', readText(`${DEMO_FOLDER}outline.yaml`)]]);
  for (const file of readdirSync(`${DEMO_FOLDER}items`))
    files.set(`items/${file}`, readText(`${DEMO_FOLDER}items/${file}`));
  const parsed = parseBankFolder(files);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line ?? ''} ${p.message}`).join('\n'));
  return makeSnapshot(
    parsed.folder.outline,
    parsed.folder.items.filter((i) => i.status === 'approved'),
  );
}

describe('the demo blueprint', () => {
  it('assembles batch after batch from the demo bank, exposure preferred low and capped, every constraint holding', () => {
    const bank = demoBank();
    const blueprint = readBlueprint(`${DEMO_FOLDER}blueprint.yaml`, bank.outline);
    expect(blueprint.exposure).toEqual({ excludeRecentBatches: 0, lastBatches: 3, maxRate: 0.67 });
    const recentBatches: string[][] = [];
    const seen: number[] = [];
    for (const batch of ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']) {
      const usage = { recentBatches: [...recentBatches], useCounts: {} };
      const result = assemble(bank, blueprint, batch, usage);
      if (!result.ok) throw new Error(`${batch}: ${result.error.zh}`);
      expect(violations(result.value, bank, blueprint, usage)).toEqual([]);
      const codes = result.value[0]!.sections.flatMap((s) => s.items.map((i) => i.code));
      expect(codes).toHaveLength(190);
      seen.push(result.value[0]!.measures?.exposure?.seen ?? -1);
      recentBatches.unshift(codes);
    }
    expect(seen[0]).toBe(0);
    for (const s of seen) expect(s).toBeGreaterThanOrEqual(0);
  });

  it('assembles the next batch after the demo exam’s two forms, where excluding their items refused it', () => {
    // `npm start` seals forms A and B of the demo exam batch from this blueprint; the next batch's paper then
    // found only 109 单选题 of the 140 it needs once every item of A and B was excluded.
    const bank = demoBank();
    const blueprint = readBlueprint(`${DEMO_FOLDER}blueprint.yaml`, bank.outline);
    const exam = assemble(bank, { ...blueprint, forms: { ...blueprint.forms, count: 2 } }, 'kaowu-demo-2026');
    if (!exam.ok) throw new Error(exam.error.zh);
    const used = [...new Set(exam.value.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => i.code))))];
    const usage = { recentBatches: [used], useCounts: {} };
    const hard = assemble(bank, { ...blueprint, exposure: { excludeRecentBatches: 1 } }, 'next', usage);
    expect(hard.ok).toBe(false);
    if (!hard.ok) expect(hard.error.problems.map((p) => p.zh).join('\n')).toMatch(/单选题.*需要 140 题/);
    const next = assemble(bank, blueprint, 'next', usage);
    if (!next.ok) throw new Error(next.error.zh);
    expect(violations(next.value, bank, blueprint, usage)).toEqual([]);
    const exposure = next.value[0]!.measures?.exposure;
    // Every item not in A or B is taken first: the seen ones are what the fresh items cannot cover.
    const fresh = bank.items.filter((i) => i.content.type === 'single' && !used.includes(i.code)).length;
    expect(exposure).toMatchObject({ batches: 3, items: 190 });
    expect(exposure!.seen).toBeGreaterThanOrEqual(140 - fresh);
    expect(exposure!.seen).toBeLessThan(190 / 2);
  });
});
