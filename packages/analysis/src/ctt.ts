/**
 * Classical test theory after Moodle's "Quiz statistics calculations" (docs.moodle.org/dev): sample
 * variances (S − 1), skewness and kurtosis from the k-statistics, the discrimination index as the
 * correlation of an item with the REST of the test, discriminative efficiency as that covariance over the
 * largest covariance the two marginals allow (both sorted ascending). Moodle prints percentages; here every
 * ratio is a fraction (facility 0.65, not 65 %) and the console multiplies for display.
 */
import { formsOf, type ResponseMatrix, selectForm } from './matrix.ts';

export interface OptionStats {
  option: number;
  keyed: boolean;
  /** presenters who chose it */
  count: number;
  share: number;
  /** mean rest-of-test score of those who chose it; null when nobody did */
  meanRest: number | null;
  /** choosers among the upper third of the group by total score */
  upperCount: number;
}

export interface ItemStats {
  item: number;
  code: string;
  /** persons the item was presented to */
  n: number;
  facility: number | null;
  /** SD of the item score as a fraction of its full marks */
  sd: number | null;
  /** r(item, rest of test) */
  discrimination: number | null;
  discriminativeEfficiency: number | null;
  options: OptionStats[];
  /** presenters with an empty answer */
  omitted: number;
  /** presenters in the upper third */
  upperN: number;
}

export interface TestStats {
  n: number;
  items: number;
  maxTotal: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Cronbach's α (= KR-20 for dichotomous items) */
  alpha: number | null;
  /** how α was obtained: directly, or as the person-weighted mean of the forms' α (missing by design) */
  alphaBasis: 'items' | 'forms';
  sem: number | null;
  /** Moodle's error ratio √(1 − α) */
  errorRatio: number | null;
  distribution: { score: number; count: number }[];
}

export interface Analysis {
  form: string | null;
  test: TestStats;
  items: ItemStats[];
}

const sampleVar = (sum: number, sumSq: number, n: number) => (n > 1 ? (sumSq - (sum * sum) / n) / (n - 1) : null);

function totalsOf(m: ResponseMatrix): { totals: Float64Array; maxTotal: number } {
  const k = m.items.length;
  const totals = new Float64Array(m.persons);
  let maxTotal = 0;
  for (let p = 0; p < m.persons; p++) {
    let t = 0;
    let mt = 0;
    for (let i = 0; i < k; i++) {
      const x = m.score[p * k + i]!;
      if (!Number.isNaN(x)) {
        t += x;
        mt += m.items[i]!.maxScore;
      }
    }
    totals[p] = t;
    if (mt > maxTotal) maxTotal = mt;
  }
  return { totals, maxTotal };
}

function alphaOf(m: ResponseMatrix, totals: Float64Array): number | null {
  const k = m.items.length;
  const S = m.persons;
  let sumItemVar = 0;
  let P = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    let ss = 0;
    let n = 0;
    for (let p = 0; p < S; p++) {
      const x = m.score[p * k + i]!;
      if (!Number.isNaN(x)) {
        s += x;
        ss += x * x;
        n++;
      }
    }
    if (n === 0) continue;
    if (n !== S) return Number.NaN; // partially presented: not one test
    sumItemVar += sampleVar(s, ss, n) ?? 0;
    P++;
  }
  let s = 0;
  let ss = 0;
  for (let p = 0; p < S; p++) {
    s += totals[p]!;
    ss += totals[p]! * totals[p]!;
  }
  const vT = sampleVar(s, ss, S);
  if (P < 2 || !vT) return null;
  return (P / (P - 1)) * (1 - sumItemVar / vT);
}

function testStats(m: ResponseMatrix, totals: Float64Array, maxTotal: number): TestStats {
  const S = m.persons;
  const sorted = Float64Array.from(totals).sort();
  const mean = S ? totals.reduce((a, b) => a + b, 0) / S : null;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let p = 0; p < S; p++) {
    const d = totals[p]! - (mean ?? 0);
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= S;
  m3 /= S;
  m4 /= S;
  const k2 = S > 1 ? (S * m2) / (S - 1) : null;
  const k3 = S > 2 ? (S * S * m3) / ((S - 1) * (S - 2)) : null;
  const k4 = S > 3 ? ((S * S) / ((S - 1) * (S - 2) * (S - 3))) * ((S + 1) * m4 - 3 * (S - 1) * m2 * m2) : null;
  const sd = k2 === null ? null : Math.sqrt(k2);
  let alpha = alphaOf(m, totals);
  let alphaBasis: TestStats['alphaBasis'] = 'items';
  if (alpha !== null && Number.isNaN(alpha)) {
    // missing by design: one α per form, weighted by its persons
    alphaBasis = 'forms';
    let w = 0;
    let a = 0;
    for (const f of formsOf(m)) {
      const sub = selectForm(m, f);
      const fa = alphaOf(sub, totalsOf(sub).totals);
      if (fa === null || Number.isNaN(fa)) continue;
      a += fa * sub.persons;
      w += sub.persons;
    }
    alpha = w ? a / w : null;
  }
  const errorRatio = alpha === null ? null : Math.sqrt(Math.max(0, 1 - alpha));
  const counts = new Map<number, number>();
  for (const t of sorted) {
    const key = Math.round(t * 10) / 10;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    n: S,
    items: m.items.filter((_, i) => presentedCount(m, i) > 0).length,
    maxTotal,
    mean,
    median: S ? (S % 2 ? sorted[(S - 1) / 2]! : (sorted[S / 2 - 1]! + sorted[S / 2]!) / 2) : null,
    sd,
    skewness: k2 && k3 !== null ? k3 / k2 ** 1.5 : null,
    kurtosis: k2 && k4 !== null ? k4 / (k2 * k2) : null,
    alpha,
    alphaBasis,
    sem: errorRatio === null || sd === null ? null : errorRatio * sd,
    errorRatio,
    distribution: [...counts].map(([score, count]) => ({ score, count })),
  };
}

function presentedCount(m: ResponseMatrix, i: number): number {
  const k = m.items.length;
  let n = 0;
  for (let p = 0; p < m.persons; p++) if (!Number.isNaN(m.score[p * k + i]!)) n++;
  return n;
}

/** Threshold total of the upper third: the ⌊S/3⌋-th highest total (ties at the boundary are in). */
function upperThreshold(totals: Float64Array): number {
  const S = totals.length;
  const third = Math.floor(S / 3);
  if (third === 0) return Number.POSITIVE_INFINITY;
  const desc = Float64Array.from(totals).sort().reverse();
  return desc[third - 1]!;
}

function itemStats(m: ResponseMatrix, i: number, totals: Float64Array, upper: number): ItemStats {
  const k = m.items.length;
  const meta = m.items[i]!;
  const xs = new Float64Array(m.persons);
  const rs = new Float64Array(m.persons);
  const nOpt = meta.options;
  const optCount = new Array<number>(nOpt).fill(0);
  const optRest = new Array<number>(nOpt).fill(0);
  const optUpper = new Array<number>(nOpt).fill(0);
  let n = 0;
  let omitted = 0;
  let upperN = 0;
  for (let p = 0; p < m.persons; p++) {
    const x = m.score[p * k + i]!;
    if (Number.isNaN(x)) continue;
    const rest = totals[p]! - x;
    xs[n] = x;
    rs[n] = rest;
    n++;
    const isUpper = totals[p]! >= upper;
    if (isUpper) upperN++;
    const mask = m.choice[p * k + i]!;
    if (mask === 0) omitted++;
    for (let o = 0; o < nOpt; o++) {
      if (mask & (1 << o)) {
        optCount[o]!++;
        optRest[o]! += rest;
        if (isUpper) optUpper[o]!++;
      }
    }
  }
  const x = xs.subarray(0, n);
  const r = rs.subarray(0, n);
  let sx = 0;
  let sr = 0;
  for (let j = 0; j < n; j++) {
    sx += x[j]!;
    sr += r[j]!;
  }
  const mx = sx / n;
  const mr = sr / n;
  let cxx = 0;
  let crr = 0;
  let cxr = 0;
  for (let j = 0; j < n; j++) {
    const dx = x[j]! - mx;
    const dr = r[j]! - mr;
    cxx += dx * dx;
    crr += dr * dr;
    cxr += dx * dr;
  }
  let cmax = 0;
  if (n > 1 && cxx > 0 && crr > 0) {
    const xsS = Float64Array.from(x).sort();
    const rsS = Float64Array.from(r).sort();
    for (let j = 0; j < n; j++) cmax += (xsS[j]! - mx) * (rsS[j]! - mr);
  }
  const max = meta.maxScore;
  const keyed = new Set(meta.key);
  return {
    item: i,
    code: meta.code,
    n,
    facility: n ? mx / max : null,
    sd: n > 1 ? Math.sqrt(cxx / (n - 1)) / max : null,
    discrimination: cxx > 0 && crr > 0 ? cxr / Math.sqrt(cxx * crr) : null,
    discriminativeEfficiency: cmax > 0 ? cxr / cmax : null,
    options: optCount.map((count, o) => ({
      option: o,
      keyed: keyed.has(o),
      count,
      share: n ? count / n : 0,
      meanRest: count ? optRest[o]! / count : null,
      upperCount: optUpper[o]!,
    })),
    omitted,
    upperN,
  };
}

/** Test and item statistics of every person in the matrix (pooled over its forms). */
export function analyse(m: ResponseMatrix, form: string | null = null): Analysis {
  const { totals, maxTotal } = totalsOf(m);
  const upper = upperThreshold(totals);
  return {
    form,
    test: testStats(m, totals, maxTotal),
    items: m.items.map((_, i) => itemStats(m, i, totals, upper)),
  };
}

/** Pooled analysis first, then one per form (when there is more than one form). */
export function analyseByForm(m: ResponseMatrix): Analysis[] {
  const forms = formsOf(m);
  const pooled = analyse(m);
  if (forms.length < 2) return [{ ...pooled, form: forms[0] ?? null }];
  return [pooled, ...forms.map((f) => analyse(selectForm(m, f), f))];
}
