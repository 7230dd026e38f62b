import { type ErrorCode, KaowuError } from '@kaowu/domain';

/**
 * The one place error codes become exit codes, typed over the closed union so a new code without one fails
 * `tsc`: 1 a refusal or invalid input (and any other failure), 3 something named does not exist, 4 not allowed
 * (no permission or not signed in), 70 an internal fault (sysexits EX_SOFTWARE). `--help` prints this list.
 */
export const EXIT_CODES = {
  invalid: 1,
  unauthorized: 4,
  forbidden: 4,
  csrf: 4,
  not_found: 3,
  conflict: 1,
  payload_too_large: 1,
  locked: 4,
  rate_limited: 1,
  internal: 70,
  token_expired: 4,
  token_revoked: 4,
  room_not_open: 1,
  outside_window: 1,
  candidate_absent: 1,
  seb_required: 4,
  device_conflict: 1,
  deadline_passed: 1,
  attempt_submitted: 1,
  attempt_paused: 1,
  attempt_not_started: 1,
  item_in_review: 1,
  item_bad_status: 1,
  assembly_infeasible: 1,
  paper_altered: 1,
  paper_mismatch: 1,
  paper_not_reproducible: 1,
  holiday_data_missing: 1,
  staff_frozen: 1,
  supervisors_missing: 1,
  candidate_list_open: 1,
  candidate_list_frozen: 1,
  plan_filing_overdue: 1,
  retention_not_expired: 1,
  archive_invalid: 1,
  roster_frozen: 1,
  roster_closed: 1,
} as const satisfies Record<ErrorCode, number>;

export const EXIT_HELP = '退出码：0 成功；1 操作被拒绝或输入有误；3 指定的对象不存在；4 没有权限；70 内部错误';

export const exitCodeOf = (error: unknown): number => (error instanceof KaowuError ? EXIT_CODES[error.code] : 1);

interface Located {
  sheet?: string;
  file?: string;
  row?: number;
  line?: number | null;
  column?: string;
  field?: string;
  message?: string;
}

const isLocated = (d: unknown): d is Located =>
  typeof d === 'object' && d !== null && 'message' in d && ('sheet' in d || 'file' in d);

/** A failure as the user should read it: the Chinese message, then every located problem on its own line. */
export function reportError(error: unknown): string {
  if (error instanceof KaowuError) {
    const lines = [`错误：${error.zh}`];
    for (const d of error.details) {
      if (isLocated(d)) {
        // Row 0 and an empty column mean the whole sheet: say only what is known.
        const field = d.field ? `（${d.field}）` : '';
        const where =
          d.sheet !== undefined
            ? `工作表“${d.sheet}”${d.row ? ` 第 ${d.row} 行` : ''}${d.column ? ` ${d.column} 列` : ''}${field}`
            : `${d.file}${d.line ? ` 第 ${d.line} 行` : ''}${field}`;
        lines.push(`  ${where}：${d.message}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
  if (error instanceof Error) return `错误：${error.message}\n`;
  return `错误：${String(error)}\n`;
}
