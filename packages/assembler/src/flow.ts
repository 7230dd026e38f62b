/**
 * Min-cost flow on small networks with convex arc costs. The assembler's networks have a few dozen to a few
 * hundred nodes and at most a few hundred units of flow, so successive shortest paths with a queue-based
 * Bellman–Ford (SPFA) is fast, exact and — since every loop runs in arc-insertion order over integers —
 * deterministic on every machine.
 */

/** The k-th unit (from 1) through an arc costs `base + slope × (k − 1)`: slope ≥ 0 keeps costs convex. */
export interface ArcCosts {
  readonly base: ArrayLike<number>;
  readonly slope: ArrayLike<number>;
  /**
   * Per arc, optionally, an added cost for each unit in turn (the k-th unit costs `unit[a][k − 1]` more), which
   * must not decrease with k (convex): an arc standing for items ranked by value, best first.
   */
  readonly unit?: readonly (ArrayLike<number> | undefined)[];
}

export class Graph {
  nodes = 0;
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly cap: number[] = [];

  addNode(): number {
    return this.nodes++;
  }

  addArc(from: number, to: number, cap: number): number {
    this.from.push(from);
    this.to.push(to);
    this.cap.push(cap);
    return this.from.length - 1;
  }

  get arcs(): number {
    return this.from.length;
  }
}

/**
 * Residual adjacency: for each node, the arcs leaving it (encoded 2a) and the arcs entering it (2a + 1, used
 * backwards).
 */
function adjacency(g: Graph): { start: Int32Array; moves: Int32Array } {
  const degree = new Int32Array(g.nodes + 1);
  for (let a = 0; a < g.arcs; a++) {
    degree[(g.from[a] as number) + 1]!++;
    degree[(g.to[a] as number) + 1]!++;
  }
  for (let v = 0; v < g.nodes; v++) degree[v + 1]! += degree[v]!;
  const start = degree.slice();
  const fill = degree.slice();
  const moves = new Int32Array(2 * g.arcs);
  for (let a = 0; a < g.arcs; a++) {
    moves[fill[g.from[a] as number]!++] = 2 * a;
    moves[fill[g.to[a] as number]!++] = 2 * a + 1;
  }
  return { start, moves };
}

export interface FlowResult {
  readonly value: number;
  readonly flow: Int32Array;
}

/**
 * Sends up to `limit` units from s to t at minimum total cost (successive shortest paths; the residual
 * network never has a negative cycle because every network here starts as a DAG with zero flow).
 */
export function minCostFlow(g: Graph, s: number, t: number, limit: number, costs: ArcCosts): FlowResult {
  const { start, moves } = adjacency(g);
  const flow = new Int32Array(g.arcs);
  const dist = new Float64Array(g.nodes);
  const via = new Int32Array(g.nodes);
  const queued = new Uint8Array(g.nodes);
  const relaxed = new Int32Array(g.nodes);
  const queue = new Int32Array(g.nodes + 1);
  const { base, slope } = costs;
  const unit = costs.unit;
  let value = 0;
  while (value < limit) {
    dist.fill(Infinity);
    via.fill(-1);
    relaxed.fill(0);
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    queued[s] = 1;
    while (head !== tail) {
      const u = queue[head]!;
      head = head === g.nodes ? 0 : head + 1;
      queued[u] = 0;
      const du = dist[u]!;
      for (let m = start[u]!; m < start[u + 1]!; m++) {
        const move = moves[m]!;
        const a = move >> 1;
        let v: number;
        let cost: number;
        if ((move & 1) === 0) {
          if (flow[a]! >= g.cap[a]!) continue;
          v = g.to[a]!;
          cost = base[a]! + slope[a]! * flow[a]!;
          if (unit !== undefined) cost += unit[a]?.[flow[a]!] ?? 0;
        } else {
          if (flow[a]! <= 0) continue;
          v = g.from[a]!;
          cost = -(base[a]! + slope[a]! * (flow[a]! - 1));
          if (unit !== undefined) cost -= unit[a]?.[flow[a]! - 1] ?? 0;
        }
        const dv = du + cost;
        if (dv < dist[v]!) {
          dist[v] = dv;
          via[v] = move;
          if (queued[v] === 0) {
            if (++relaxed[v]! > g.nodes) throw new Error('minCostFlow: negative cycle in the residual network');
            queued[v] = 1;
            queue[tail] = v;
            tail = tail === g.nodes ? 0 : tail + 1;
          }
        }
      }
    }
    if (via[t] === -1) break;
    // Augment by the bottleneck, or by one unit where a convex arc's next unit would cost more.
    let amount = limit - value;
    for (let v = t; v !== s; ) {
      const move = via[v]!;
      const a = move >> 1;
      if ((move & 1) === 0) {
        amount = Math.min(amount, g.cap[a]! - flow[a]!);
        if (slope[a]! !== 0 || unit?.[a] !== undefined) amount = Math.min(amount, 1);
        v = g.from[a]!;
      } else {
        amount = Math.min(amount, flow[a]!);
        if (slope[a]! !== 0 || unit?.[a] !== undefined) amount = Math.min(amount, 1);
        v = g.to[a]!;
      }
    }
    for (let v = t; v !== s; ) {
      const move = via[v]!;
      const a = move >> 1;
      if ((move & 1) === 0) {
        flow[a]! += amount;
        v = g.from[a]!;
      } else {
        flow[a]! -= amount;
        v = g.to[a]!;
      }
    }
    value += amount;
  }
  return { value, flow };
}

/** Nodes reachable from s in the residual network: the source side of a minimum cut when the flow is maximum. */
export function residualReach(g: Graph, flow: Int32Array, s: number): Uint8Array {
  const { start, moves } = adjacency(g);
  const seen = new Uint8Array(g.nodes);
  const stack = [s];
  seen[s] = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let m = start[u]!; m < start[u + 1]!; m++) {
      const move = moves[m]!;
      const a = move >> 1;
      const forward = (move & 1) === 0;
      if (forward ? flow[a]! >= g.cap[a]! : flow[a]! <= 0) continue;
      const v = forward ? g.to[a]! : g.from[a]!;
      if (seen[v] === 0) {
        seen[v] = 1;
        stack.push(v);
      }
    }
  }
  return seen;
}

/** One unit of flow around a cycle: each arc moved by +1 (forward) or −1 (backward). */
export interface UnitCycle {
  readonly arcs: readonly number[];
  readonly dirs: readonly (1 | -1)[];
}

/**
 * Decomposes the circulation `to − from` (two flows with the same supplies and demands) into unit cycles.
 * Every cycle moves each arc towards `to`, so `from` plus ANY subset of the cycles is a feasible flow.
 */
export function unitCycles(g: Graph, from: Int32Array, to: Int32Array): UnitCycle[] {
  const left = new Int32Array(g.arcs);
  const out: number[][] = Array.from({ length: g.nodes }, () => []);
  for (let a = 0; a < g.arcs; a++) {
    const d = to[a]! - from[a]!;
    if (d === 0) continue;
    left[a] = Math.abs(d);
    out[d > 0 ? g.from[a]! : g.to[a]!]!.push(d > 0 ? 2 * a : 2 * a + 1);
  }
  const cursor = new Int32Array(g.nodes);
  const nextMove = (u: number): number => {
    const list = out[u]!;
    while (cursor[u]! < list.length && left[list[cursor[u]!]! >> 1] === 0) cursor[u]!++;
    return cursor[u]! < list.length ? list[cursor[u]!]! : -1;
  };
  const cycles: UnitCycle[] = [];
  const position = new Int32Array(g.nodes).fill(-1);
  for (let root = 0; root < g.nodes; root++) {
    const pathNodes: number[] = [];
    const pathMoves: number[] = [];
    let u = root;
    while (true) {
      if (pathNodes.length === 0) {
        if (nextMove(root) === -1) break;
        u = root;
        position[u] = 0;
        pathNodes.push(u);
      }
      const move = nextMove(u);
      if (move === -1) throw new Error('unitCycles: the difference is not a circulation');
      const a = move >> 1;
      const v = (move & 1) === 0 ? g.to[a]! : g.from[a]!;
      pathMoves.push(move);
      if (position[v]! >= 0) {
        const at = position[v]!;
        const moves = pathMoves.slice(at);
        for (const m of moves) left[m >> 1]!--;
        cycles.push({ arcs: moves.map((m) => m >> 1), dirs: moves.map((m) => ((m & 1) === 0 ? 1 : -1)) });
        for (const w of pathNodes.splice(at + 1)) position[w] = -1;
        pathMoves.length = at;
        u = v;
        if (at === 0 && nextMove(v) === -1) {
          position[v] = -1;
          pathNodes.length = 0;
        }
      } else {
        position[v] = pathNodes.length;
        pathNodes.push(v);
        u = v;
      }
    }
  }
  return cycles;
}
