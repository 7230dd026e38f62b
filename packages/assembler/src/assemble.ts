import {
  blueprintHash,
  calibrationHash,
  err,
  NO_USAGE,
  ok,
  usageHash,
  type BankSnapshot,
  type Blueprint,
  type Calibration,
  type Paper,
  type Result,
  type UsageHistory,
} from '@kaowu/domain';
import { SCORE_STEP, unitsWindow } from './cut.ts';
import { assemblyError, type AssemblyError, type AssemblyErrorCode, type AssemblyProblem } from './errors.ts';
import { buildModel, type Model } from './model.ts';
import { sealPaper } from './seal.ts';
import { scoreRange, solveForm } from './search.ts';

/** No calibrated difficulties: every item sits at its band's logit (BAND_LOGITS). */
export const NO_CALIBRATION: Calibration = {};

/** Changes whenever the same inputs could give a different paper: papers record it, verification compares it. */
export const ASSEMBLER_VERSION = '1.1.0';

const FORM_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Assembles the blueprint's forms from the snapshot. Pure: the same snapshot, blueprint, seed and usage give
 * byte-identical papers anywhere. Every hard constraint holds exactly in every form, or the error names every
 * cell that cannot be met and why. Forms are assembled in order (A, B, …); each later form uses items of earlier
 * forms only as far as it must, and never more than the overlap cap allows with any one of them. Equated forms
 * (`forms.equatingTolerance`) are assembled jointly when form by form fails (`assembleForms`).
 */
export function assemble(
  snapshot: BankSnapshot,
  blueprint: Blueprint,
  seed: string,
  usage: UsageHistory = NO_USAGE,
  calibration: Calibration = NO_CALIBRATION,
): Result<Paper[], AssemblyError> {
  const built = buildModel(snapshot, blueprint, usage, calibration);
  if (!built.ok) return err(built.error);
  const model = built.value;
  const common = {
    snapshotHash: snapshot.hash,
    blueprintHash: blueprintHash(blueprint),
    usageHash: usageHash(usage),
    seed,
    assemblerVersion: ASSEMBLER_VERSION,
    // Measured at the cut only when the blueprint names one: papers without it are as before.
    ...(blueprint.cut === undefined ? {} : { calibrationHash: calibrationHash(calibration) }),
  };
  const formed = assembleForms(model, seed, 'joint');
  if (!formed.ok) return err(formed.error);
  const papers = formed.forms.map((chosen, f) =>
    sealPaper(model, { ...common, form: FORM_LETTERS[f]! }, [...model.pins, ...chosen.map((i) => model.usable[i]!)]),
  );
  return ok(papers);
}

export type FormsOutcome = { ok: true; forms: number[][] } | { ok: false; error: AssemblyError };

/** Solves one form after the given earlier ones; `formsOf` lists, per usable item, the earlier forms holding it. */
const formsOfChosen = (model: Model, forms: readonly (readonly number[])[]): number[][] => {
  const formsOf: number[][] = model.usable.map(() => []);
  forms.forEach((chosen, f) => {
    for (const i of chosen) formsOf[i]!.push(f);
  });
  return formsOf;
};

const formFailure = (model: Model, f: number, outcome: { code: AssemblyErrorCode; problems: AssemblyProblem[] }) => {
  const which = model.blueprint.forms.count > 1 ? ` ${FORM_LETTERS[f]}` : '';
  return assemblyError(
    outcome.code,
    `无法按组卷方案组成试卷${which}`,
    `no paper${which} meets the blueprint`,
    outcome.problems,
  );
};

/** Bands of expected scores tried before equated forms are given up, and forms solved in all. */
const EQUATING_BANDS = 12;
const EQUATING_SOLVES = 24;
const ATTEMPTS_PER_FORM = 2;

/**
 * The forms' items (indexes into `model.usable`). Without an equating tolerance, form after form (A, B, …),
 * each later one using earlier forms' items only as far as it must. With one, every pair of forms' expected
 * scores at the cut (as recorded, to 0.01 point) must differ by at most the tolerance:
 * - 'sequential' (form by form, as a baseline): each form must fall within the tolerance of every earlier one;
 * - 'joint': first that; when a later form cannot be met, the forms are assembled again together — all within
 *   one band of scores as wide as the tolerance, bands tried from the middle of what one form can reach outwards,
 *   and within a band a form that cannot be met sends the search back to redraw the form before it.
 */
export function assembleForms(model: Model, seed: string, strategy: 'joint' | 'sequential'): FormsOutcome {
  const { blueprint } = model;
  const count = blueprint.forms.count;
  const tolerance = blueprint.forms.equatingTolerance;
  const cut = model.atCut;
  if (tolerance === undefined || cut === null || count === 1) {
    const forms: number[][] = [];
    for (let f = 0; f < count; f++) {
      const outcome = solveForm(model, seed, FORM_LETTERS[f]!, formsOfChosen(model, forms));
      if (!outcome.ok) return { ok: false, error: formFailure(model, f, outcome) };
      forms.push(outcome.chosen);
    }
    return { ok: true, forms };
  }
  const tol = Math.round(tolerance * 100);
  // Recorded scores in hundredths of a point; the window of non-pinned sums whose recorded score is in [lo, hi].
  const recorded = (chosen: readonly number[]): number =>
    Math.round((cut.pinnedScore + chosen.reduce((s, i) => s + cut.score[i]!, 0)) / SCORE_STEP);
  const windowOf = (lo: number, hi: number) => {
    const w = unitsWindow(lo / 100, hi / 100, SCORE_STEP);
    return { lo: w.lo - cut.pinnedScore, hi: w.hi - cut.pinnedScore };
  };

  // Form by form: each later form within the tolerance of every earlier one.
  const forms: number[][] = [];
  let failure: AssemblyError | null = null;
  for (let f = 0; f < count; f++) {
    const scores = forms.map(recorded);
    const options =
      scores.length === 0 ? {} : { score: windowOf(Math.max(...scores) - tol, Math.min(...scores) + tol) };
    const outcome = solveForm(model, seed, FORM_LETTERS[f]!, formsOfChosen(model, forms), options);
    if (!outcome.ok) {
      failure = formFailure(model, f, outcome);
      break;
    }
    forms.push(outcome.chosen);
  }
  if (failure === null) return { ok: true, forms };
  // Form A itself cannot be met, or only form by form was asked for: nothing to revisit.
  if (forms.length === 0 || strategy === 'sequential') return { ok: false, error: failure };

  // Jointly: bands [c, c + tol] of recorded scores, from the middle of one form's reach outwards.
  const range = scoreRange(model, seed)!;
  let least = Math.round((range.least + cut.pinnedScore) / SCORE_STEP);
  let most = Math.round((range.most + cut.pinnedScore) / SCORE_STEP);
  const set = blueprint.cut?.expectedScore;
  if (set !== undefined) {
    least = Math.max(least, Math.round(set.min * 100));
    most = Math.min(most, Math.round(set.max * 100));
  }
  // Bands fan out from two centres in turn: the middle of one form's reach, and form A's score form by form
  // (a score known to be reachable with everything else the blueprint asks).
  const stride = Math.max(1, Math.ceil(tol / 2));
  const fan = (centre: number): number[] =>
    Array.from(
      { length: EQUATING_BANDS },
      (_, j) => centre + (j % 2 === 0 ? 1 : -1) * Math.ceil(j / 2) * stride,
    ).filter((start) => start + tol >= least && start <= most);
  const middle = fan(Math.floor((least + most - tol) / 2));
  const nearA = fan(recorded(forms[0]!) - Math.floor(tol / 2));
  const starts = [...new Set(middle.flatMap((m, j) => [m, ...(nearA[j] === undefined ? [] : [nearA[j]!])]))].slice(
    0,
    EQUATING_BANDS,
  );
  let solves = 0;
  let deepest: { form: number; error: AssemblyError } | null = null;
  const place = (band: { lo: number; hi: number }, placed: number[][]): boolean => {
    const f = placed.length;
    if (f === count) return true;
    for (let attempt = 0; attempt < ATTEMPTS_PER_FORM; attempt++) {
      if (++solves > EQUATING_SOLVES) return false;
      const outcome = solveForm(model, seed, FORM_LETTERS[f]!, formsOfChosen(model, placed), { score: band, attempt });
      if (!outcome.ok) {
        if (deepest === null || f >= deepest.form) deepest = { form: f, error: formFailure(model, f, outcome) };
        // Another draw of this form cannot help when even the counts and windows fail; revisit the one before.
        if (outcome.code !== 'assembly_overlap' && outcome.code !== 'assembly_cut_window') return false;
        continue;
      }
      placed.push(outcome.chosen);
      if (place(band, placed)) return true;
      placed.pop();
    }
    return false;
  };
  let tried = 0;
  for (const start of starts) {
    tried++;
    const placed: number[][] = [];
    if (place(windowOf(start, start + tol), placed)) return { ok: true, forms: placed };
    if (solves > EQUATING_SOLVES) break;
  }
  const form = FORM_LETTERS[forms.length]!;
  const scores = forms.map((chosen) => (recorded(chosen) / 100).toFixed(2)).join('、');
  const reach = `${(least / 100).toFixed(2)}–${(most / 100).toFixed(2)}`;
  const last = (deepest as { form: number; error: AssemblyError } | null)?.error.problems ?? failure.problems;
  return {
    ok: false,
    error: assemblyError(
      'assembly_equating',
      `无法组成 ${count} 套等值的平行试卷`,
      `no ${count} equated parallel forms`,
      [
        {
          code: 'assembly_equating',
          zh:
            `任意两套试卷在合格线处的期望得分之差不得超过 ${tolerance} 分：逐套组卷时试卷 ${form} 无法与之前的试卷` +
            `（期望得分 ${scores}）等值；单套试卷的期望得分可达 ${reach}，联合组卷尝试了 ${tried} 个得分区间仍未成功`,
          en:
            `any two forms' expected scores at the cut may differ by at most ${tolerance}: form by form, form ${form} ` +
            `cannot be equated with the earlier ones (expected ${scores.replaceAll('、', ', ')}); one form reaches ${reach}, ` +
            `and assembling the forms jointly within ${tried} bands of scores failed too`,
        },
        ...last,
      ],
    ),
  };
}
