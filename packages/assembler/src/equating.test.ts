import { NO_USAGE, type BankSnapshot, type Blueprint, type UsageHistory } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assembleForms } from './assemble.ts';
import { assemble, verifyPaper } from './index.ts';
import { buildModel } from './model.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';
import { violations } from './testing/check.ts';

/**
 * Equated parallel forms: every pair of forms' expected scores at the cut within the tolerance. Reference values
 * by hand: at ability 0 an uncalibrated item of band d has P = 1 / (1 + e^(d − 3)), so a 10-point item is worth
 * 8.808, 7.311, 5, 2.689, 1.192 points for d = 1 … 5 (each pair d, 6 − d adds up to 10).
 */

const outline = makeOutline(1, { points: 2 });
const P = (d: number): number => 1 / (1 + Math.exp(d - 3));

const blueprintOf = (forms: Blueprint['forms'], extra: Partial<Blueprint> = {}): Blueprint =>
  testBlueprint(
    {
      totalScore: 100,
      sections: [{ type: 'single', count: 10, points: 10 }],
      cut: { ability: 0 },
      forms,
      ...extra,
    },
    outline,
  );
const codesOf = (paper: { sections: { items: { code: string }[] }[] }): string[] =>
  paper.sections.flatMap((s) => s.items.map((i) => i.code));
const byHand = (codes: readonly string[], bank: BankSnapshot): number =>
  codes.reduce((s, code) => s + 10 * P(bank.items.find((i) => i.code === code)!.content.difficulty), 0);

describe('equated parallel forms on an adversarial bank', () => {
  // Four 单选题 per band, 20 in all: two forms of 10 without overlap take every item, so form B is whatever form A
  // leaves, and B's expected score is 100 minus A's. The last batch used the bands 3–5, so form A prefers the
  // unused bands 1 and 2 — about 64.5 + 5 points — which leaves B about 30.5: form by form, B cannot be equated.
  // Jointly, A must land within [49.5, 50.5] (|A − (100 − A)| ≤ 1), e.g. two items of each band: 50 each.
  const bank = cellBank(outline, (_a, type) => (type === 'single' ? 4 : 0), 'equating');
  const usage: UsageHistory = {
    recentBatches: [bank.items.filter((i) => i.content.difficulty >= 3).map((i) => i.code)],
    useCounts: {},
  };
  const blueprint = blueprintOf(
    { count: 2, maxOverlap: 0, equatingTolerance: 1 },
    { exposure: { excludeRecentBatches: 0, lastBatches: 1 } },
  );
  const seeds = ['equate-1', 'equate-2', 'equate-3', 'equate-4', 'equate-5'];

  it('fails form by form: form A takes the unused easy items and B cannot come within 1 point of it', () => {
    const built = buildModel(bank, blueprint, usage);
    if (!built.ok) throw new Error(built.error.zh);
    for (const seed of seeds) {
      const sequential = assembleForms(built.value, seed, 'sequential');
      expect(sequential.ok, seed).toBe(false);
      if (sequential.ok) continue;
      expect(sequential.error.code).toBe('assembly_cut_window');
      expect(sequential.error.zh).toContain('无法按组卷方案组成试卷 B');
      expect(sequential.error.zh).toContain('与其他套试卷等值要求');
    }
  });

  it('succeeds jointly: both forms within 1 point of each other, no shared item, every constraint holding', () => {
    for (const seed of seeds) {
      const result = assemble(bank, blueprint, seed, usage);
      expect(result.ok, seed).toBe(true);
      if (!result.ok) continue;
      const [a, b] = result.value as [(typeof result.value)[0], (typeof result.value)[0]];
      const [scoreA, scoreB] = [byHand(codesOf(a), bank), byHand(codesOf(b), bank)];
      expect(scoreA + scoreB).toBeCloseTo(100, 9);
      expect(Math.abs(scoreA - scoreB)).toBeLessThanOrEqual(1 + 0.01);
      expect(a.measures?.atCut?.expectedScore).toBe(Math.round(scoreA * 100) / 100);
      expect(b.measures?.atCut?.expectedScore).toBe(Math.round(scoreB * 100) / 100);
      expect(codesOf(a).filter((code) => codesOf(b).includes(code))).toEqual([]);
      expect(violations(result.value, bank, blueprint, usage, {})).toEqual([]);
      // The sealed forms verify: assembling the recorded inputs again re-derives their expected scores.
      for (const paper of result.value)
        expect(verifyPaper(paper, bank, blueprint, usage)).toEqual({
          ok: true,
          value: { hash: paper.hash, measures: paper.measures },
        });
    }
  });

  it('explains when no two forms can be equated: the tolerance, the scores form by form, the reach of one form', () => {
    // Eleven of band 1 and nine of band 5: form A holds k of band 1, B the other 11 − k, so the forms differ by
    // |2k − 11| × (8.808 − 1.192) ≥ 7.62 points, more than the tolerance of 1 whatever the split.
    const lopsided = cellBank(
      outline,
      (_a, type, d) => (type !== 'single' ? 0 : d === 1 ? 11 : d === 5 ? 9 : 0),
      'eq2',
    );
    const result = assemble(lopsided, blueprintOf({ count: 2, maxOverlap: 0, equatingTolerance: 1 }), 'x', NO_USAGE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('assembly_equating');
    const [first] = result.error.problems;
    expect(first?.zh).toContain('任意两套试卷在合格线处的期望得分之差不得超过 1 分');
    // One form reaches 1 × band 1 + 9 × band 5 … 10 × band 1.
    const least = (10 * P(1) + 90 * P(5)).toFixed(2);
    const most = (100 * P(1)).toFixed(2);
    expect(first?.zh).toContain(`单套试卷的期望得分可达 ${least}–${most}`);
  });
});
