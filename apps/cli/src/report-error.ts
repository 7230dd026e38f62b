import { KaowuError } from '@kaowu/domain';

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
        const where =
          d.sheet !== undefined
            ? `工作表“${d.sheet}”${d.row ? ` 第 ${d.row} 行` : ''}${d.column ? ` ${d.column} 列` : ''}${d.field ? `（${d.field}）` : ''}`
            : `${d.file}${d.line ? ` 第 ${d.line} 行` : ''}${d.field ? `（${d.field}）` : ''}`;
        lines.push(`  ${where}：${d.message}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
  if (error instanceof Error) return `错误：${error.message}\n`;
  return `错误：${String(error)}\n`;
}
