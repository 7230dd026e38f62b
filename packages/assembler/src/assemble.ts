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
import { assemblyError, type AssemblyError } from './errors.ts';
import { buildModel } from './model.ts';
import { sealPaper } from './seal.ts';
import { solveForm } from './search.ts';

/** No calibrated difficulties: every item sits at its band's logit (BAND_LOGITS). */
export const NO_CALIBRATION: Calibration = {};

/** Changes whenever the same inputs could give a different paper: papers record it, verification compares it. */
export const ASSEMBLER_VERSION = '1.0.0';

const FORM_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Assembles the blueprint's forms from the snapshot. Pure: the same snapshot, blueprint, seed and usage give
 * byte-identical papers anywhere. Every hard constraint holds exactly in every form, or the error names every
 * cell that cannot be met and why. Forms are assembled in order (A, B, …); each later form uses items of earlier
 * forms only as far as it must, and never more than the overlap cap allows with any one of them.
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
  const formsOf: number[][] = model.usable.map(() => []);
  const papers: Paper[] = [];
  for (let f = 0; f < blueprint.forms.count; f++) {
    const form = FORM_LETTERS[f]!;
    const outcome = solveForm(model, seed, form, formsOf);
    if (!outcome.ok) {
      const which = blueprint.forms.count > 1 ? ` ${form}` : '';
      return err(
        assemblyError(
          outcome.code,
          `无法按组卷方案组成试卷${which}`,
          `no paper${which} meets the blueprint`,
          outcome.problems,
        ),
      );
    }
    for (const i of outcome.chosen) formsOf[i]!.push(f);
    papers.push(sealPaper(model, { ...common, form }, [...model.pins, ...outcome.chosen.map((i) => model.usable[i]!)]));
  }
  return ok(papers);
}
