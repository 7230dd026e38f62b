import type { ItemStatus, Outline, OutlineArea } from '../../contract.ts';

export interface Counted {
  readonly approved: number;
  readonly all: number;
}

/**
 * Approved and total (not retired or superseded) items per point code, then summed up the area tree. An approved
 * item under revision counts once, as approved: its approved version is still in the bank.
 */
export function countByPoint(
  items: readonly { status: ItemStatus; content: { point: string }; approvedVersion?: number | null }[],
): Map<string, Counted> {
  const out = new Map<string, { approved: number; all: number }>();
  for (const i of items) {
    if (i.status === 'retired' || i.status === 'superseded') continue;
    const c = out.get(i.content.point) ?? { approved: 0, all: 0 };
    c.all++;
    if (i.status === 'approved' || (i.approvedVersion ?? null) !== null) c.approved++;
    out.set(i.content.point, c);
  }
  return out;
}

export function countArea(
  area: OutlineArea,
  byPoint: ReadonlyMap<string, Counted>,
  memo: Map<OutlineArea, Counted>,
): Counted {
  const known = memo.get(area);
  if (known) return known;
  let approved = 0;
  let all = 0;
  for (const p of area.points ?? []) {
    const c = byPoint.get(p.code);
    approved += c?.approved ?? 0;
    all += c?.all ?? 0;
  }
  for (const a of area.areas ?? []) {
    const c = countArea(a, byPoint, memo);
    approved += c.approved;
    all += c.all;
  }
  const value = { approved, all };
  memo.set(area, value);
  return value;
}

export const totalApproved = (
  outline: Outline,
  byPoint: ReadonlyMap<string, Counted>,
  memo: Map<OutlineArea, Counted>,
): number => outline.areas.reduce((n, a) => n + countArea(a, byPoint, memo).approved, 0);
