import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BinaryMatrix, calibrate } from './rasch.ts';

// Expected values: reference/rasch_reference.R (eRm, CML), committed with the data it ran on.
const reference = join(import.meta.dirname, '../reference');

interface Expected {
  difficulty: number[];
  se: number[];
  outfit: number[];
  infit: number[];
  outfitZ: number[];
  infitZ: number[];
  theta: (number | null)[];
  thetaSe: (number | null)[];
}

function readCsv(file: string): BinaryMatrix {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map((v) => (v === '' ? -1 : Number(v))));
  const items = rows[0]!.length;
  return { persons: rows.length, items, x: Int8Array.from(rows.flat()) };
}

const load = (dir: string, name: string) => ({
  data: readCsv(join(dir, `rasch-${name}-data.csv`)),
  want: JSON.parse(readFileSync(join(dir, `rasch-${name}-expected.json`), 'utf8')) as Expected,
});

function expectClose(dir: string, name: string, compareInfit: boolean) {
  const { data, want } = load(dir, name);
  const got = calibrate(data);
  expect(got.converged).toBe(true);
  got.items.forEach((it, i) => {
    expect(it.status).toBe('calibrated');
    expect(Math.abs(it.difficulty! - want.difficulty[i]!), `item ${i + 1} difficulty`).toBeLessThan(0.05);
    expect(Math.abs(it.se! - want.se[i]!), `item ${i + 1} SE`).toBeLessThan(0.02);
    expect(Math.abs(it.outfit! - want.outfit[i]!), `item ${i + 1} outfit`).toBeLessThan(0.02);
    if (compareInfit) expect(Math.abs(it.infit! - want.infit[i]!), `item ${i + 1} infit`).toBeLessThan(0.02);
    // ZSTD: eRm's itemfit i.outfitZ / i.infitZ (they agree to 1e-4; a z of 0.01 is far below the ±2 that flags)
    expect(Math.abs(it.outfitZ! - want.outfitZ[i]!), `item ${i + 1} outfit ZSTD`).toBeLessThan(0.01);
    if (compareInfit) expect(Math.abs(it.infitZ! - want.infitZ[i]!), `item ${i + 1} infit ZSTD`).toBeLessThan(0.01);
  });
  let compared = 0;
  got.persons.forEach((p, j) => {
    const theta = want.theta[j];
    if (theta === null || theta === undefined) {
      expect(p.extreme, `person ${j + 1} extreme`).toBe(true);
      return;
    }
    compared++;
    expect(p.extreme).toBe(false);
    expect(Math.abs(p.theta! - theta), `person ${j + 1} ability`).toBeLessThan(0.05);
    expect(Math.abs(p.se! - want.thetaSe[j]!), `person ${j + 1} SE`).toBeLessThan(0.02);
  });
  expect(compared).toBeGreaterThan(data.persons * 0.9);
  return got;
}

describe('Rasch calibration (CML) agrees with eRm', () => {
  it('a complete matrix of 500 persons × 20 items: difficulties, SEs, infit, outfit, abilities', () => {
    expectClose(reference, 'complete', true);
  });

  it('three forms linked by common items (missing by design) land on one scale', () => {
    // eRm's pmat is NA where nothing was presented, so its infit sums over the presented cells as ours does
    const got = expectClose(reference, 'forms', true);
    for (const it of got.items) expect(it.infit!).toBeGreaterThan(0.7);
  });

  it('an item nobody gets wrong is not calibrated, and persons who saw only it have no ability', () => {
    const x = Int8Array.from([1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, -1, 1, -1]);
    const got = calibrate({ persons: 5, items: 3, x });
    expect(got.items[1]!.status).toBe('all_correct');
    expect(got.items[1]!.difficulty).toBeNull();
    expect(got.persons[4]!.theta).toBeNull();
  });

  it('forms with no item in common are not forced onto one scale', () => {
    // form A: items 0–1, form B: items 2–4, nobody saw both; the larger set is calibrated
    const rows = [
      [1, 0, -1, -1, -1],
      [0, 1, -1, -1, -1],
      [1, 0, -1, -1, -1],
      [-1, -1, 1, 0, 1],
      [-1, -1, 0, 1, 0],
      [-1, -1, 0, 1, 1],
      [-1, -1, 1, 0, 0],
    ];
    const got = calibrate({ persons: rows.length, items: 5, x: Int8Array.from(rows.flat()) });
    expect(got.items.map((i) => i.status)).toEqual(['unlinked', 'unlinked', 'calibrated', 'calibrated', 'calibrated']);
    expect(got.persons[0]!.theta).toBeNull();
  });
});

// Re-computes the reference with R when R and eRm are installed (CI does not need them).
const hasR = (() => {
  try {
    execFileSync('Rscript', ['-e', 'library(eRm)'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasR)('the committed reference is what eRm computes', () => {
  it('re-running the R script reproduces the committed numbers', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-erm-'));
    execFileSync('Rscript', [join(reference, 'rasch_reference.R'), dir], { stdio: 'ignore' });
    for (const name of ['complete', 'forms']) {
      const json = (d: string) => JSON.parse(readFileSync(join(d, `rasch-${name}-expected.json`), 'utf8'));
      expect(json(dir)).toEqual(json(reference));
      const csv = (d: string) => readFileSync(join(d, `rasch-${name}-data.csv`), 'utf8');
      expect(csv(dir)).toBe(csv(reference));
    }
    expectClose(dir, 'forms', true);
  });
});
