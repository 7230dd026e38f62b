/**
 * Rasch (1PL) calibration by conditional maximum likelihood (CML), the method of eRm.
 *
 * Why CML: conditioning on each person's raw score removes the abilities from the likelihood, so item
 * difficulties are consistent with no assumption about the ability distribution (MML needs one, and a
 * batch of one enterprise's employees is not a normal population) and with no incidental-parameter bias
 * (JML's, corrected only approximately by (k − 1)/k). Missing by design (forms, batches sharing items) is
 * exact in CML: persons are grouped by the set of items they were presented, each group conditions on
 * its own γ functions, and common items link the groups onto one scale. Normalisation: Σ difficulty = 0
 * over the calibrated items. Newton–Raphson on the full information matrix; standard errors from its
 * pseudo-inverse (the covariance under the sum-zero constraint, the same as eRm's sum0 = TRUE).
 * Persons: maximum likelihood given the difficulties; extreme raw scores (0 or all) are estimated at
 * 0.3 and m − 0.3 and marked extreme. Fit: infit and outfit mean squares over non-extreme persons.
 */
import { esf, esfWithout } from './esf.ts';
import type { ResponseMatrix } from './matrix.ts';

/** 0/1 per person × item, −1 = not presented. */
export interface BinaryMatrix {
  persons: number;
  items: number;
  x: Int8Array;
}

export type RaschItemStatus = 'calibrated' | 'all_correct' | 'all_wrong' | 'unlinked' | 'no_data';

export interface RaschItem {
  item: number;
  status: RaschItemStatus;
  /** non-extreme persons who were presented the item */
  n: number;
  difficulty: number | null;
  se: number | null;
  infit: number | null;
  outfit: number | null;
  /**
   * The mean squares standardised (ZSTD): Wilson–Hilferty's cube-root transform with the mean square's own
   * model variance, as Winsteps and eRm's itemfit (i.infitZ, i.outfitZ) compute them; ~N(0, 1) when the item fits.
   */
  infitZ: number | null;
  outfitZ: number | null;
}

export interface RaschPerson {
  raw: number;
  presented: number;
  theta: number | null;
  se: number | null;
  extreme: boolean;
}

export interface RaschResult {
  items: RaschItem[];
  persons: RaschPerson[];
  iterations: number;
  converged: boolean;
}

/** Full marks = 1, anything less = 0 (partial credit on 多选 counts as not solved). */
export function dichotomize(m: ResponseMatrix): BinaryMatrix {
  const k = m.items.length;
  const x = new Int8Array(m.persons * k);
  for (let p = 0; p < m.persons; p++) {
    for (let i = 0; i < k; i++) {
      const s = m.score[p * k + i]!;
      x[p * k + i] = Number.isNaN(s) ? -1 : s >= m.items[i]!.maxScore ? 1 : 0;
    }
  }
  return { persons: m.persons, items: k, x };
}

interface Group {
  items: number[];
  counts: Float64Array;
}

/** Drops extreme persons and items until neither remains (CML learns nothing from either). */
function informative(d: BinaryMatrix) {
  const { persons: N, items: K, x } = d;
  const itemOk = new Uint8Array(K).fill(1);
  const personOk = new Uint8Array(N).fill(1);
  const status = new Array<RaschItemStatus>(K).fill('calibrated');
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = 0; p < N; p++) {
      if (!personOk[p]) continue;
      let raw = 0;
      let m = 0;
      for (let i = 0; i < K; i++) {
        const v = x[p * K + i]!;
        if (v < 0 || !itemOk[i]) continue;
        m++;
        raw += v;
      }
      if (raw === 0 || raw === m) {
        personOk[p] = 0;
        changed = true;
      }
    }
    for (let i = 0; i < K; i++) {
      if (!itemOk[i]) continue;
      let n = 0;
      let s = 0;
      for (let p = 0; p < N; p++) {
        const v = x[p * K + i]!;
        if (v < 0 || !personOk[p]) continue;
        n++;
        s += v;
      }
      if (n === 0 || s === 0 || s === n) {
        itemOk[i] = 0;
        status[i] = n === 0 ? 'no_data' : s === 0 ? 'all_wrong' : 'all_correct';
        changed = true;
      }
    }
  }
  return { itemOk, personOk, status };
}

function groupsOf(d: BinaryMatrix, itemOk: Uint8Array, personOk: Uint8Array): Group[] {
  const K = d.items;
  const map = new Map<string, Group>();
  const pattern = new Uint8Array(K);
  for (let p = 0; p < d.persons; p++) {
    if (!personOk[p]) continue;
    let raw = 0;
    for (let i = 0; i < K; i++) {
      const v = d.x[p * K + i]!;
      pattern[i] = v >= 0 && itemOk[i] ? 49 : 48;
      if (v > 0 && itemOk[i]) raw++;
    }
    const key = Buffer.from(pattern).toString('latin1');
    let g = map.get(key);
    if (!g) {
      const items: number[] = [];
      for (let i = 0; i < K; i++) if (pattern[i] === 49) items.push(i);
      g = { items, counts: new Float64Array(items.length + 1) };
      map.set(key, g);
    }
    g.counts[raw]!++;
  }
  return [...map.values()];
}

/** Keeps the largest set of items linked by common persons; marks the others unlinked. */
function linkItems(groups: Group[], itemOk: Uint8Array, status: RaschItemStatus[]): Group[] {
  const parent = Array.from(itemOk, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const g of groups) for (const i of g.items.slice(1)) parent[find(i)] = find(g.items[0]!);
  const size = new Map<number, number>();
  itemOk.forEach((ok, i) => ok && size.set(find(i), (size.get(find(i)) ?? 0) + 1));
  const main = [...size].sort((a, b) => b[1] - a[1])[0]?.[0];
  itemOk.forEach((ok, i) => {
    if (ok && find(i) !== main) {
      itemOk[i] = 0;
      status[i] = 'unlinked';
    }
  });
  return groups.filter((g) => find(g.items[0]!) === main);
}

/** Adds the group's expected scores and information to E and info (indices are calibrated positions). */
function accumulate(g: Group, pos: Int32Array, beta: Float64Array, E: Float64Array, info: Float64Array, K: number) {
  const m = g.items.length;
  const idx = g.items.map((i) => pos[i]!);
  let c = 0;
  for (const a of idx) c += beta[a]!;
  c /= m;
  const eps = Float64Array.from(idx, (a) => Math.exp(c - beta[a]!));
  const gam = esf(eps, new Float64Array(m + 1));
  const without = Array.from({ length: m }, (_, a) => esfWithout(gam, m, eps[a]!, new Float64Array(m)));
  const pi = Array.from({ length: m }, () => new Float64Array(m + 1));
  const n = g.counts;
  for (let a = 0; a < m; a++) {
    const ga = without[a]!;
    const pa = pi[a]!;
    let e = 0;
    let v = 0;
    for (let r = 1; r < m; r++) {
      const p = (eps[a]! * ga[r - 1]!) / gam[r]!;
      pa[r] = p;
      e += n[r]! * p;
      v += n[r]! * p * (1 - p);
    }
    E[idx[a]!]! += e;
    info[idx[a]! * K + idx[a]!]! += v;
  }
  const gab = new Float64Array(m - 1);
  for (let a = 0; a < m; a++) {
    const ga = without[a]!;
    const pa = pi[a]!;
    for (let b = a + 1; b < m; b++) {
      esfWithout(ga, m - 1, eps[b]!, gab);
      const pb = pi[b]!;
      const ee = eps[a]! * eps[b]!;
      let cov = 0;
      for (let r = 2; r < m; r++) cov += n[r]! * ((ee * gab[r - 2]!) / gam[r]! - pa[r]! * pb[r]!);
      cov -= n[1]! * pa[1]! * pb[1]!;
      info[idx[a]! * K + idx[b]!]! += cov;
      info[idx[b]! * K + idx[a]!]! += cov;
    }
  }
}

/** Inverse of a symmetric positive definite matrix (Gauss–Jordan with partial pivoting). */
function invert(a: Float64Array, K: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(K * K);
  for (let i = 0; i < K; i++) inv[i * K + i] = 1;
  for (let col = 0; col < K; col++) {
    let piv = col;
    for (let r = col + 1; r < K; r++) if (Math.abs(m[r * K + col]!) > Math.abs(m[piv * K + col]!)) piv = r;
    if (Math.abs(m[piv * K + col]!) < 1e-12) throw new Error('information matrix is singular');
    if (piv !== col) {
      for (let j = 0; j < K; j++) {
        [m[col * K + j], m[piv * K + j]] = [m[piv * K + j]!, m[col * K + j]!];
        [inv[col * K + j], inv[piv * K + j]] = [inv[piv * K + j]!, inv[col * K + j]!];
      }
    }
    const d = m[col * K + col]!;
    for (let j = 0; j < K; j++) {
      m[col * K + j]! /= d;
      inv[col * K + j]! /= d;
    }
    for (let r = 0; r < K; r++) {
      const f = m[r * K + col]!;
      if (r === col || f === 0) continue;
      for (let j = 0; j < K; j++) {
        m[r * K + j]! -= f * m[col * K + j]!;
        inv[r * K + j]! -= f * inv[col * K + j]!;
      }
    }
  }
  return inv;
}

/** ML ability for raw score r on items of difficulties b (r strictly between 0 and b.length). */
export function abilityFor(r: number, b: Float64Array): { theta: number; se: number } {
  const m = b.length;
  let theta = Math.log(r / (m - r)) + b.reduce((s, v) => s + v, 0) / m;
  let info = 0;
  for (let it = 0; it < 100; it++) {
    let e = 0;
    info = 0;
    for (let j = 0; j < m; j++) {
      const p = 1 / (1 + Math.exp(b[j]! - theta));
      e += p;
      info += p * (1 - p);
    }
    const step = Math.max(-2, Math.min(2, (r - e) / info));
    theta += step;
    if (Math.abs(step) < 1e-10) break;
  }
  return { theta, se: 1 / Math.sqrt(info) };
}

export interface RaschOptions {
  maxIterations?: number;
  /** largest change of a difficulty (logits) that counts as converged */
  tolerance?: number;
}

export function calibrate(d: BinaryMatrix, opts: RaschOptions = {}): RaschResult {
  const { persons: N, items: K0, x } = d;
  const { itemOk, personOk, status } = informative(d);
  const groups = linkItems(groupsOf(d, itemOk, personOk), itemOk, status);
  const calibrated = [...itemOk.keys()].filter((i) => itemOk[i]);
  const K = calibrated.length;
  const pos = new Int32Array(K0).fill(-1);
  calibrated.forEach((i, a) => {
    pos[i] = a;
  });
  // observed scores and start values (centred logits of the proportions wrong)
  const s = new Float64Array(K);
  const nObs = new Float64Array(K);
  for (let p = 0; p < N; p++) {
    if (!personOk[p]) continue;
    for (const i of calibrated) {
      const v = x[p * K0 + i]!;
      if (v < 0) continue;
      nObs[pos[i]!]!++;
      s[pos[i]!]! += v;
    }
  }
  const beta = Float64Array.from(s, (si, a) => Math.log((nObs[a]! - si) / si));
  const centre = () => {
    const mean = beta.reduce((acc, v) => acc + v, 0) / (K || 1);
    for (let a = 0; a < K; a++) beta[a]! -= mean;
  };
  centre();
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-7;
  let info = new Float64Array(K * K);
  let converged = K === 0;
  let iterations = 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const E = new Float64Array(K);
    info = new Float64Array(K * K);
    for (const g of groups) accumulate(g, pos, beta, E, info, K);
    // (I + 11ᵀ) Δ = E − s: the added rank-one term fixes the shift that I leaves free, and Σ Δ = 0
    const aug = Float64Array.from(info, (v) => v + 1);
    const inv = invert(aug, K);
    let maxStep = 0;
    const step = new Float64Array(K);
    for (let a = 0; a < K; a++) {
      let acc = 0;
      for (let b = 0; b < K; b++) acc += inv[a * K + b]! * (E[b]! - s[b]!);
      step[a] = Math.max(-1, Math.min(1, acc));
      maxStep = Math.max(maxStep, Math.abs(acc));
    }
    for (let a = 0; a < K; a++) beta[a]! += step[a]!;
    centre();
    converged = maxStep < tolerance;
  }
  const se = new Float64Array(K);
  if (K > 1) {
    const E = new Float64Array(K);
    info = new Float64Array(K * K);
    for (const g of groups) accumulate(g, pos, beta, E, info, K);
    const inv = invert(
      Float64Array.from(info, (v) => v + 1),
      K,
    );
    for (let a = 0; a < K; a++) se[a] = Math.sqrt(inv[a * K + a]! - 1 / (K * K));
  }
  return finish(d, calibrated, pos, beta, se, status, iterations, converged);
}

function finish(
  d: BinaryMatrix,
  calibrated: number[],
  pos: Int32Array,
  beta: Float64Array,
  se: Float64Array,
  status: RaschItemStatus[],
  iterations: number,
  converged: boolean,
): RaschResult {
  const { persons, fit } = personsAndFit(d, calibrated, pos, beta);
  const items = status.map((st, i): RaschItem => {
    const a = pos[i]!;
    const f = fit[i]!;
    return a < 0
      ? {
          item: i,
          status: st,
          n: f.n,
          difficulty: null,
          se: null,
          infit: null,
          outfit: null,
          infitZ: null,
          outfitZ: null,
        }
      : withZ(
          {
            item: i,
            status: st,
            n: f.n,
            difficulty: beta[a]!,
            se: se[a]!,
            infit: f.vSum > 0 ? f.wSum / f.vSum : null,
            outfit: f.n > 0 ? f.zSum / f.n : null,
          },
          f,
        );
  });
  return { items, persons, iterations, converged };
}

/** Wilson–Hilferty: a mean square with variance q² to an approximately unit-normal z. */
export function fitZ(msq: number, qsq: number): number | null {
  if (!(qsq > 0) || !Number.isFinite(msq)) return null;
  const q = Math.sqrt(qsq);
  return (Math.cbrt(msq) - 1) * (3 / q) + q / 3;
}

/**
 * The ZSTD of both mean squares: outfit's variance is Σ(C/V²)/n² − 1/n, infit's Σ(C − V²)/(ΣV)², with V and C
 * the model variance and fourth central moment of each response (eRm's itemfit.ppar; Wright and Masters 1982).
 */
function withZ(
  it: Omit<RaschItem, 'infitZ' | 'outfitZ'>,
  f: { n: number; vSum: number; cvSum: number; cSum: number },
): RaschItem {
  return {
    ...it,
    infitZ: it.infit === null ? null : fitZ(it.infit, f.cSum / (f.vSum * f.vSum)),
    outfitZ: it.outfit === null ? null : fitZ(it.outfit, f.cvSum / (f.n * f.n) - 1 / f.n),
  };
}

function personsAndFit(d: BinaryMatrix, calibrated: number[], pos: Int32Array, beta: Float64Array) {
  const { persons: N, items: K0, x } = d;
  const cache = new Map<string, { theta: number; se: number }>();
  const fit = Array.from({ length: K0 }, () => ({ n: 0, zSum: 0, wSum: 0, vSum: 0, cvSum: 0, cSum: 0 }));
  const persons: RaschPerson[] = [];
  const seen = new Uint8Array(K0);
  for (let p = 0; p < N; p++) {
    let raw = 0;
    const b: number[] = [];
    let key = '';
    for (const i of calibrated) {
      const v = x[p * K0 + i]!;
      seen[i] = v >= 0 ? 1 : 0;
      if (v < 0) continue;
      raw += v;
      b.push(beta[pos[i]!]!);
      key += `${pos[i]},`;
    }
    const m = b.length;
    if (m === 0) {
      persons.push({ raw, presented: 0, theta: null, se: null, extreme: false });
      continue;
    }
    const extreme = raw === 0 || raw === m;
    const r = raw === 0 ? 0.3 : raw === m ? m - 0.3 : raw;
    const ck = `${key}|${raw}`;
    let est = cache.get(ck);
    if (!est) {
      est = abilityFor(r, Float64Array.from(b));
      cache.set(ck, est);
    }
    persons.push({ raw, presented: m, theta: est.theta, se: est.se, extreme });
    if (extreme) continue;
    for (const i of calibrated) {
      if (!seen[i]) continue;
      const P = 1 / (1 + Math.exp(beta[pos[i]!]! - est.theta));
      const V = P * (1 - P);
      const res = x[p * K0 + i]! - P;
      const f = fit[i]!;
      f.n++;
      f.zSum += (res * res) / V;
      f.wSum += res * res;
      f.vSum += V;
      // fourth central moment of a 0/1 response: C = V((1−P)³ + P³)
      const C = V * ((1 - P) ** 3 + P ** 3);
      f.cvSum += C / (V * V);
      f.cSum += C - V * V;
    }
  }
  return { persons, fit };
}
