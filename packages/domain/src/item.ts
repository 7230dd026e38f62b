import { z } from 'zod';
import { richTextProblems } from './rich-text.ts';
import { OPTION_LETTERS, type ItemType } from './item-vocabulary.ts';

export * from './item-vocabulary.ts';

export const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** How a candidate's variant may reorder the options. */
export const shuffleRule = z.enum(['all', 'none', 'keep-last']);
export type ShuffleRule = z.infer<typeof shuffleRule>;

const richText = z.string().trim().min(1);
const common = {
  point: z.string().min(1),
  difficulty,
  stem: richText,
  explanation: z.string().trim(),
};
const options = z.array(richText).min(2, { message: '选项至少 2 个' }).max(8, { message: '选项最多 8 个' });

/** An item's content: what a version freezes and what the content hash covers. */
export const itemContent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('true_false'), ...common, key: z.boolean() }),
  z.strictObject({ type: z.literal('single'), ...common, options, key: z.number().int().min(0), shuffle: shuffleRule }),
  z.strictObject({
    type: z.literal('multiple'),
    ...common,
    options,
    key: z.array(z.number().int().min(0)).min(2, { message: '多选题至少有 2 个正确选项' }),
    shuffle: shuffleRule,
  }),
]);
export type ItemContent = z.infer<typeof itemContent>;
export type ChoiceItemContent = Extract<ItemContent, { options: string[] }>;

/** Problems with an item's content beyond its shape: key letters must name existing options, text must be safe. */
export function itemContentProblems(content: ItemContent, knownAssets?: ReadonlySet<string>): string[] {
  const problems = [...richTextProblems(content.stem, knownAssets).map((p) => `题干：${p}`)];
  problems.push(...richTextProblems(content.explanation, knownAssets).map((p) => `解析：${p}`));
  if (content.type === 'true_false') return problems;
  content.options.forEach((o, i) =>
    problems.push(...richTextProblems(o, knownAssets).map((p) => `选项${OPTION_LETTERS[i]}：${p}`)),
  );
  const keys = content.type === 'single' ? [content.key] : content.key;
  for (const k of keys) if (k >= content.options.length) problems.push(`答案 ${OPTION_LETTERS[k] ?? k} 没有对应的选项`);
  if (content.type === 'multiple') {
    if (new Set(keys).size !== keys.length) problems.push('答案中有重复的选项');
    if (keys.some((k, i) => i > 0 && k < (keys[i - 1] ?? 0))) problems.push('答案应按字母顺序排列');
  }
  const seen = new Map<string, number>();
  content.options.forEach((o, i) => {
    const before = seen.get(o.trim());
    if (before !== undefined) problems.push(`选项${OPTION_LETTERS[i]}与选项${OPTION_LETTERS[before]}相同`);
    seen.set(o.trim(), i);
  });
  return problems;
}

const TRUE_SPELLINGS = new Set(['√', '✓', '✔', '对', '正确', 'T', 'TRUE', 'Y', '是']);
const FALSE_SPELLINGS = new Set(['×', '✗', '✘', 'X', '错', '错误', 'F', 'FALSE', 'N', '否']);

export type ParsedKey = { ok: true; key: boolean | number | number[] } | { ok: false; message: string };

/**
 * Reads an answer key as users write it: a letter for single choice; letters in any order with or without
 * separators (ACD, A,C,D, A、C、D) for multiple choice; √ × 对 错 正确 错误 T F for true/false.
 */
export function parseAnswerKey(type: ItemType, raw: string): ParsedKey {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  if (text === '') return { ok: false, message: '答案为空' };
  if (type === 'true_false') {
    if (TRUE_SPELLINGS.has(text)) return { ok: true, key: true };
    if (FALSE_SPELLINGS.has(text)) return { ok: true, key: false };
    return { ok: false, message: `判断题答案“${raw.trim()}”无法识别，应为 √、×、对、错、正确、错误、T 或 F` };
  }
  const letters = text.replace(/[\s,，、;；/|]+/g, '');
  if (!/^[A-H]+$/.test(letters)) return { ok: false, message: `答案“${raw.trim()}”应为选项字母 A–H` };
  const indexes = [...letters].map((l) => OPTION_LETTERS.indexOf(l));
  if (type === 'single') {
    if (indexes.length !== 1) return { ok: false, message: `单选题只能有一个答案，却给出了“${raw.trim()}”` };
    return { ok: true, key: indexes[0] ?? 0 };
  }
  const unique = [...new Set(indexes)].sort((a, b) => a - b);
  if (unique.length !== indexes.length) return { ok: false, message: `答案“${raw.trim()}”中有重复字母` };
  if (unique.length < 2) return { ok: false, message: '多选题至少有 2 个正确选项' };
  return { ok: true, key: unique };
}

/** The canonical spelling of a key, as written to workbooks and bank files. */
export function formatAnswerKey(content: ItemContent): string {
  if (content.type === 'true_false') return content.key ? '正确' : '错误';
  if (content.type === 'single') return OPTION_LETTERS[content.key] ?? '?';
  return content.key.map((k) => OPTION_LETTERS[k] ?? '?').join('');
}
