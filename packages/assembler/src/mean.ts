import { minCostFlow, unitCycles, type UnitCycle } from './flow.ts';
import { penalties, type Network } from './network.ts';
import { shuffle, type Rng } from './rng.ts';

/** Σ points × difficulty of a flow (hundredths of points), over the non-pinned items. */
export const difficultySum = (net: Network, flow: Int32Array): number =>
  net.bandArcs.flat().reduce((sum, a) => sum + flow[a]! * net.difficultyCost[a]!, 0);

/**
 * The flow with the least (direction −1) or most (+1) difficulty among those reusing earlier forms' items
 * least, and among those the items of the last K batches least: reuse and exposure are penalised above any
 * possible change of difficulty, so both extremes share the minimum reuse and exposure, and so does every step of
 * the walk between them.
 */
export function extremeFlow(net: Network, direction: 1 | -1): Int32Array {
  const arcs = net.graph.arcs;
  const maxCost = net.difficultyCost.reduce((m, c) => Math.max(m, c), 0);
  const window = net.arcExposure.reduce((m, e) => Math.max(m, e), 0);
  const { exposurePenalty, reusePenalty } = penalties(net.graph.nodes, maxCost, window);
  const base = new Float64Array(arcs);
  for (let a = 0; a < arcs; a++)
    base[a] =
      -direction * net.difficultyCost[a]! + net.arcLevel[a]! * reusePenalty + net.arcExposure[a]! * exposurePenalty;
  return minCostFlow(net.graph, net.source, net.sink, net.need, { base, slope: new Float64Array(arcs) }).flow;
}

/**
 * On failure: the least and most difficulty sums any feasible paper can have; `gap` when the window lies between them
 * but no paper lands in it.
 */
export type MeanOutcome = { ok: true; flow: Int32Array } | { ok: false; least: number; most: number; gap: boolean };

const delta = (net: Network, c: UnitCycle): number =>
  c.arcs.reduce((sum, a, k) => sum + c.dirs[k]! * net.difficultyCost[a]!, 0);

/**
 * Moves the flow `start` until its difficulty sum lies in [lo, hi]. The difference between `start` and the
 * extreme flow in the needed direction splits into unit cycles that each move the sum the same way (the
 * extreme is optimal, so no cycle towards it can go back) and any subset of which keeps the flow feasible.
 * Taking them in seeded order steps through the range by at most one cycle's change (≤ 4 × the points of
 * one item per section), so any window at least that wide is met; narrower ones fall back to an exact
 * subset-sum over the cycles.
 */
export function meetMeanWindow(
  net: Network,
  start: Int32Array,
  window: { lo: number; hi: number },
  random: Rng,
): MeanOutcome {
  const now = difficultySum(net, start);
  if (window.lo > window.hi) return { ok: false, least: now, most: now, gap: true };
  if (now >= window.lo && now <= window.hi) return { ok: true, flow: start };
  const direction = now < window.lo ? 1 : -1;
  const extreme = extremeFlow(net, direction);
  const far = difficultySum(net, extreme);
  if ((direction === 1 && far < window.lo) || (direction === -1 && far > window.hi)) {
    const other = difficultySum(net, extremeFlow(net, direction === 1 ? -1 : 1));
    return { ok: false, least: Math.min(far, other), most: Math.max(far, other), gap: false };
  }
  // In the direction of travel every step is ≥ 0; the target range is [low, high] in that measure.
  const low = direction === 1 ? window.lo - now : now - window.hi;
  const high = direction === 1 ? window.hi - now : now - window.lo;
  const steps = unitCycles(net.graph, start, extreme)
    .map((cycle) => ({ cycle, gain: direction * delta(net, cycle) }))
    .filter((s) => s.gain > 0);
  shuffle(steps, random);
  const chosen: UnitCycle[] = [];
  let gained = 0;
  for (const step of steps) {
    if (gained >= low) break;
    chosen.push(step.cycle);
    gained += step.gain;
  }
  const picked = gained <= high ? chosen : subsetSum(steps, low, high);
  if (picked === null) {
    const other = difficultySum(net, extremeFlow(net, direction === 1 ? -1 : 1));
    return { ok: false, least: Math.min(far, other), most: Math.max(far, other), gap: true };
  }
  const flow = start.slice();
  for (const c of picked) c.arcs.forEach((a, k) => (flow[a]! += c.dirs[k]!));
  return { ok: true, flow };
}

/** Any subset of the steps whose gains add up to a value in [low, high] (0/1 knapsack reachability). */
function subsetSum(
  steps: readonly { cycle: UnitCycle; gain: number }[],
  low: number,
  high: number,
): UnitCycle[] | null {
  const by = new Int32Array(high + 1).fill(-1);
  by[0] = steps.length;
  steps.forEach((step, k) => {
    for (let sum = high - step.gain; sum >= 0; sum--)
      if (by[sum] !== -1 && by[sum + step.gain] === -1) by[sum + step.gain] = k;
  });
  for (let sum = low; sum <= high; sum++) {
    if (by[sum] === -1) continue;
    const picked: UnitCycle[] = [];
    for (let at = sum; at > 0; ) {
      const step = steps[by[at]!]!;
      picked.push(step.cycle);
      at -= step.gain;
    }
    return picked;
  }
  return null;
}
