import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { canonicalJson, paper as paperSchema, paperHash, sha256Hex, type Paper } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble, variant, verifyPaper } from './index.ts';
import { determinismCase } from './testing/determinism-case.ts';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const script = fileURLToPath(new URL('./testing/print-papers.ts', import.meta.url));

/** Runs the print script in a fresh Node process with the given locale and time zone. */
function printed(seed: string, env: Record<string, string>): string {
  return execFileSync(process.execPath, [tsx, script, seed], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('determinism: same snapshot, blueprint, usage and seed give byte-identical papers', () => {
  it('across two separate processes with different locales and time zones, and in this one', () => {
    const first = printed('audit-2024-1', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const second = printed('audit-2024-1', { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    expect(first.length).toBeGreaterThan(10_000);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    const { bank, blueprint, usage } = determinismCase();
    const here = assemble(bank, blueprint, 'audit-2024-1', usage);
    expect(here.ok).toBe(true);
    if (here.ok)
      expect(canonicalJson({ papers: here.value, variant: variant(here.value[0]!, '准考证 0001') })).toBe(first);
    const other = printed('audit-2024-2', { TZ: 'UTC' });
    expect(other).not.toBe(first);
  }, 60_000);
});

describe('sealed papers', () => {
  const { bank, blueprint, usage } = determinismCase();
  const result = assemble(bank, blueprint, 'sealed', usage);
  if (!result.ok) throw new Error(result.error.zh);
  const [paper] = result.value as [Paper];

  it('carry their hash over everything else, their inputs and each item’s code, version, hash and content', () => {
    expect(paper.hash).toBe(paperHash(paper));
    expect(Object.keys(paper.inputs).sort()).toEqual([
      'assemblerVersion',
      'blueprintHash',
      'form',
      'seed',
      'snapshotHash',
      'usageHash',
    ]);
    const item = paper.sections[0]!.items[0]!;
    const source = bank.items.find((i) => i.code === item.code)!;
    expect(item).toMatchObject({
      number: 1,
      version: source.version,
      contentHash: source.contentHash,
      points: blueprint.sections[0]!.points,
      content: source.content,
    });
  });

  it('survive storage as JSON: the paper schema reads them back unchanged, hash intact', () => {
    const stored = paperSchema.parse(JSON.parse(JSON.stringify(paper)));
    expect(stored).toEqual(paper);
    expect(paperHash(stored)).toBe(paper.hash);
  });

  it('verify when assembled again from the recorded inputs', () => {
    // The fixture measures exposure over the last 4 batches: verification re-derives it with the paper.
    expect(paper.measures?.exposure).toMatchObject({ batches: 4, items: 85 });
    expect(verifyPaper(paper, bank, blueprint, usage)).toEqual({
      ok: true,
      value: { hash: paper.hash, measures: paper.measures },
    });
    const forged = { ...paper, measures: { exposure: { ...paper.measures!.exposure!, seen: 0 } } };
    const check = verifyPaper({ ...forged, hash: paperHash(forged) }, bank, blueprint, usage);
    expect(check.ok ? 'ok' : check.error.code).toBe('paper_mismatch');
    expect(verifyPaper(result.value[2]!, bank, blueprint, usage).ok).toBe(true);
  });

  it('fail verification when altered, or checked against other inputs', () => {
    const altered = structuredClone(paper);
    altered.sections[0]!.items[0]!.points = 2;
    expect(verifyPaper(altered, bank, blueprint, usage)).toMatchObject({ ok: false, error: { code: 'paper_altered' } });
    const resealed = { ...altered, hash: paperHash(altered) };
    expect(verifyPaper(resealed, bank, blueprint, usage)).toMatchObject({
      ok: false,
      error: { code: 'paper_mismatch' },
    });
    expect(verifyPaper(paper, bank, { ...blueprint, durationMinutes: 100 }, usage)).toMatchObject({
      ok: false,
      error: { code: 'paper_other_blueprint' },
    });
    expect(verifyPaper(paper, bank, blueprint)).toMatchObject({ ok: false, error: { code: 'paper_other_usage' } });
    expect(verifyPaper(paper, { ...bank, hash: '0'.repeat(64) }, blueprint, usage)).toMatchObject({
      ok: false,
      error: { code: 'paper_other_snapshot' },
    });
  });

  it('record usage by content: the order of batches’ items and of use counts does not matter', () => {
    const reordered = {
      recentBatches: usage.recentBatches.map((b) => [...b].reverse()),
      useCounts: Object.fromEntries(Object.entries(usage.useCounts).reverse()),
    };
    expect(verifyPaper(paper, bank, blueprint, reordered).ok).toBe(true);
  });
});
