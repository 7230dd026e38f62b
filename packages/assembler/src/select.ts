import type { Model } from './model.ts';
import type { FormContext, Network } from './network.ts';
import { shuffle, type Rng } from './rng.ts';

export type Selection =
  | { ok: true; chosen: number[] }
  /** Two members of an enemy group spanning areas had to be chosen: the search branches on `group`. */
  | { ok: false; kind: 'enemies'; group: number }
  /** Items of earlier forms could not be spread so that every pair of forms stays within the overlap cap. */
  | { ok: false; kind: 'overlap'; form: number; shared: number };

/**
 * Turns the flow's counts into items: each arc's count is drawn from its items in seeded order. Items of an
 * enemy group spanning areas come last and at most one per group while any other item fits; items from
 * earlier forms are taken only while every pair of forms stays within the overlap cap.
 */
export function selectItems(
  model: Model,
  net: Network,
  flow: Int32Array,
  context: FormContext,
  random: Rng,
): Selection {
  const usedGroups = new Set<number>();
  // Shared items with each earlier form so far: pinned items are in every form.
  const shared = new Map<number, number>();
  for (const forms of context.formsOf) for (const f of forms) shared.set(f, model.pins.length);
  const fits = (i: number): boolean => (context.formsOf[i] ?? []).every((f) => (shared.get(f) ?? 0) < model.overlapCap);
  const take = (i: number): void => {
    for (const f of context.formsOf[i] ?? []) shared.set(f, (shared.get(f) ?? 0) + 1);
    const group = net.crossGroup[i]!;
    if (group !== -1) usedGroups.add(group);
  };
  const chosen: number[] = [];
  let clash = -1;
  for (let a = 0; a < net.graph.arcs; a++) {
    let count = flow[a]!;
    if (count === 0 || net.members[a]!.length === 0) continue;
    const order = shuffle([...net.members[a]!], random);
    const lone = order.filter((i) => net.crossGroup[i] === -1);
    const grouped = order.filter((i) => net.crossGroup[i] !== -1);
    const picked = new Set<number>();
    const pass = (candidates: readonly number[], allowClash: boolean): void => {
      for (const i of candidates) {
        if (count === 0) return;
        if (picked.has(i) || !fits(i)) continue;
        const group = net.crossGroup[i]!;
        if (group !== -1 && usedGroups.has(group)) {
          if (!allowClash) continue;
          if (clash === -1) clash = group;
        }
        picked.add(i);
        take(i);
        chosen.push(i);
        count--;
      }
    };
    pass(lone, false);
    pass(grouped, false);
    pass(grouped, true);
    if (count > 0) {
      // Only the overlap cap can leave an arc short: the flow counted these items as available.
      const form = [...shared.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
      return { ok: false, kind: 'overlap', form: form?.[0] ?? 0, shared: form?.[1] ?? 0 };
    }
  }
  if (clash !== -1) return { ok: false, kind: 'enemies', group: clash };
  return { ok: true, chosen };
}
