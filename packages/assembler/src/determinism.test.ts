import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { calibrationHash, canonicalJson, paper as paperSchema, paperHash, sha256Hex, type Paper } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble, variant, verifyPaper } from './index.ts';
import { violations } from './testing/check.ts';
import { determinismCase } from './testing/determinism-case.ts';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const script = fileURLToPath(new URL('./testing/print-papers.ts', import.meta.url));

/** Runs the print script in a fresh Node process with the given locale and time zone. */
function printed(seed: string, env: Record<string, string>, ...rest: string[]): string {
  return execFileSync(process.execPath, [tsx, script, seed, ...rest], {
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
    const { bank, blueprint, usage, calibration } = determinismCase();
    const here = assemble(bank, blueprint, 'audit-2024-1', usage, calibration);
    expect(here.ok).toBe(true);
    if (here.ok)
      expect(canonicalJson({ papers: here.value, variant: variant(here.value[0]!, '准考证 0001') })).toBe(first);
    const other = printed('audit-2024-2', { TZ: 'UTC' });
    expect(other).not.toBe(first);
  }, 60_000);
});

describe('determinism of equated forms with windows at the cut', () => {
  it('gives byte-identical forms in two processes and in this one, each pair within the tolerance', () => {
    const first = printed('equated-1', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, 'equated');
    const second = printed('equated-1', { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' }, 'equated');
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    const { bank, blueprint, usage, calibration } = determinismCase({ equated: true });
    const here = assemble(bank, blueprint, 'equated-1', usage, calibration);
    if (!here.ok) throw new Error(here.error.zh);
    expect(canonicalJson({ papers: here.value, variant: variant(here.value[0]!, '准考证 0001') })).toBe(first);
    const scores = here.value.map((p) => p.measures!.atCut!.expectedScore);
    expect(Math.max(...scores) - Math.min(...scores)).toBeLessThanOrEqual(0.5);
    expect(violations(here.value, bank, blueprint, usage, calibration)).toEqual([]);
  }, 60_000);
});

describe('sealed papers', () => {
  const { bank, blueprint, usage, calibration } = determinismCase();
  const result = assemble(bank, blueprint, 'sealed', usage, calibration);
  if (!result.ok) throw new Error(result.error.zh);
  const [paper] = result.value as [Paper];

  it('carry their hash over everything else, their inputs and each item’s code, version, hash and content', () => {
    expect(paper.hash).toBe(paperHash(paper));
    expect(Object.keys(paper.inputs).sort()).toEqual([
      'assemblerVersion',
      'blueprintHash',
      'calibrationHash',
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
    expect(verifyPaper(paper, bank, blueprint, usage, calibration)).toEqual({
      ok: true,
      value: { hash: paper.hash, measures: paper.measures },
    });
    const forged = { ...paper, measures: { exposure: { ...paper.measures!.exposure!, seen: 0 } } };
    const check = verifyPaper({ ...forged, hash: paperHash(forged) }, bank, blueprint, usage, calibration);
    expect(check.ok ? 'ok' : check.error.code).toBe('paper_mismatch');
    expect(verifyPaper(result.value[2]!, bank, blueprint, usage, calibration).ok).toBe(true);
  });

  it('fail verification when altered, or checked against other inputs', () => {
    const altered = structuredClone(paper);
    altered.sections[0]!.items[0]!.points = 2;
    expect(verifyPaper(altered, bank, blueprint, usage, calibration)).toMatchObject({
      ok: false,
      error: { code: 'paper_altered' },
    });
    const resealed = { ...altered, hash: paperHash(altered) };
    expect(verifyPaper(resealed, bank, blueprint, usage, calibration)).toMatchObject({
      ok: false,
      error: { code: 'paper_mismatch' },
    });
    expect(verifyPaper(paper, bank, { ...blueprint, durationMinutes: 100 }, usage, calibration)).toMatchObject({
      ok: false,
      error: { code: 'paper_other_blueprint' },
    });
    expect(verifyPaper(paper, bank, blueprint)).toMatchObject({ ok: false, error: { code: 'paper_other_usage' } });
    expect(verifyPaper(paper, { ...bank, hash: '0'.repeat(64) }, blueprint, usage, calibration)).toMatchObject({
      ok: false,
      error: { code: 'paper_other_snapshot' },
    });
  });

  it('record usage by content: the order of batches’ items and of use counts does not matter', () => {
    const reordered = {
      recentBatches: usage.recentBatches.map((b) => [...b].reverse()),
      useCounts: Object.fromEntries(Object.entries(usage.useCounts).reverse()),
    };
    expect(verifyPaper(paper, bank, blueprint, reordered, calibration).ok).toBe(true);
  });
});

describe('measured at the cut: expected score and information at the pass-mark ability', () => {
  const { bank, blueprint, usage, calibration } = determinismCase();
  const result = assemble(bank, blueprint, 'cut', usage, calibration);
  if (!result.ok) throw new Error(result.error.zh);

  it('records Σ points × P(θ) and Σ P(1 − P) from the calibrated logits, bands (−2…2) for the others', () => {
    // Recomputed from the paper alone, with the band logits written out here.
    const band = [0, -2, -1, 0, 1, 2];
    for (const paper of result.value) {
      let expected = 0;
      let information = 0;
      let calibrated = 0;
      for (const item of paper.sections.flatMap((s) => s.items)) {
        const b = calibration[item.code] ?? band[item.content.difficulty]!;
        if (calibration[item.code] !== undefined) calibrated++;
        const p = 1 / (1 + Math.exp(b - 0.3));
        expected += item.points * p;
        information += p * (1 - p);
      }
      const cut = paper.measures?.atCut;
      expect(cut?.ability).toBe(0.3);
      expect(cut?.expectedScore).toBeCloseTo(expected, 2);
      expect(cut?.information).toBeCloseTo(information, 3);
      expect(cut?.calibrated).toBe(calibrated);
      expect(calibrated).toBeGreaterThan(20);
      expect(paper.inputs.calibrationHash).toBe(calibrationHash(calibration));
    }
  });

  it('verifies with the same calibration and refuses another one', () => {
    const paper = result.value[1]!;
    expect(verifyPaper(paper, bank, blueprint, usage, calibration)).toMatchObject({ ok: true });
    const shifted = Object.fromEntries(Object.entries(calibration).map(([code, b]) => [code, b + 0.5]));
    const other = verifyPaper(paper, bank, blueprint, usage, shifted);
    expect(other.ok ? 'ok' : other.error.code).toBe('paper_other_calibration');
    // A forged measure, re-hashed, is caught by re-assembly.
    const forged = {
      ...paper,
      measures: { ...paper.measures, atCut: { ...paper.measures!.atCut!, expectedScore: 60 } },
    };
    const check = verifyPaper({ ...forged, hash: paperHash(forged) }, bank, blueprint, usage, calibration);
    expect(check.ok ? 'ok' : check.error.code).toBe('paper_mismatch');
  });
});
