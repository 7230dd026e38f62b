import type { BankSnapshot, Blueprint, Calibration } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble } from './index.ts';
import { rng } from './rng.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';
import { violations } from './testing/check.ts';

/**
 * Windows at the cut, checked against brute force: every paper of a small bank enumerated, its expected score
 * Σ points / (1 + e^(b − θ)) and information Σ P(1 − P) computed here from the definition (b: the calibrated
 * logit, else the band's −2 … 2), never by the assembler's code.
 */

const outline = makeOutline(2, { points: 2 });
// Two areas × five difficulties × two 单选题 each: 20 items; the paper takes two of each area's ten.
const bank = cellBank(outline, (_a, type) => (type === 'single' ? 2 : 0), 'cut-window');
const ABILITY = 0.25;
const draw = rng('cut-window-calibration');
const calibrated: Calibration = Object.fromEntries(
  bank.items.map((i) => [i.code, i.content.difficulty - 3 + (draw.below(1001) - 500) / 1000]),
);
const bandLogit = (d: number): number => d - 3;
const P = (code: string, d: number, calibration: Calibration): number =>
  1 / (1 + Math.exp((calibration[code] ?? bandLogit(d)) - ABILITY));

/** Every paper: two of area A's items and two of area B's. */
function allPapers(snapshot: BankSnapshot): string[][] {
  const byArea = [0, 1].map((a) => snapshot.items.filter((i) => i.code.startsWith('AB'[a]!)).map((i) => i.code));
  const pairs = (codes: string[]): string[][] => codes.flatMap((x, i) => codes.slice(i + 1).map((y) => [x, y]));
  return pairs(byArea[0]!).flatMap((p) => pairs(byArea[1]!).map((q) => [...p, ...q]));
}
const difficultyOf = new Map(bank.items.map((i) => [i.code, i.content.difficulty]));
const measure = (codes: readonly string[], calibration: Calibration) => {
  let score = 0;
  let information = 0;
  for (const code of codes) {
    const p = P(code, difficultyOf.get(code)!, calibration);
    score += 25 * p;
    information += p * (1 - p);
  }
  return { score, information };
};

const blueprintOf = (cut: Blueprint['cut'], extra: Partial<Blueprint> = {}): Blueprint =>
  testBlueprint({ totalScore: 100, sections: [{ type: 'single', count: 4, points: 25 }], cut, ...extra }, outline);

const papers = allPapers(bank);
const round2 = (x: number): number => Math.round(x * 100) / 100;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

describe('the expected-score window at the cut', () => {
  const reference = papers.map((codes) => round2(measure(codes, calibrated).score));
  const least = Math.min(...reference);
  const most = Math.max(...reference);

  it('holds exactly whenever some paper meets it, and the paper records the score brute force gives', () => {
    expect(papers).toHaveLength(45 * 45);
    let met = 0;
    for (let k = 0; k <= 20; k++) {
      const min = round2(least + ((most - least) * k) / 20 - 0.2);
      const max = round2(min + 0.3);
      const exists = reference.some((s) => s >= min && s <= max);
      const blueprint = blueprintOf({ ability: ABILITY, expectedScore: { min: Math.max(min, 0), max } });
      const result = assemble(bank, blueprint, `window-${k}`, undefined, calibrated);
      expect(result.ok, `window ${min}–${max}: a paper exists = ${exists}`).toBe(exists);
      if (!result.ok) continue;
      met++;
      const paper = result.value[0]!;
      const codes = paper.sections.flatMap((s) => s.items.map((i) => i.code));
      const recorded = paper.measures?.atCut?.expectedScore ?? Number.NaN;
      expect(recorded).toBe(round2(measure(codes, calibrated).score));
      expect(recorded).toBeGreaterThanOrEqual(min);
      expect(recorded).toBeLessThanOrEqual(max);
      expect(violations(result.value, bank, blueprint, undefined, calibrated)).toEqual([]);
    }
    expect(met).toBeGreaterThan(15);
  });

  it('refuses a window beyond the reach of every paper, naming the window and the reachable range', () => {
    const blueprint = blueprintOf({ ability: ABILITY, expectedScore: { min: round2(most + 0.01), max: 100 } });
    const result = assemble(bank, blueprint, 'too-high', undefined, calibrated);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('assembly_cut_window');
    const [problem] = result.error.problems;
    expect(problem?.code).toBe('assembly_cut_score_unreachable');
    expect(problem?.zh).toBe(
      `合格线（能力值 ${ABILITY}）处的期望得分要求不能满足（组卷方案要求 ${round2(most + 0.01)}–100），` +
        `满足其他要求的试卷只能在 ${least.toFixed(2)}–${most.toFixed(2)} 之间`,
    );
  });

  it('moves between difficulty bands when uncalibrated items of a band all score the same', () => {
    const reference = papers.map((codes) => round2(measure(codes, {}).score));
    const values = [...new Set(reference)].sort((a, b) => a - b);
    expect(values.length).toBeGreaterThan(10);
    for (const [k, value] of values.entries()) {
      const blueprint = blueprintOf({ ability: ABILITY, expectedScore: { min: value, max: value } });
      const result = assemble(bank, blueprint, `band-${k}`);
      expect(result.ok, `exactly ${value}`).toBe(true);
      if (result.ok) expect(result.value[0]!.measures?.atCut?.expectedScore).toBe(value);
    }
    // Between two neighbouring reachable scores no paper lands: a gap, with the range around it.
    const [a, b] = [values[3]!, values[4]!];
    const between = blueprintOf({ ability: ABILITY, expectedScore: { min: round2(a + 0.01), max: round2(b - 0.01) } });
    const result = assemble(bank, between, 'gap');
    expect(!result.ok && result.error.problems.map((p) => p.code)).toEqual(['assembly_cut_score_gap']);
    expect(!result.ok && result.error.problems[0]!.zh).toContain(
      `可达 ${values[0]!.toFixed(2)}–${values.at(-1)!.toFixed(2)}`,
    );
  });
});

describe('the information window at the cut', () => {
  const reference = papers.map((codes) => measure(codes, calibrated));

  it('holds with the expected-score window and the mean difficulty together, whenever brute force finds a paper', () => {
    let met = 0;
    for (let k = 0; k < 12; k++) {
      // Centres on papers whose mean difficulty is within 3 ± 1.
      const fits = papers.flatMap((codes, p) =>
        Math.abs(codes.reduce((s, c) => s + difficultyOf.get(c)!, 0) / 4 - 3) <= 1 ? [p] : [],
      );
      const center = reference[fits[(k * 331) % fits.length]!]!;
      const score = { min: round2(center.score - 1), max: round2(center.score + 1) };
      const information = { min: round3(center.information - 0.01), max: round3(center.information + 0.01) };
      const meanDifficulty = { target: 3, tolerance: 1 };
      const exists = papers.some((codes, p) => {
        const r = reference[p]!;
        const mean = codes.reduce((s, c) => s + difficultyOf.get(c)!, 0) / 4;
        return (
          round2(r.score) >= score.min &&
          round2(r.score) <= score.max &&
          round3(r.information) >= information.min &&
          round3(r.information) <= information.max &&
          Math.abs(mean - 3) <= 1
        );
      });
      expect(exists).toBe(true);
      const blueprint = blueprintOf({ ability: ABILITY, expectedScore: score, information }, { meanDifficulty });
      const result = assemble(bank, blueprint, `both-${k}`, undefined, calibrated);
      if (!result.ok) continue;
      met++;
      const atCut = result.value[0]!.measures!.atCut!;
      const codes = result.value[0]!.sections.flatMap((s) => s.items.map((i) => i.code));
      expect(atCut.information).toBe(round3(measure(codes, calibrated).information));
      expect(atCut.information).toBeGreaterThanOrEqual(information.min);
      expect(atCut.information).toBeLessThanOrEqual(information.max);
      expect(atCut.expectedScore).toBeGreaterThanOrEqual(score.min);
      expect(atCut.expectedScore).toBeLessThanOrEqual(score.max);
      expect(violations(result.value, bank, blueprint, undefined, calibrated)).toEqual([]);
    }
    expect(met).toBe(12);
  });

  it('refuses an information window no paper reaches, with the reachable range', () => {
    const most = Math.max(...reference.map((r) => round3(r.information)));
    const least = Math.min(...reference.map((r) => round3(r.information)));
    const blueprint = blueprintOf({ ability: ABILITY, information: { min: round3(most + 0.001), max: 4 } });
    const result = assemble(bank, blueprint, 'info', undefined, calibrated);
    expect(!result.ok && result.error.problems.map((p) => [p.code, p.zh])).toEqual([
      [
        'assembly_cut_information_unreachable',
        `合格线（能力值 ${ABILITY}）处的测验信息量要求不能满足（组卷方案要求 ${round3(most + 0.001)}–4），` +
          `满足其他要求的试卷只能在 ${least.toFixed(3)}–${most.toFixed(3)} 之间`,
      ],
    ]);
  });
});
