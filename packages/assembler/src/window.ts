import { Graph, minCostFlow, unitCycles, type UnitCycle } from './flow.ts';
import type { Model } from './model.ts';
import { meetMeanWindow } from './mean.ts';
import { penalties, type FormContext, type Network } from './network.ts';
import { shuffle, type Rng } from './rng.ts';

/** A window [lo, hi] on Σ value over the chosen (non-pinned) items; `value` per usable item. */
export interface ValueWindow {
  readonly value: ArrayLike<number>;
  readonly lo: number;
  readonly hi: number;
}

export type WindowOutcome =
  | { ok: true; chosen: number[]; flow: Int32Array }
  /** `least`, `most`: the smallest and largest sums a paper meeting the counts can have; `gap`: between them. */
  | { ok: false; least: number; most: number; gap: boolean };

/**
 * The network with every item its own arc of capacity 1, so that a flow names items, not counts: the arcs of
 * `net` without items are copied (`arcOf`), each arc with items becomes one arc per member, in member order from
 * `firstArc[a]`; `itemOf[e]` is the usable item of arc e (−1 for copied arcs).
 */
interface ItemGraph {
  readonly graph: Graph;
  readonly itemOf: Int32Array;
  readonly arcOf: Int32Array;
  readonly firstArc: Int32Array;
}

function itemGraph(net: Network): ItemGraph {
  const g = new Graph();
  g.nodes = net.graph.nodes;
  const itemOf: number[] = [];
  const arcOf = new Int32Array(net.graph.arcs).fill(-1);
  const firstArc = new Int32Array(net.graph.arcs).fill(-1);
  for (let a = 0; a < net.graph.arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0) {
      arcOf[a] = g.addArc(net.graph.from[a]!, net.graph.to[a]!, net.graph.cap[a]!);
      itemOf.push(-1);
      continue;
    }
    firstArc[a] = g.arcs;
    for (const i of members) {
      g.addArc(net.graph.from[a]!, net.graph.to[a]!, 1);
      itemOf.push(i);
    }
  }
  return { graph: g, itemOf: Int32Array.from(itemOf), arcOf, firstArc };
}

/** The item flow taking, on each arc with items, the members `take(a)` names (as many as the count flow says). */
function itemFlow(
  net: Network,
  ig: ItemGraph,
  flow: Int32Array,
  take: (a: number, members: readonly number[]) => Iterable<number>,
): Int32Array {
  const out = new Int32Array(ig.graph.arcs);
  for (let a = 0; a < net.graph.arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0) out[ig.arcOf[a]!] = flow[a]!;
    else for (const k of take(a, members)) out[ig.firstArc[a]! + k] = 1;
  }
  return out;
}

/** Back from items to counts: each arc with items carries as many units as its members taken. */
function countFlow(net: Network, ig: ItemGraph, items: Int32Array): Int32Array {
  const out = new Int32Array(net.graph.arcs);
  for (let a = 0; a < net.graph.arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0) out[a] = items[ig.arcOf[a]!]!;
    else for (let k = 0; k < members.length; k++) out[a]! += items[ig.firstArc[a]! + k]!;
  }
  return out;
}

/**
 * The count flow with the largest (direction +1) or smallest (−1) Σ value: each arc with items stands for its
 * members ranked best first, the k-th unit worth the k-th best (a convex cost, so the min-cost flow is exact).
 * With `prefer`, reuse of earlier forms' items and then exposure are penalised above any value, as in
 * `extremeFlow`, so the extreme keeps the least reuse and exposure; without, the plain extreme (the true range).
 * Returns the flow, each arc's members in rank order, and the extreme sum.
 */
function extreme(
  net: Network,
  value: ArrayLike<number>,
  direction: 1 | -1,
  prefer: boolean,
): { flow: Int32Array; ranked: (readonly number[] | undefined)[]; sum: number } {
  const arcs = net.graph.arcs;
  const ranked: (number[] | undefined)[] = [];
  const unit: (Float64Array | undefined)[] = [];
  let maxValue = 0;
  for (let a = 0; a < arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0) {
      ranked.push(undefined);
      unit.push(undefined);
      continue;
    }
    // Best first; equal values in member order (members are in code order), so the ranking is total.
    const order = members
      .map((i, k) => ({ i, k, v: direction * value[i]! }))
      .sort((x, y) => y.v - x.v || x.k - y.k)
      .map((x) => x.k);
    ranked.push(order);
    // Costs in hundredths of the value's unit keep the penalised sums far below 2^53.
    unit.push(Float64Array.from(order, (k) => -direction * value[members[k]!]!));
    for (const i of members) maxValue = Math.max(maxValue, Math.abs(value[i]!));
  }
  const base = new Float64Array(arcs);
  if (prefer) {
    const window = net.arcExposure.reduce((m, e) => Math.max(m, e), 0);
    const scale = maxValue > 0 ? 1000 / maxValue : 1;
    for (let a = 0; a < arcs; a++) {
      const u = unit[a];
      if (u !== undefined) for (let k = 0; k < u.length; k++) u[k] = Math.round(u[k]! * scale);
    }
    const { exposurePenalty, reusePenalty } = penalties(net.graph.nodes, 1000, window);
    for (let a = 0; a < arcs; a++) base[a] = net.arcLevel[a]! * reusePenalty + net.arcExposure[a]! * exposurePenalty;
  }
  const { flow } = minCostFlow(net.graph, net.source, net.sink, net.need, {
    base,
    slope: new Float64Array(arcs),
    unit,
  });
  let sum = 0;
  for (let a = 0; a < arcs; a++) {
    const order = ranked[a];
    if (order === undefined) continue;
    for (let k = 0; k < flow[a]!; k++) sum += value[net.members[a]![order[k]!]!]!;
  }
  return { flow, ranked, sum };
}

/** The least and most Σ value over papers meeting the network's counts. */
export const valueRange = (net: Network, value: ArrayLike<number>): { least: number; most: number } => ({
  least: extreme(net, value, -1, false).sum,
  most: extreme(net, value, 1, false).sum,
});

/** What a cycle must keep: the overlap cap with each earlier form, one item per enemy group, other windows. */
interface Guard {
  readonly model: Model;
  readonly net: Network;
  readonly context: FormContext;
  /** Windows already met that must stay met (the mean difficulty's among them, on Σ weight × difficulty). */
  readonly keep: readonly ValueWindow[];
}

/** Walks back and forth at most this many times before a window is declared out of reach of the walk. */
const ROUNDS = 12;

/**
 * Moves the chosen items until Σ value lies in the window, like `meetMeanWindow` but item by item: the
 * difference between the current items and the extreme ones in the needed direction splits into unit cycles
 * (an item swapped for another in its cell, or counts moved between cells), any subset of which keeps every
 * count exact. Cycles that move the sum the right way are taken in seeded order, each only if it does not
 * overshoot the window and keeps the overlap cap, the enemy groups and the other windows; if none lands in it,
 * an exact subset-sum over the cycles is tried, then the smallest overshooting cycle is taken and the walk turns
 * back towards the other extreme (at most `ROUNDS` times). Any window at least as wide as the largest step is
 * met whenever it lies within reach. When the preferred extreme (least reuse and exposure) cannot reach the
 * window, the plain one is tried.
 */
export function meetValueWindow(
  guard: Guard,
  flow: Int32Array,
  chosen: readonly number[],
  window: ValueWindow,
  random: Rng,
): WindowOutcome {
  const { net } = guard;
  const { value, lo, hi } = window;
  const range = () => valueRange(net, value);
  if (lo > hi) return { ok: false, ...range(), gap: true };
  const ig = itemGraph(net);
  const extremes = new Map<string, ReturnType<typeof extreme>>();
  // Targets in turn: least reuse and exposure first, within the mean-difficulty window first.
  const extremeOf = (direction: 1 | -1, prefer: boolean, mean: boolean) => {
    const key = `${direction} ${prefer} ${mean}`;
    let found = extremes.get(key);
    if (found === undefined) {
      const plain = extremes.get(`${direction} ${prefer} false`) ?? extreme(net, value, direction, prefer);
      extremes.set(`${direction} ${prefer} false`, plain);
      found = mean ? meanKept(guard, plain, value, random) : plain;
      extremes.set(key, found);
    }
    return found;
  };
  const targets = (guard.model.window === null ? [false] : [true, false]).flatMap((mean) =>
    [true, false].map((prefer) => ({ prefer, mean })),
  );
  let current = { flow, chosen: [...chosen] };
  let reached = false;
  for (let round = 0; round < ROUNDS; round++) {
    let now = 0;
    for (const i of current.chosen) now += value[i]!;
    if (now >= lo && now <= hi) return { ok: true, ...current };
    const direction = now < lo ? 1 : -1;
    const chosenSet = new Set(current.chosen);
    const start = itemFlow(net, ig, current.flow, (_a, members) =>
      members.flatMap((i, k) => (chosenSet.has(i) ? [k] : [])),
    );
    let next: typeof current | null = null;
    for (const { prefer, mean } of targets) {
      const far = extremeOf(direction, prefer, mean);
      if (direction === 1 ? far.sum < lo : far.sum > hi) continue;
      reached = true;
      const target = itemFlow(net, ig, far.flow, (a) => far.ranked[a]!.slice(0, far.flow[a]!));
      const walked = walk(guard, ig, start, target, current.chosen, window, direction, now, random);
      if (walked === null) continue;
      const state = { chosen: walked.chosen, flow: countFlow(net, ig, walked.items) };
      if (walked.landed) return { ok: true, ...state };
      next = state;
      break;
    }
    if (next === null) break;
    current = next;
  }
  if (reached) {
    const found = swapDescent(guard, current.chosen, window) ?? exactWithinCells(guard, current.chosen, window);
    if (found !== null) return { ok: true, chosen: found, flow: flowOf(net, found) };
  }
  return { ok: false, ...range(), gap: reached };
}

/** Swap rounds the descent may take, and the most single swaps it pairs up (their square is the work). */
const SWAP_ROUNDS = 40;
const PAIR_LIMIT = 400;
/** Swaps checked against the other constraints per round. */
const CHECKS = 300;

/**
 * The last resort for windows narrower than the walk's steps (small papers): single swaps of a chosen item for
 * an unchosen one of the same area and section (and band, where the section fixes band counts), which keep every
 * count. Each round takes the swap that brings the sum nearest the window, while any swap brings it nearer.
 */
function swapDescent(guard: Guard, chosen: readonly number[], window: ValueWindow): number[] | null {
  const { model, net } = guard;
  const { value, lo, hi } = window;
  const inNetwork = new Set<number>();
  for (const members of net.members) for (const i of members) inNetwork.add(i);
  const items = new Set(chosen);
  const kind = (i: number): string => {
    const c = model.usable[i]!;
    return model.bandNeed[c.section] === null ? `${c.area}/${c.section}` : `${c.area}/${c.section}/${c.difficulty}`;
  };
  const pool = new Map<string, number[]>();
  for (const i of [...inNetwork].sort((x, y) => x - y)) {
    const list = pool.get(kind(i));
    if (list === undefined) pool.set(kind(i), [i]);
    else list.push(i);
  }
  let sum = 0;
  for (const i of items) sum += value[i]!;
  const distance = (x: number): number => (x < lo ? lo - x : x > hi ? x - hi : 0);
  for (let round = 0; round < SWAP_ROUNDS && distance(sum) > 0; round++) {
    const moves: { out: number; into: number; after: number }[] = [];
    for (const out of items)
      for (const into of pool.get(kind(out)) ?? []) {
        if (items.has(into)) continue;
        const after = sum - value[out]! + value[into]!;
        if (distance(after) < distance(sum)) moves.push({ out, into, after });
      }
    moves.sort((x, y) => distance(x.after) - distance(y.after) || x.out - y.out || x.into - y.into);
    let moved = false;
    for (const move of moves.slice(0, CHECKS)) {
      items.delete(move.out);
      items.add(move.into);
      if (keeps(guard, items)) {
        sum = move.after;
        moved = true;
        break;
      }
      items.delete(move.into);
      items.add(move.out);
    }
    if (moved) continue;
    // No single swap brings the sum nearer: two swaps at once, over a bounded number of pairs.
    const singles: { out: number; into: number; gain: number }[] = [];
    for (const out of items)
      for (const into of pool.get(kind(out)) ?? [])
        if (!items.has(into)) singles.push({ out, into, gain: value[into]! - value[out]! });
    if (singles.length > PAIR_LIMIT) return null;
    const pairs: { a: number; b: number; after: number }[] = [];
    for (let a = 0; a < singles.length; a++)
      for (let b = a + 1; b < singles.length; b++) {
        const x = singles[a]!;
        const y = singles[b]!;
        if (x.out === y.out || x.into === y.into) continue;
        const after = sum + x.gain + y.gain;
        if (distance(after) < distance(sum)) pairs.push({ a, b, after });
      }
    pairs.sort((x, y) => distance(x.after) - distance(y.after) || x.a - y.a || x.b - y.b);
    for (const pair of pairs.slice(0, CHECKS)) {
      const x = singles[pair.a]!;
      const y = singles[pair.b]!;
      items.delete(x.out);
      items.delete(y.out);
      items.add(x.into);
      items.add(y.into);
      if (keeps(guard, items)) {
        sum = pair.after;
        moved = true;
        break;
      }
      items.delete(x.into);
      items.delete(y.into);
      items.add(x.out);
      items.add(y.out);
    }
    if (!moved) return null;
  }
  return distance(sum) === 0 ? [...items].sort((x, y) => x - y) : null;
}

/** Distinct sums an exact search may hold at once before giving up. */
const EXACT_STATES = 5_000;

/** Area × section (× band, where the section fixes band counts): the cells whose counts a swap keeps. */
function cellKind(model: Model, i: number): string {
  const c = model.usable[i]!;
  return model.bandNeed[c.section] === null ? `${c.area}/${c.section}` : `${c.area}/${c.section}/${c.difficulty}`;
}

/**
 * Exact for small banks: with the current count of items in each cell kept, every reachable Σ value by a sparse
 * dynamic programme over the cells (distinct sums only, pruned by what the remaining cells can still add), then
 * the sums in the window checked against the other constraints. Gives up beyond `EXACT_STATES` sums.
 */
function exactWithinCells(guard: Guard, chosen: readonly number[], window: ValueWindow): number[] | null {
  const { model, net } = guard;
  const { value, lo, hi } = window;
  const need = new Map<string, number>();
  for (const i of chosen) need.set(cellKind(model, i), (need.get(cellKind(model, i)) ?? 0) + 1);
  const pool = new Map<string, number[]>();
  for (const members of net.members)
    for (const i of members) {
      const kind = cellKind(model, i);
      if (!need.has(kind)) continue;
      const list = pool.get(kind);
      if (list === undefined) pool.set(kind, [i]);
      else list.push(i);
    }
  const kinds = [...need.keys()].sort();
  // Per cell: every distinct sum of choosing its count of items, with one choice giving it.
  const options: Map<number, number[]>[] = [];
  for (const kind of kinds) {
    const items = (pool.get(kind) ?? []).sort((x, y) => x - y);
    const k = need.get(kind)!;
    let layers: Map<number, number[]>[] = [new Map([[0, []]])];
    for (const i of items) {
      const next = layers.map((layer) => new Map(layer));
      for (let c = 0; c < Math.min(k, layers.length); c++) {
        if (next.length <= c + 1) next.push(new Map());
        for (const [sum, picked] of layers[c]!) {
          const to = sum + value[i]!;
          if (!next[c + 1]!.has(to)) next[c + 1]!.set(to, [...picked, i]);
        }
      }
      layers = next;
      if (layers.reduce((n, l) => n + l.size, 0) > EXACT_STATES) return null;
    }
    const options_k = layers[k];
    if (options_k === undefined || options_k.size === 0) return null;
    options.push(options_k);
  }
  const least = options.map((o) => Math.min(...o.keys()));
  const most = options.map((o) => Math.max(...o.keys()));
  const restLeast = least.map((_, j) => least.slice(j + 1).reduce((s, x) => s + x, 0));
  const restMost = most.map((_, j) => most.slice(j + 1).reduce((s, x) => s + x, 0));
  let states = new Map<number, number[]>([[0, []]]);
  for (const [j, option] of options.entries()) {
    const next = new Map<number, number[]>();
    for (const [sum, picked] of states)
      for (const [add, items] of option) {
        const to = sum + add;
        if (to + restLeast[j]! > hi || to + restMost[j]! < lo || next.has(to)) continue;
        next.set(to, [...picked, ...items]);
        if (next.size > EXACT_STATES) return null;
      }
    states = next;
  }
  for (const sum of [...states.keys()].sort((x, y) => x - y)) {
    const items = new Set(states.get(sum)!);
    if (keeps(guard, items)) return [...items].sort((x, y) => x - y);
  }
  return null;
}

/** The count flow of a set of items: every arc carries the chosen items that pass through it. */
function flowOf(net: Network, chosen: readonly number[]): Int32Array {
  const flow = new Int32Array(net.graph.arcs);
  const set = new Set(chosen);
  const into = new Int32Array(net.graph.nodes);
  const out = new Int32Array(net.graph.nodes);
  for (let a = 0; a < net.graph.arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0) continue;
    for (const i of members) if (set.has(i)) flow[a]!++;
    into[net.graph.to[a]!]! += flow[a]!;
    out[net.graph.from[a]!]! += flow[a]!;
  }
  // The arcs without items: S → area, area → group, cell → section, section → T. Each carries what its head
  // sends on (area → group, cell → section) or what its tail received (S → area, section → T), in that order.
  for (let a = 0; a < net.graph.arcs; a++)
    if (net.members[a]!.length === 0 && net.arcGroup[a]! >= 0) {
      flow[a] = out[net.graph.to[a]!]!;
      out[net.graph.from[a]!]! += flow[a]!;
    }
  for (const arcs of net.bandArcs)
    for (const a of arcs) {
      flow[a] = into[net.graph.from[a]!]!;
      into[net.graph.to[a]!]! += flow[a]!;
    }
  for (const a of net.sectionArcs) flow[a] = into[net.graph.from[a]!]!;
  for (const a of net.areaArcs) flow[a] = out[net.graph.to[a]!]!;
  return flow;
}

/**
 * The extreme moved into the mean-difficulty window (when the blueprint has one), the items of each arc still
 * the best ranked: so the walk's cycles lead to items that keep the mean, and pairs of them can (see `walk`).
 */
function meanKept(
  guard: Guard,
  far: ReturnType<typeof extreme>,
  value: ArrayLike<number>,
  random: Rng,
): ReturnType<typeof extreme> {
  const { model, net } = guard;
  if (model.window === null) return far;
  const moved = meetMeanWindow(net, far.flow, model.window, random);
  if (!moved.ok) return far;
  let sum = 0;
  for (let a = 0; a < net.graph.arcs; a++) {
    const order = far.ranked[a];
    if (order === undefined) continue;
    for (let k = 0; k < moved.flow[a]!; k++) sum += value[net.members[a]![order[k]!]!]!;
  }
  return { flow: moved.flow, ranked: far.ranked, sum };
}

/**
 * One walk towards `target`. Landed: the items now meet the window. Otherwise the items after the smallest
 * cycle that crosses the window (to walk back from), or null when no cycle can.
 */
function walk(
  guard: Guard,
  ig: ItemGraph,
  start: Int32Array,
  target: Int32Array,
  chosen: readonly number[],
  window: ValueWindow,
  direction: 1 | -1,
  now: number,
  random: Rng,
): { landed: boolean; chosen: number[]; items: Int32Array } | null {
  const { model, net, context, keep } = guard;
  const { value } = window;
  const low = direction === 1 ? window.lo - now : now - window.hi;
  const high = direction === 1 ? window.hi - now : now - window.lo;
  const items = new Set(chosen);
  // Shared items with each earlier form (pinned items are in every form), enemy groups spanning areas in use.
  const shared = new Map<number, number>();
  for (const forms of context.formsOf) for (const f of forms) shared.set(f, model.pins.length);
  for (const i of items) for (const f of context.formsOf[i] ?? []) shared.set(f, (shared.get(f) ?? 0) + 1);
  const groupUse = new Map<number, number>();
  for (const i of items) {
    const group = net.crossGroup[i]!;
    if (group !== -1) groupUse.set(group, (groupUse.get(group) ?? 0) + 1);
  }
  const kept = keep.map((w) => {
    let s = 0;
    for (const i of items) s += w.value[i]!;
    return s;
  });
  const gainOf = (c: UnitCycle, v: ArrayLike<number>): number =>
    c.arcs.reduce((sum, e, k) => {
      const i = ig.itemOf[e]!;
      return i === -1 ? sum : sum + c.dirs[k]! * v[i]!;
    }, 0);
  const steps = unitCycles(ig.graph, start, target)
    .map((cycle) => ({ cycle, gain: direction * gainOf(cycle, value) }))
    .filter((s) => s.gain > 0);
  shuffle(steps, random);
  const flow = start.slice();
  let gained = 0;
  /** Applies a step when it keeps every other constraint; says whether it did. */
  const tryStep = (cycle: UnitCycle | readonly UnitCycle[], gain: number): boolean => {
    const cycles = Array.isArray(cycle) ? (cycle as readonly UnitCycle[]) : [cycle as UnitCycle];
    const added: number[] = [];
    const removed: number[] = [];
    for (const c of cycles)
      c.arcs.forEach((e, k) => {
        const i = ig.itemOf[e]!;
        if (i !== -1) (c.dirs[k] === 1 ? added : removed).push(i);
      });
    const delta = new Map<number, number>();
    const groupDelta = new Map<number, number>();
    const count = (i: number, by: number): void => {
      for (const f of context.formsOf[i] ?? []) delta.set(f, (delta.get(f) ?? 0) + by);
      const group = net.crossGroup[i]!;
      if (group !== -1) groupDelta.set(group, (groupDelta.get(group) ?? 0) + by);
    };
    for (const i of added) count(i, 1);
    for (const i of removed) count(i, -1);
    if ([...delta].some(([f, d]) => d > 0 && (shared.get(f) ?? 0) + d > model.overlapCap)) return false;
    if ([...groupDelta].some(([g, d]) => d > 0 && (groupUse.get(g) ?? 0) + d > 1)) return false;
    const keptAfter = keep.map((w, j) => cycles.reduce((sum, c) => sum + gainOf(c, w.value), kept[j]!));
    if (keptAfter.some((s, j) => s < keep[j]!.lo || s > keep[j]!.hi)) return false;
    for (const [f, d] of delta) shared.set(f, (shared.get(f) ?? 0) + d);
    for (const [g, d] of groupDelta) groupUse.set(g, (groupUse.get(g) ?? 0) + d);
    keptAfter.forEach((s, j) => (kept[j] = s));
    for (const i of added) items.add(i);
    for (const i of removed) items.delete(i);
    for (const c of cycles) c.arcs.forEach((e, k) => (flow[e]! += c.dirs[k]!));
    gained += gain;
    return true;
  };
  const taken = new Set<number>();
  steps.forEach(({ cycle, gain }, k) => {
    if (gained >= low || gained + gain > high) return;
    if (tryStep(cycle, gain)) taken.add(k);
  });
  // Steps refused on their own (a cycle moving the mean difficulty past its window) may pass in pairs.
  for (let x = 0; x < steps.length && gained < low; x++) {
    if (taken.has(x)) continue;
    for (let y = x + 1; y < steps.length && !taken.has(x); y++) {
      if (taken.has(y)) continue;
      const gain = steps[x]!.gain + steps[y]!.gain;
      if (gained + gain > high) continue;
      if (tryStep([steps[x]!.cycle, steps[y]!.cycle], gain)) {
        taken.add(x);
        taken.add(y);
      }
    }
  }
  const done = () => ({ chosen: [...items].sort((x, y) => x - y), items: flow });
  if (gained >= low && gained <= high) return { landed: true, ...done() };
  // Taken one by one the cycles skipped over the window: look for a subset of the rest that lands in it exactly.
  const rest = steps.filter((_, k) => !taken.has(k));
  const picked = subsetSum(rest, low - gained, high - gained);
  if (picked !== null) {
    const after = new Set(items);
    const final = flow.slice();
    for (const cycle of picked)
      cycle.arcs.forEach((e, k) => {
        final[e]! += cycle.dirs[k]!;
        const i = ig.itemOf[e]!;
        if (i !== -1) cycle.dirs[k] === 1 ? after.add(i) : after.delete(i);
      });
    if (keeps(guard, after)) return { landed: true, chosen: [...after].sort((x, y) => x - y), items: final };
  }
  // Cross the window with the smallest step that overshoots it, to walk back from the other side.
  const over = rest.filter((s) => gained + s.gain > high).sort((x, y) => x.gain - y.gain);
  for (const { cycle, gain } of over) if (tryStep(cycle, gain)) return { landed: false, ...done() };
  return null;
}

/** Whether a set of items keeps the overlap cap, the enemy groups spanning areas and the kept windows. */
function keeps(guard: Guard, items: ReadonlySet<number>): boolean {
  const { model, context, keep } = guard;
  const shared = new Map<number, number>();
  for (const i of items) for (const f of context.formsOf[i] ?? []) shared.set(f, (shared.get(f) ?? 0) + 1);
  if ([...shared.values()].some((n) => n + model.pins.length > model.overlapCap)) return false;
  if (model.groups.some((members) => members.filter((i) => items.has(i)).length > 1)) return false;
  return keep.every((w) => {
    let s = 0;
    for (const i of items) s += w.value[i]!;
    return s >= w.lo && s <= w.hi;
  });
}

/** States a subset-sum may hold before giving up (distinct calibrated values make every sum distinct). */
const SUBSET_STATES = 20_000;

/** A subset of the steps whose gains add up to a value in [low, high], by sparse reachability; null if none. */
function subsetSum(
  steps: readonly { cycle: UnitCycle; gain: number }[],
  low: number,
  high: number,
): UnitCycle[] | null {
  const from = new Map<number, { prev: number; step: number }>([[0, { prev: 0, step: -1 }]]);
  for (let k = 0; k < steps.length; k++) {
    const gain = steps[k]!.gain;
    for (const sum of [...from.keys()]) {
      const next = sum + gain;
      if (next > high || from.has(next)) continue;
      from.set(next, { prev: sum, step: k });
      if (next >= low) {
        const picked: UnitCycle[] = [];
        for (let at = next; at !== 0; ) {
          const { prev, step } = from.get(at)!;
          picked.push(steps[step]!.cycle);
          at = prev;
        }
        return picked;
      }
    }
    if (from.size > SUBSET_STATES) return null;
  }
  return null;
}
