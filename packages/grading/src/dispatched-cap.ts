/** Dispatched workers (劳务派遣) may be at most this share of the enterprise's workforce (Nanxun 第六条). */
export const DISPATCHED_MAX_SHARE_PERCENT = 10;

export interface DispatchedCount {
  /** Candidates of the batch whose application says 劳务派遣. */
  readonly dispatched: number;
  /** 企业职工总数 from the settings; undefined while not set. */
  readonly workforce: number | undefined;
}

/**
 * The batch-level breach, in Chinese with the numbers, or undefined when within the cap. Integer arithmetic:
 * dispatched × 100 ≤ workforce × 10 exactly, so 10 of 100 passes and 11 of 100 does not.
 */
export function dispatchedCapProblem({ dispatched, workforce }: DispatchedCount): string | undefined {
  if (dispatched === 0) return undefined;
  if (workforce === undefined)
    return `有 ${dispatched} 名劳务派遣人员，但未设置企业职工总数（eligibility.workforceSize），无法核对劳务派遣人员不超过 ${DISPATCHED_MAX_SHARE_PERCENT}% 的要求`;
  if (dispatched * 100 <= workforce * DISPATCHED_MAX_SHARE_PERCENT) return undefined;
  const allowed = Math.floor((workforce * DISPATCHED_MAX_SHARE_PERCENT) / 100);
  const share = ((dispatched * 100) / workforce).toFixed(1);
  return `劳务派遣人员 ${dispatched} 名，占企业职工总数 ${workforce} 名的 ${share}%，超过 ${DISPATCHED_MAX_SHARE_PERCENT}%（至多 ${allowed} 名）`;
}
