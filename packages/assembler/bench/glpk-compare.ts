/**
 * pnpm bench (second part): glpk.js solving the bench's 4-form equated problem (equated-problem.ts) as a 0/1
 * integer program, with a 60 s limit, beside the assembler on the same problem in the same run, and their ratio.
 *
 * The program, for items k and forms f, g:
 *   x[f,k] ∈ {0,1}                                   item k in form f
 *   Σ_{k in area a} x[f,k] = n_a                     items per area (the outline's weights, largest remainder)
 *   Σ_{k of type t, band d} x[f,k] = n_{t,d}         items per type × difficulty band
 *   y[f,g,k] ≥ x[f,k] + x[g,k] − 1, 0 ≤ y ≤ 1        k shared by f and g
 *   Σ_k y[f,g,k] ≤ ⌊0.2 × 200⌋                       pairwise overlap
 *   −1 ≤ Σ_k w_k (x[f,k] − x[g,k]) ≤ 1               equated at the cut, w_k = points × P_k(θ)
 * with a zero objective: any feasible point will do, which is the most glpk can be asked for and the least the
 * assembler delivers (it also draws by seed). A solution glpk returns is checked against every row here.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import GLPK, { type LP } from 'glpk.js/node';
import { areaCounts, BAND_LOGITS, type Difficulty, paperItemCount, type Paper } from '@kaowu/domain';
import { assemble } from '../src/index.ts';
import { bank, calibration, CUT, EQUATING_TOLERANCE, equatedForms, outline } from './equated-problem.ts';

const LIMIT_S = 60;
/** The argument the child process that runs glpk.js is started with. */
const SOLVE = '--glpk-solve';
const blueprint = equatedForms;
const forms = blueprint.forms.count;
const n = paperItemCount(blueprint);
const shareable = Math.floor(blueprint.forms.maxOverlap * n + 1e-9);

const areaOfPoint = new Map(outline.areas.flatMap((a) => (a.points ?? []).map((p) => [p.code, a.code] as const)));
const sectionOf = new Map(blueprint.sections.map((s) => [s.type, s]));
const items = bank.items.filter((i) => sectionOf.has(i.content.type));
/** Expected points at the cut: the section's points × P(θ), b the calibrated difficulty or the band's logit. */
const weight = items.map((i) => {
  const b = calibration[i.code] ?? BAND_LOGITS[i.content.difficulty as Difficulty];
  return sectionOf.get(i.content.type)!.points / (1 + Math.exp(b - CUT));
});

const counts = areaCounts(blueprint, outline);
const pairs: [number, number][] = [];
for (let f = 0; f < forms; f++) for (let g = f + 1; g < forms; g++) pairs.push([f, g]);

/** Every row of the program, checked on chosen item indices per form: the empty list when all hold. */
function programViolations(chosen: readonly (readonly number[])[]): string[] {
  const out: string[] = [];
  chosen.forEach((ks, f) => {
    if (ks.length !== n) out.push(`form ${f}: ${ks.length} items`);
    for (const a of counts) {
      const got = ks.filter((k) => areaOfPoint.get(items[k]!.content.point) === a.code).length;
      if (got !== a.count) out.push(`form ${f} area ${a.code}: ${got} ≠ ${a.count}`);
    }
    for (const s of blueprint.sections)
      for (const d of [1, 2, 3, 4, 5] as const) {
        const want = s.difficulty?.[d];
        const got = ks.filter((k) => items[k]!.content.type === s.type && items[k]!.content.difficulty === d).length;
        if (want !== undefined && got !== want) out.push(`form ${f} ${s.type} band ${d}: ${got} ≠ ${want}`);
      }
  });
  for (const [f, g] of pairs) {
    const other = new Set(chosen[g]);
    const shared = chosen[f]!.filter((k) => other.has(k)).length;
    if (shared > shareable) out.push(`forms ${f}/${g} share ${shared}`);
    const sum = (ks: readonly number[]) => ks.reduce((s, k) => s + weight[k]!, 0);
    const diff = sum(chosen[f]!) - sum(chosen[g]!);
    if (Math.abs(diff) > EQUATING_TOLERANCE + 1e-9) out.push(`forms ${f}/${g} differ by ${diff.toFixed(2)} points`);
  }
  return out;
}

interface GlpkReport {
  items: number;
  binaries: number;
  rows: number;
  /** optimal, feasible, or glpk's status when it found no solution */
  status: string;
  violations: string[];
}

/**
 * glpk.js runs in a child process so the 60 s limit is a hard one: glpk's own time limit (tmlim) binds only its
 * branch-and-bound, not the LP relaxation before it (measured: 134 s), so the child is stopped at 60 s whatever glpk
 * is doing.
 */
function solveWithLimit(): Promise<{ ms: number; report: GlpkReport | null }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [SOLVE]);
    let start = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.on('message', (m: 'solving' | GlpkReport) => {
      if (m === 'solving') {
        start = performance.now();
        timer = setTimeout(() => {
          child.kill();
          resolve({ ms: performance.now() - start, report: null });
        }, LIMIT_S * 1000);
        return;
      }
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, report: m });
      child.kill();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // After a report or the limit this changes nothing (a promise settles once).
      reject(new Error(`glpk.js child process ended (${signal ?? code}) without a report`));
    });
  });
}

if (!process.argv.includes(SOLVE)) {
  // ---- the assembler on the problem -------------------------------------------------------------------------------
  const expectedOf = (p: Paper): number => p.measures?.atCut?.expectedScore ?? Number.NaN;
  function runAssembler(seed: string): { ms: number; papers: Paper[] } {
    const start = performance.now();
    const r = assemble(bank, blueprint, seed, undefined, calibration);
    const ms = performance.now() - start;
    if (!r.ok) throw new Error(`assembler: ${r.error.zh}`);
    return { ms, papers: r.value };
  }
  runAssembler('glpk-warm-up');
  const runs = Array.from({ length: 5 }, (_, i) => runAssembler(`glpk-compare-${i}`));
  const assemblerMs = [...runs.map((r) => r.ms)].sort((a, b) => a - b)[2]!;
  const indexOf = new Map(items.map((i, k) => [i.code, k]));
  const problems = programViolations(
    runs[0]!.papers.map((p) => p.sections.flatMap((s) => s.items.map((i) => indexOf.get(i.code)!))),
  );
  if (problems.length > 0) console.log(`  assembler: ${problems.join('; ')}`);
  const scores = runs[0]!.papers.map(expectedOf);
  const spread = Math.max(...scores) - Math.min(...scores);

  const { ms: glpkMs, report } = await solveWithLimit();
  console.log(
    `4 equated forms (${bank.items.length} items, ${forms * bank.items.length} binaries; ≤ ${shareable} shared, ` +
      `expected scores at θ = ${CUT} within ${EQUATING_TOLERANCE} point)`,
  );
  console.log(
    `  assembler (median of 5)            ${assemblerMs.toFixed(1).padStart(9)} ms   ` +
      `expected scores ${scores.map((s) => s.toFixed(2)).join(' / ')} (spread ${spread.toFixed(2)}, ` +
      `${spread <= EQUATING_TOLERANCE + 1e-9 ? 'within' : 'OVER'} tolerance)`,
  );
  if (report !== null && (report.status === 'optimal' || report.status === 'feasible')) {
    const bad = report.violations;
    console.log(
      `  glpk.js (${report.status}, ${report.rows} rows)   ${glpkMs.toFixed(1).padStart(9)} ms   ` +
        `${bad.length === 0 ? 'solution checked' : `INVALID: ${bad.slice(0, 3).join('; ')}`}`,
    );
    console.log(`  ratio glpk.js / assembler          ${(glpkMs / assemblerMs).toFixed(0).padStart(9)} ×`);
  } else if (report === null) {
    console.log(
      `  glpk.js                            ${glpkMs.toFixed(1).padStart(9)} ms   stopped at the ${LIMIT_S} s limit`,
    );
    console.log(`  ratio glpk.js / assembler        > ${(glpkMs / assemblerMs).toFixed(0).padStart(9)} ×`);
  } else
    console.log(
      `  glpk.js                            ${glpkMs.toFixed(1).padStart(9)} ms   no solution (${report.status})`,
    );
} else {
  await solveInChild();
}

async function solveInChild(): Promise<void> {
  // ---- the 0/1 program ------------------------------------------------------------------------------------------
  const glpk = await GLPK();
  const x = (f: number, k: number): string => `x${f}_${k}`;
  const y = (f: number, g: number, k: number): string => `y${f}${g}_${k}`;
  const rows: LP['subjectTo'] = [];
  const fixed = (value: number) => ({ type: glpk.GLP_FX, lb: value, ub: value });
  for (let f = 0; f < forms; f++) {
    for (const a of counts)
      rows.push({
        name: `area${f}_${a.code}`,
        vars: items.flatMap((i, k) =>
          areaOfPoint.get(i.content.point) === a.code ? [{ name: x(f, k), coef: 1 }] : [],
        ),
        bnds: fixed(a.count),
      });
    for (const s of blueprint.sections) {
      const bands = s.difficulty;
      const groups =
        bands === undefined
          ? [[null, s.count] as const]
          : ([1, 2, 3, 4, 5] as const).map((d) => [d, bands[d]] as const);
      for (const [d, count] of groups)
        rows.push({
          name: `cell${f}_${s.type}_${d ?? 'all'}`,
          vars: items.flatMap((i, k) =>
            i.content.type === s.type && (d === null || i.content.difficulty === d) ? [{ name: x(f, k), coef: 1 }] : [],
          ),
          bnds: fixed(count),
        });
    }
  }
  const bounds: NonNullable<LP['bounds']> = [];
  for (const [f, g] of pairs) {
    items.forEach((_, k) => {
      rows.push({
        name: `share${f}${g}_${k}`,
        vars: [
          { name: x(f, k), coef: 1 },
          { name: x(g, k), coef: 1 },
          { name: y(f, g, k), coef: -1 },
        ],
        bnds: { type: glpk.GLP_UP, lb: 0, ub: 1 },
      });
      bounds.push({ name: y(f, g, k), type: glpk.GLP_DB, lb: 0, ub: 1 });
    });
    rows.push({
      name: `overlap${f}${g}`,
      vars: items.map((_, k) => ({ name: y(f, g, k), coef: 1 })),
      bnds: { type: glpk.GLP_UP, lb: 0, ub: shareable },
    });
    rows.push({
      name: `equate${f}${g}`,
      vars: items.flatMap((_, k) => [
        { name: x(f, k), coef: weight[k]! },
        { name: x(g, k), coef: -weight[k]! },
      ]),
      bnds: { type: glpk.GLP_DB, lb: -EQUATING_TOLERANCE, ub: EQUATING_TOLERANCE },
    });
  }
  const binaries = Array.from({ length: forms }, (_, f) => items.map((_, k) => x(f, k))).flat();
  const lp: LP = {
    name: 'equated-forms',
    objective: { direction: glpk.GLP_MIN, name: 'none', vars: [{ name: x(0, 0), coef: 0 }] },
    subjectTo: rows,
    bounds,
    binaries,
  };
  process.send!('solving');
  const solved = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: true, tmlim: LIMIT_S });
  const status = solved.result.status;
  const found = status === glpk.GLP_OPT || status === glpk.GLP_FEAS;

  const statusName =
    Object.entries(glpk).find(
      ([k, value]) => k.startsWith('GLP_') && value === status && /UNDEF|FEAS|INFEAS|NOFEAS|OPT|UNBND/.test(k),
    )?.[0] ?? String(status);
  const report: GlpkReport = {
    items: items.length,
    binaries: binaries.length,
    rows: rows.length,
    status: found ? (status === glpk.GLP_OPT ? 'optimal' : 'feasible') : statusName,
    violations: found
      ? programViolations(
          Array.from({ length: forms }, (_, f) =>
            items.flatMap((_, k) => ((solved.result.vars[x(f, k)] ?? 0) > 0.5 ? [k] : [])),
          ),
        )
      : [],
  };
  process.send!(report);
}
