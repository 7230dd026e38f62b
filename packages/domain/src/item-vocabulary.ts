/**
 * The words of items — types, difficulties, option letters, statuses — with no schema library, so browsers load them
 * cheaply.
 */
import { keysOf } from './keys-of.ts';

export const ITEM_TYPE_NAMES = { true_false: '判断题', single: '单选题', multiple: '多选题' } as const;
export type ItemType = keyof typeof ITEM_TYPE_NAMES;
export const ITEM_TYPES = keysOf(ITEM_TYPE_NAMES);

/** Every spelling of an item type that users write in workbooks and bank files. */
export function parseItemType(input: string): ItemType | undefined {
  const text = input.replace(/\s+/g, '');
  if (text === '判断题' || text === '判断') return 'true_false';
  if (text === '单选题' || text === '单项选择题' || text === '单选') return 'single';
  if (text === '多选题' || text === '多项选择题' || text === '多选') return 'multiple';
  return undefined;
}

export const DIFFICULTIES = [1, 2, 3, 4, 5] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_NAMES: Readonly<Record<Difficulty, string>> = {
  1: '易',
  2: '较易',
  3: '中等',
  4: '较难',
  5: '难',
};

/** Accepts 1–5 (number or text) and the five Chinese words. */
export function parseDifficulty(input: string | number): Difficulty | undefined {
  const text = String(input).trim();
  for (const d of DIFFICULTIES) if (text === String(d) || text === DIFFICULTY_NAMES[d]) return d;
  return undefined;
}

export const OPTION_LETTERS = 'ABCDEFGH';

/** Lifecycle of an item version. `superseded` marks an approved version replaced by a newer approved one. */
export const ITEM_STATUS_NAMES = {
  draft: '草稿',
  in_review: '待审核',
  approved: '已通过',
  retired: '已停用',
  superseded: '已被新版本替代',
} as const;
export type ItemStatus = keyof typeof ITEM_STATUS_NAMES;
export const ITEM_STATUSES = keysOf(ITEM_STATUS_NAMES);

/** What saving an item did: a new item, a new version of an approved one, an edited draft, a status, or nothing. */
export const ITEM_SAVE_OUTCOME_NAMES = {
  created: '已新建',
  new_version: '已生成新版本草稿',
  updated: '已修改草稿',
  status: '状态已更新',
  unchanged: '内容相同，未变更',
} as const;
export type ItemSaveOutcome = keyof typeof ITEM_SAVE_OUTCOME_NAMES;
export const ITEM_SAVE_OUTCOMES = keysOf(ITEM_SAVE_OUTCOME_NAMES);

/** Whether one assessor's sign-off of a bank counts for its current content. */
export const CERTIFICATION_VERDICT_NAMES = {
  counts: '有效',
  not_registered: '不计入：未登记为本职业考评员',
  author: '不计入：该考评员编写了本题库中的试题',
  stale: '已过期：题库已变更',
} as const;
export type CertificationVerdictKind = keyof typeof CERTIFICATION_VERDICT_NAMES;
export const CERTIFICATION_VERDICT_KINDS = keysOf(CERTIFICATION_VERDICT_NAMES);

/** A verdict in words; a stale one says what changed since (the counts of snapshot.ts's SnapshotDiff). */
export function certificationVerdictText(verdict: {
  readonly kind: CertificationVerdictKind;
  readonly changes?: { readonly added: number; readonly changed: number; readonly retired: number } | null;
}): string {
  const name = CERTIFICATION_VERDICT_NAMES[verdict.kind];
  if (verdict.kind !== 'stale') return name;
  if (!verdict.changes) return `${name}（变更内容未知）`;
  const { added, changed, retired } = verdict.changes;
  return `${name}（此后新增 ${added} 题，修改 ${changed} 题，停用 ${retired} 题）`;
}
