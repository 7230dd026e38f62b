import { OPTION_LETTERS } from '@kaowu/domain/browser';
import type { ItemContent } from '../../contract.ts';

/** The answer key as reviewers read it: √/× or option letters. */
export function keyText(c: ItemContent): string {
  if (c.type === 'true_false') return c.key === true ? '√（正确）' : '×（错误）';
  const keys = Array.isArray(c.key) ? c.key : [c.key as number];
  return keys.map((k) => OPTION_LETTERS[k] ?? '?').join('');
}
