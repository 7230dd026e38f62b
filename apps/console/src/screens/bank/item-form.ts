import { type Difficulty, OPTION_LETTERS, richTextProblems } from '@kaowu/domain/browser';
import type { ItemContent, ItemType } from '../../contract.ts';

/** What the editor holds: the content as typed, options always a list (empty for true/false). */
export interface ItemDraft {
  type: ItemType;
  point: string;
  difficulty: Difficulty;
  stem: string;
  explanation: string;
  options: string[];
  /** true/false: [0] = 正确, [1] = 错误; choices: the chosen option indexes. */
  key: number[];
  shuffle: 'all' | 'none' | 'keep-last';
}

export const blankDraft = (point = ''): ItemDraft => ({
  type: 'single',
  point,
  difficulty: 3,
  stem: '',
  explanation: '',
  options: ['', '', '', ''],
  key: [],
  shuffle: 'all',
});

export function draftOf(c: ItemContent): ItemDraft {
  const key =
    c.type === 'true_false' ? [c.key === true ? 0 : 1] : Array.isArray(c.key) ? [...c.key] : [c.key as number];
  return {
    type: c.type,
    point: c.point,
    difficulty: c.difficulty,
    stem: c.stem,
    explanation: c.explanation,
    options: 'options' in c ? [...c.options] : [],
    key,
    shuffle: 'shuffle' in c ? c.shuffle : 'all',
  };
}

export function contentOf(d: ItemDraft): ItemContent {
  const common = {
    point: d.point.trim(),
    difficulty: d.difficulty,
    stem: d.stem.trim(),
    explanation: d.explanation.trim(),
  };
  if (d.type === 'true_false') return { type: 'true_false', ...common, key: d.key[0] === 0 };
  const options = d.options.map((o) => o.trim());
  const key = [...d.key].sort((a, b) => a - b);
  return d.type === 'single'
    ? { type: d.type, ...common, options, key: key[0] ?? -1, shuffle: d.shuffle }
    : { type: d.type, ...common, options, key, shuffle: d.shuffle };
}

/**
 * Problems an author can fix while typing; the server checks everything again (and against the outline) on save.
 * `points` are the outline's point codes.
 */
export function draftProblems(d: ItemDraft, points: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (d.point.trim() === '') out.push('请选择鉴定点');
  else if (points.size > 0 && !points.has(d.point.trim())) out.push(`鉴定点 ${d.point} 不在细目表中`);
  if (d.stem.trim() === '') out.push('题干不能为空');
  out.push(...richTextProblems(d.stem).map((p) => `题干：${p}`));
  if (d.type === 'true_false') {
    if (d.key.length !== 1) out.push('请选择正确或错误');
    return out;
  }
  if (d.options.length < 2) out.push('选项至少 2 个');
  d.options.forEach((o, i) => {
    if (o.trim() === '') out.push(`选项${OPTION_LETTERS[i]}不能为空`);
    out.push(...richTextProblems(o).map((p) => `选项${OPTION_LETTERS[i]}：${p}`));
  });
  const seen = new Set<string>();
  d.options.forEach((o, i) => {
    if (o.trim() !== '' && seen.has(o.trim())) out.push(`选项${OPTION_LETTERS[i]}与前面的选项相同`);
    seen.add(o.trim());
  });
  if (d.type === 'single' && d.key.length !== 1) out.push('单选题应有 1 个正确答案');
  if (d.type === 'multiple' && d.key.length < 2) out.push('多选题至少有 2 个正确选项');
  return out;
}
