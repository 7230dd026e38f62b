import { ITEM_TYPE_NAMES, type ItemType, type Problem } from '@kaowu/domain';

/** Where a problem lies: any of area × item type × difficulty band, or a paper-wide rule. */
export interface ProblemCell {
  readonly area?: string;
  readonly type?: ItemType;
  readonly difficulty?: number;
}

/** Why a cell cannot be filled, in numbers: what the blueprint needs and what the bank can give. */
export interface CellShortfall {
  readonly need: number;
  /** Items that could be placed here (after every exclusion). */
  readonly usable: number;
  /** Items of the snapshot (all approved) in the cell. */
  readonly approved: number;
  readonly excludedRecent: number;
  readonly excludedUses: number;
  /** Left out by the exposure-rate cap over the last K batches (absent when none was). */
  readonly excludedRate?: number;
  /** Group mates of pinned items, and enemy-group members left out in this search branch. */
  readonly excludedEnemies: number;
  /** Usable items that belong to enemy groups: each group gives at most one. */
  readonly inEnemyGroups: number;
  /** Items left out because earlier forms already use them (when a form runs out of fresh items). */
  readonly inEarlierForms: number;
}

export interface AssemblyProblem extends Problem {
  readonly cell?: ProblemCell;
  readonly shortfall?: CellShortfall;
}

/** Why a whole assembly failed; the services translate each into an error code. */
export type AssemblyErrorCode =
  | 'assembly_blueprint_invalid'
  | 'assembly_infeasible'
  | 'assembly_mean'
  | 'assembly_enemies'
  | 'assembly_search_limit'
  | 'assembly_overlap'
  | 'assembly_cut_window'
  | 'assembly_equating';

/** Assembly failed: `problems` names every cell that cannot be met and why, in Chinese and English. */
export interface AssemblyError extends Problem<AssemblyErrorCode> {
  readonly problems: readonly AssemblyProblem[];
}

export function assemblyError(
  code: AssemblyErrorCode,
  zh: string,
  en: string,
  problems: readonly AssemblyProblem[],
): AssemblyError {
  const list = (pick: (p: AssemblyProblem) => string): string => problems.map((p) => pick(p)).join('; ');
  return {
    code,
    zh: problems.length > 0 ? `${zh}：${problems.map((p) => p.zh).join('；')}` : zh,
    en: problems.length > 0 ? `${en}: ${list((p) => p.en)}` : en,
    problems,
  };
}

export const typeName = (type: ItemType): string => ITEM_TYPE_NAMES[type];

/** "范围 B × 单选题 × 难度 4" / "area B × single × difficulty 4", with the parts the cell has. */
export function cellLabel(cell: ProblemCell): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  if (cell.area !== undefined) {
    zh.push(`范围 ${cell.area}`);
    en.push(`area ${cell.area}`);
  }
  if (cell.type !== undefined) {
    zh.push(typeName(cell.type));
    en.push(cell.type);
  }
  if (cell.difficulty !== undefined) {
    zh.push(`难度 ${cell.difficulty}`);
    en.push(`difficulty ${cell.difficulty}`);
  }
  return { zh: zh.join(' × ') || '全卷', en: en.join(' × ') || 'whole paper' };
}

/** "area B × single × difficulty 4: needs 6, usable 1 (3 approved, 2 excluded by exposure)". */
export function shortfallProblem(code: string, cell: ProblemCell, s: CellShortfall): AssemblyProblem {
  const label = cellLabel(cell);
  const zhWhy = [`题库中已通过 ${s.approved} 题`];
  const enWhy = [`${s.approved} approved in the bank`];
  if (s.excludedRecent > 0) {
    zhWhy.push(`${s.excludedRecent} 题因近期批次已用而排除`);
    enWhy.push(`${s.excludedRecent} excluded as used in recent batches`);
  }
  if (s.excludedUses > 0) {
    zhWhy.push(`${s.excludedUses} 题因使用次数达到上限而排除`);
    enWhy.push(`${s.excludedUses} excluded by the use-count cap`);
  }
  if ((s.excludedRate ?? 0) > 0) {
    zhWhy.push(`${s.excludedRate} 题因曝光率达到上限而排除`);
    enWhy.push(`${s.excludedRate} excluded by the exposure-rate cap`);
  }
  if (s.excludedEnemies > 0) {
    zhWhy.push(`${s.excludedEnemies} 题因与固定试题或互斥题组冲突而排除`);
    enWhy.push(`${s.excludedEnemies} excluded by pinned items or enemy groups`);
  }
  if (s.inEarlierForms > 0) {
    zhWhy.push(`${s.inEarlierForms} 题已用于之前的试卷`);
    enWhy.push(`${s.inEarlierForms} already in earlier forms`);
  }
  if (s.inEnemyGroups > 0) {
    zhWhy.push(`${s.inEnemyGroups} 题属于互斥题组（每组至多 1 题）`);
    enWhy.push(`${s.inEnemyGroups} in enemy groups (at most one per group)`);
  }
  return {
    code,
    zh: `${label.zh}：需要 ${s.need} 题，可用 ${s.usable} 题（${zhWhy.join('，')}）`,
    en: `${label.en}: needs ${s.need}, ${s.usable} usable (${enWhy.join(', ')})`,
    cell,
    shortfall: s,
  };
}
