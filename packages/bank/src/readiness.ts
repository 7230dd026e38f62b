import type { Difficulty, ItemContent, ItemType, OutlineIndex } from '@kaowu/domain';
import { DIFFICULTIES, ITEM_TYPES } from '@kaowu/domain';
import type { BankSettings } from './settings.ts';

export interface AreaCoverage {
  readonly code: string;
  readonly name: string;
  /** Theory weight (%) from the outline. */
  readonly weight: number;
  readonly count: number;
  /** Share of the approved items, in %. */
  readonly share: number;
}

export interface PointCoverage {
  readonly code: string;
  readonly name: string;
  readonly importance: string;
  readonly count: number;
}

export interface BankCoverage {
  readonly approved: number;
  readonly minItems: number;
  readonly areas: readonly AreaCoverage[];
  readonly points: readonly PointCoverage[];
  readonly uncoveredPoints: readonly PointCoverage[];
  readonly byType: Readonly<Record<ItemType, number>>;
  readonly byDifficulty: Readonly<Record<Difficulty, number>>;
  /** Why the bank is not ready for exams (empty when it is, certification aside). */
  readonly blockers: readonly string[];
}

/** Counts a bank's approved items against the outline and the minimum size. Pure and linear in the item count. */
export function bankCoverage(
  outline: OutlineIndex,
  approved: readonly ItemContent[],
  settings: BankSettings,
): BankCoverage {
  const perPoint = new Map<string, number>();
  const byType = Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])) as Record<ItemType, number>;
  const byDifficulty = Object.fromEntries(DIFFICULTIES.map((d) => [d, 0])) as Record<Difficulty, number>;
  for (const item of approved) {
    perPoint.set(item.point, (perPoint.get(item.point) ?? 0) + 1);
    byType[item.type]++;
    byDifficulty[item.difficulty]++;
  }
  const perTopArea = new Map<string, number>();
  const points: PointCoverage[] = [];
  for (const point of outline.points.values()) {
    const count = perPoint.get(point.code) ?? 0;
    points.push({ code: point.code, name: point.name, importance: point.importance, count });
    const top = point.areaPath[0] ?? '';
    perTopArea.set(top, (perTopArea.get(top) ?? 0) + count);
  }
  const total = approved.length;
  const areas = outline.topAreas.map((a) => {
    const count = perTopArea.get(a.code) ?? 0;
    return { ...a, count, share: total === 0 ? 0 : (count * 100) / total };
  });
  const blockers: string[] = [];
  if (total < settings.minItems) blockers.push(`已通过试题 ${total} 道，少于最低要求 ${settings.minItems} 道`);
  for (const a of areas)
    if (a.weight > 0 && a.count === 0)
      blockers.push(`鉴定范围 ${a.code} ${a.name}（权重 ${a.weight}%）没有已通过的试题`);
  const orphans = [...perPoint.keys()].filter((p) => !outline.points.has(p));
  if (orphans.length > 0) blockers.push(`有试题关联的鉴定点不在细目表中：${orphans.sort().join('、')}`);
  return {
    approved: total,
    minItems: settings.minItems,
    areas,
    points,
    uncoveredPoints: points.filter((p) => p.count === 0),
    byType,
    byDifficulty,
    blockers,
  };
}
