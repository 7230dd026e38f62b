import {
  blueprintHash,
  calibrationHash,
  err,
  NO_USAGE,
  ok,
  paperHash,
  problem,
  usageHash,
  type BankSnapshot,
  type Blueprint,
  type Calibration,
  type Paper,
  type Problem,
  type Result,
  type UsageHistory,
} from '@kaowu/domain';
import { ASSEMBLER_VERSION, assemble, NO_CALIBRATION } from './assemble.ts';

/** Why a stored paper fails its check; the services translate each into an error code. */
export type PaperCheckCode =
  | 'paper_altered'
  | 'paper_other_snapshot'
  | 'paper_other_blueprint'
  | 'paper_other_usage'
  | 'paper_other_version'
  | 'paper_not_reproducible'
  | 'paper_mismatch'
  | 'paper_other_calibration'
  | 'paper_cut_window';
export type PaperCheckProblem = Problem<PaperCheckCode>;

/**
 * Checks a stored paper: its hash covers its content, it names these inputs, and assembling them again gives
 * the very same paper, measures (exposure) included. Any difference means the paper was altered or was not made from these inputs.
 */
export function verifyPaper(
  paper: Paper,
  snapshot: BankSnapshot,
  blueprint: Blueprint,
  usage: UsageHistory = NO_USAGE,
  calibration: Calibration = NO_CALIBRATION,
): Result<PaperCheck, PaperCheckProblem> {
  if (paperHash(paper) !== paper.hash)
    return err(
      problem(
        'paper_altered',
        '试卷内容与其校验码不符，试卷已被改动',
        'the paper does not match its hash: it was altered',
      ),
    );
  const { inputs } = paper;
  if (inputs.snapshotHash !== snapshot.hash)
    return err(
      problem('paper_other_snapshot', '试卷不是由该题库版本组成的', 'the paper was not assembled from this snapshot'),
    );
  if (inputs.blueprintHash !== blueprintHash(blueprint))
    return err(
      problem('paper_other_blueprint', '试卷不是按该组卷方案组成的', 'the paper was not assembled by this blueprint'),
    );
  if (inputs.usageHash !== usageHash(usage))
    return err(
      problem(
        'paper_other_usage',
        '试卷组卷时的使用记录与所给记录不同',
        'the paper was assembled with a different usage history',
      ),
    );
  if (inputs.assemblerVersion !== ASSEMBLER_VERSION)
    return err(
      problem(
        'paper_other_version',
        `试卷由组卷程序 ${inputs.assemblerVersion} 版组成，当前为 ${ASSEMBLER_VERSION} 版，无法复现`,
        `the paper was assembled by assembler ${inputs.assemblerVersion}; this is ${ASSEMBLER_VERSION}`,
      ),
    );
  if (inputs.calibrationHash !== undefined && inputs.calibrationHash !== calibrationHash(calibration))
    return err(
      problem(
        'paper_other_calibration',
        '试卷组卷时所用的试题难度校准值与所给校准值不同',
        'the paper was measured with different calibrated difficulties',
      ),
    );
  const again = assemble(snapshot, blueprint, inputs.seed, usage, calibration);
  if (!again.ok)
    return err(
      problem(
        'paper_not_reproducible',
        `按记录的输入无法重新组卷：${again.error.zh}`,
        `the recorded inputs no longer assemble: ${again.error.en}`,
      ),
    );
  const twin = again.value.find((p) => p.inputs.form === inputs.form);
  if (twin === undefined || twin.hash !== paper.hash)
    return err(
      problem(
        'paper_mismatch',
        '按记录的输入重新组卷得到的试卷与此试卷不同',
        'assembling the recorded inputs again gives a different paper',
      ),
    );
  // The hash covers the measures: the re-assembled twin derived them afresh from the inputs. They are checked
  // against the blueprint's windows and, across the re-assembled forms, against the equating tolerance.
  const atCut = twin.measures?.atCut;
  const cut = blueprint.cut;
  if (cut !== undefined && atCut !== undefined) {
    const outside = (x: number, w: { min: number; max: number } | undefined): boolean =>
      w !== undefined && (x < w.min || x > w.max);
    if (outside(atCut.expectedScore, cut.expectedScore) || outside(atCut.information, cut.information))
      return err(
        problem(
          'paper_cut_window',
          `试卷在合格线处的期望得分 ${atCut.expectedScore} 或信息量 ${atCut.information} 不在组卷方案要求的范围内`,
          `the paper's expected score ${atCut.expectedScore} or information ${atCut.information} at the cut is outside the blueprint's window`,
        ),
      );
  }
  const tolerance = blueprint.forms.equatingTolerance;
  if (tolerance === undefined || atCut === undefined) return ok({ hash: paper.hash, measures: twin.measures ?? {} });
  const scores = Object.fromEntries(
    again.value.map((p) => [p.inputs.form, p.measures?.atCut?.expectedScore ?? Number.NaN]),
  ) as Record<string, number>;
  for (const [form, score] of Object.entries(scores))
    if (!(Math.abs(score - atCut.expectedScore) <= tolerance + 1e-9))
      return err(
        problem(
          'paper_cut_window',
          `试卷 ${inputs.form} 与试卷 ${form} 在合格线处的期望得分相差超过 ${tolerance} 分（${atCut.expectedScore} 与 ${score}）`,
          `forms ${inputs.form} and ${form} differ by more than ${tolerance} in expected score at the cut (${atCut.expectedScore}, ${score})`,
        ),
      );
  return ok({ hash: paper.hash, measures: twin.measures ?? {}, equating: { tolerance, scores } });
}

/** What verification re-derived: the paper's measures and, for equated forms, every form's expected score. */
export interface PaperCheck {
  readonly hash: string;
  readonly measures: NonNullable<Paper['measures']>;
  /** With an equating tolerance: each form's expected score at the cut (by letter), as re-assembled. */
  readonly equating?: { readonly tolerance: number; readonly scores: Readonly<Record<string, number>> };
}
