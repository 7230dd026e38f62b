import { describe, expect, it } from 'vitest';
import example from '../reference/ctt-example.json' with { type: 'json' };
import expected from '../reference/ctt-expected.json' with { type: 'json' };
import { analyse, analyseByForm } from './ctt.ts';
import { buildMatrix, type ItemMeta } from './matrix.ts';

// Expected numbers come from reference/ctt_reference.py (numpy/scipy), never from this package.
type Case = (typeof expected)['single'];
const items = example.items as ItemMeta[];

function matrixOf(persons: { form: string; chosen: (number[] | null)[] }[], scores: (number | null)[][]) {
  return buildMatrix(
    items,
    persons.map((p, j) => ({
      form: p.form,
      cells: p.chosen.map((chosen, i) => (chosen ? { score: scores[j]![i]!, chosen } : null)),
    })),
  );
}

function expectAnalysis(actual: ReturnType<typeof analyse>, want: Case) {
  const t = actual.test;
  expect(t.n).toBe(want.test.n);
  for (const key of ['mean', 'median', 'sd', 'skewness', 'kurtosis', 'alpha', 'errorRatio', 'sem'] as const) {
    expect(t[key], key).toBeCloseTo(want.test[key], 8);
  }
  expect(t.distribution).toEqual(want.test.distribution);
  want.items.forEach((wi, i) => {
    const ai = actual.items[i]!;
    expect(ai.code).toBe(wi.code);
    expect(ai.n).toBe(wi.n);
    for (const key of ['facility', 'sd', 'discrimination', 'discriminativeEfficiency'] as const) {
      expect(ai[key], `${wi.code} ${key}`).toBeCloseTo(wi[key], 8);
    }
    wi.options.forEach((wo, o) => {
      const ao = ai.options[o]!;
      expect(ao.share, `${wi.code} option ${o} share`).toBeCloseTo(wo.share, 8);
      if (wo.meanRest === null) expect(ao.meanRest).toBeNull();
      else expect(ao.meanRest, `${wi.code} option ${o} rest`).toBeCloseTo(wo.meanRest, 8);
      expect(ao.upperCount, `${wi.code} option ${o} upper third`).toBe(wo.upperCount);
    });
  });
}

describe('classical statistics follow Moodle and match an independent computation', () => {
  it('one form: item facility, SD, rest-of-test discrimination, efficiency, options and the test summary', () => {
    const m = matrixOf(example.persons, expected.single.scores as (number | null)[][]);
    expectAnalysis(analyse(m), expected.single);
  });

  it('two forms pooled with items missing by design: items over their presenters, α per form weighted', () => {
    const m = matrixOf(example.pooled, expected.pooled.scores as (number | null)[][]);
    const [pooled, a, b] = analyseByForm(m);
    expectAnalysis(pooled!, expected.pooled as Case);
    expect(pooled!.test.alphaBasis).toBe('forms');
    expect(a!.form).toBe('A');
    expect(a!.test.n).toBe(6);
    expect(b!.test.n).toBe(7);
    expect(a!.items[4]!.n).toBe(0);
    expect(a!.items[4]!.facility).toBeNull();
  });

  it('an item everyone answers alike has no discrimination rather than a made-up number', () => {
    const persons = example.persons.map((p) => ({ ...p, chosen: [[0], ...p.chosen.slice(1)] }));
    const scores = (expected.single.scores as number[][]).map((row) => [1, ...row.slice(1)]);
    const s1 = analyse(matrixOf(persons, scores)).items[0]!;
    expect(s1.facility).toBe(1);
    expect(s1.discrimination).toBeNull();
    expect(s1.discriminativeEfficiency).toBeNull();
  });
});
