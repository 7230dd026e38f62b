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
  it('assembles batch after batch from the demo bank with exposure control, every constraint holding', () => {
    const bank = demoBank();
    const blueprint = readBlueprint(`${DEMO_FOLDER}blueprint.yaml`, bank.outline);
    const recentBatches: string[][] = [];
    for (const batch of ['2025-01', '2025-02', '2025-03', '2025-04']) {
      const usage = { recentBatches: [...recentBatches], useCounts: {} };
      const result = assemble(bank, blueprint, batch, usage);
      if (!result.ok) throw new Error(result.error.zh);
      expect(violations(result.value, bank, blueprint, usage)).toEqual([]);
      const codes = result.value[0]!.sections.flatMap((s) => s.items.map((i) => i.code));
      expect(codes).toHaveLength(190);
      expect(codes.filter((c) => recentBatches[0]?.includes(c))).toEqual([]);
      recentBatches.unshift(codes);
    }
  });
});
