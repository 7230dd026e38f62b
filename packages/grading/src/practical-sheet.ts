import { err, ok, type PracticalCriterion, type Result, sha256Hex } from '@kaowu/domain';

/** What one practical score sheet (实操考评表) is for: one candidate, one component, one assessor. */
export interface SheetKey {
  readonly batchId: string;
  readonly ticket: string;
  readonly component: string;
  readonly assessor: string;
}

/**
 * The sheet's identifier, printed as text and QR code: the same key always gives the same id, so a sheet
 * printed twice is the same sheet and an entry names exactly which paper it was typed from.
 */
export function practicalSheetId(key: SheetKey): string {
  const digest = sha256Hex(`kaowu-sheet/1\n${key.batchId}\n${key.ticket}\n${key.component}\n${key.assessor}`);
  return `SS${digest.slice(0, 14).toUpperCase()}`;
}

/**
 * The sheet's total from its per-criterion scores: every criterion scored, each between 0 and its points in
 * half points, and nothing else. Summed in halves so the total is exact.
 */
export function sheetTotal(
  criteria: readonly PracticalCriterion[],
  scores: Readonly<Record<string, number>>,
): Result<number, string[]> {
  const problems: string[] = [];
  const known = new Set(criteria.map((c) => c.code));
  for (const code of Object.keys(scores)) if (!known.has(code)) problems.push(`考评细则中没有 ${code}`);
  let halves = 0;
  for (const c of criteria) {
    const s = scores[c.code];
    if (s === undefined) problems.push(`「${c.name}」未评分`);
    else if (!Number.isFinite(s) || s < 0 || s > c.points)
      problems.push(`「${c.name}」得分 ${s} 超出范围（0–${c.points} 分）`);
    else if (!Number.isInteger(s * 2)) problems.push(`「${c.name}」得分 ${s} 应为整分或半分`);
    else halves += s * 2;
  }
  return problems.length > 0 ? err(problems) : ok(halves / 2);
}
