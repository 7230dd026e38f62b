import { Graph } from './flow.ts';
import { cellIndex, type Model } from './model.ts';
import { rng } from './rng.ts';

/**
 * The flow network of one form. Areas supply their item counts; each area sends items to (section,
 * difficulty) cells over arcs whose capacity is the number of usable items there; cells feed their section,
 * and sections drain into the sink:
 *
 *   source ─A[a]→ area ─items→ cell(s,d) ─band[s][d] (or free)→ section s ─T[s]→ sink
 *                  └─1→ enemy group ─members→ cell(s,d)
 *
 * Its LP relaxation is integral, so an integral max flow of value n is exactly a feasible choice of cell
 * counts. An enemy group whose members all lie in one area becomes a node with capacity 1 — still a network.
 * Only groups spanning areas are not (the search in `search.ts` branches on them), and the difficulty mean
 * (a side constraint, handled in `mean.ts`).
 */
export interface Network {
  readonly graph: Graph;
  readonly source: number;
  readonly sink: number;
  /** Items to place: n minus the pinned items. */
  readonly need: number;
  readonly areaNode: readonly number[];
  /** Per section, per difficulty 1–5 (index d − 1). */
  readonly cellNode: readonly (readonly number[])[];
  readonly sectionNode: readonly number[];
  /** Per arc: usable items it stands for (item arcs and group-member arcs); empty for the others. */
  readonly members: readonly (readonly number[])[];
  /** Per arc: the group node's group for group arcs, else −1. */
  readonly arcGroup: Int32Array;
  /** Per arc: area, section, difficulty of the cell it leads into (−1 where not applicable). */
  readonly arcArea: Int32Array;
  readonly arcSection: Int32Array;
  readonly arcDifficulty: Int32Array;
  /** Per arc: how many earlier forms contain its items (0: fresh). */
  readonly arcLevel: Int32Array;
  /** Per arc: in how many of the last K batches its items appeared (`Model.seen`; 0 without an exposure window). */
  readonly arcExposure: Int32Array;
  /** Per arc: points (hundredths) × difficulty of one unit, on cell → section arcs; 0 elsewhere. */
  readonly difficultyCost: Float64Array;
  /** Arcs S → area, cell → section (band) and section → T, by index. */
  readonly areaArcs: readonly number[];
  readonly bandArcs: readonly (readonly number[])[];
  readonly sectionArcs: readonly number[];
  /** Per usable item: its enemy group when that group spans areas and is not fixed in this branch, else −1. */
  readonly crossGroup: Int32Array;
  /** Per cell: usable items left out because their group was fixed to another area in this branch. */
  readonly dropped: Int32Array;
  /** Per cell: usable items left out because an earlier form has them (`freshOnly`). */
  readonly reused: Int32Array;
  /** Min-cost costs that spread each area's items like the paper as a whole, perturbed by the seed. */
  readonly spread: { readonly base: Float64Array; readonly slope: Float64Array };
  /** Per arc: reuse penalty large enough to dominate any change of spread cost around a cycle. */
  readonly reusePenalty: number;
}

export interface FormContext {
  readonly seed: string;
  readonly form: string;
  /** Per usable item: the earlier forms (indexes) that contain it. */
  readonly formsOf: readonly (readonly number[])[];
  /** Enemy groups spanning areas that this search branch confines to one area: group → area. */
  readonly fixed: ReadonlyMap<number, number>;
  /** Leave out every item of an earlier form (to explain where fresh items run short). */
  readonly freshOnly?: boolean;
}

const SPREAD = 10;
const NOISE = 40;

export function buildNetwork(model: Model, context: FormContext): Network {
  const { blueprint, usable, groups } = model;
  const sections = blueprint.sections.length;
  const g = new Graph();
  const source = g.addNode();
  const sink = g.addNode();
  const areaNode = model.areas.map(() => g.addNode());
  const cellNode = Array.from({ length: sections }, () => [1, 2, 3, 4, 5].map(() => g.addNode()));
  const sectionNode = blueprint.sections.map(() => g.addNode());
  const need = model.areaNeed.reduce((sum, x) => sum + x, 0);

  // Which usable items stand alone, which go through a group node, which are dropped in this branch.
  const groupOfItem = new Int32Array(usable.length).fill(-1);
  const crossGroup = new Int32Array(usable.length).fill(-1);
  const dropped = new Int32Array(model.areas.length * sections * 5);
  const reused = new Int32Array(model.areas.length * sections * 5);
  if (context.freshOnly === true)
    usable.forEach((c, i) => {
      if ((context.formsOf[i]?.length ?? 0) > 0) reused[cellIndex(model, c.area, c.section, c.difficulty)]!++;
    });
  const excludedHere = (i: number): boolean => context.freshOnly === true && (context.formsOf[i]?.length ?? 0) > 0;
  const groupMembers: { group: number; area: number; members: number[] }[] = [];
  groups.forEach((all, group) => {
    const members = all.filter((i) => !excludedHere(i));
    for (const i of all) if (excludedHere(i)) groupOfItem[i] = -2;
    if (members.length < 2) return;
    const areas = new Set(members.map((i) => usable[i]!.area));
    const fixedArea = context.fixed.get(group);
    if (areas.size > 1 && fixedArea === undefined) {
      for (const i of members) crossGroup[i] = group;
      return;
    }
    const area = fixedArea ?? usable[members[0]!]!.area;
    const kept = members.filter((i) => usable[i]!.area === area);
    for (const i of members)
      if (usable[i]!.area !== area) {
        groupOfItem[i] = -2;
        const c = usable[i]!;
        dropped[cellIndex(model, c.area, c.section, c.difficulty)]!++;
      }
    if (kept.length >= 2) {
      for (const i of kept) groupOfItem[i] = group;
      groupMembers.push({ group, area, members: kept });
    }
  });

  // Spread target: area a's share of cell (s,d) as in the paper overall (band counts, or the bank's mix).
  const available = Array.from({ length: sections }, () => [0, 0, 0, 0, 0]);
  for (const c of usable) available[c.section]![c.difficulty - 1]!++;
  const share = (s: number, d: number): number => {
    if (need === 0) return 0;
    const bands = model.bandNeed[s];
    if (bands !== null && bands !== undefined) return (bands[d - 1] ?? 0) / need;
    const ofSection = available[s]!.reduce((sum, x) => sum + x, 0);
    return ofSection === 0 ? 0 : ((model.typeNeed[s] ?? 0) / need) * ((available[s]![d - 1] ?? 0) / ofSection);
  };
  const noise = rng(context.seed, context.form, 'network');

  const members: (readonly number[])[] = [];
  const arcGroup: number[] = [];
  const arcArea: number[] = [];
  const arcSection: number[] = [];
  const arcDifficulty: number[] = [];
  const arcLevel: number[] = [];
  const arcExposure: number[] = [];
  const base: number[] = [];
  const slope: number[] = [];
  const diffCost: number[] = [];
  const arc = (
    from: number,
    to: number,
    cap: number,
    o: {
      members?: readonly number[];
      group?: number;
      area?: number;
      section?: number;
      difficulty?: number;
      level?: number;
      exposure?: number;
      base?: number;
      slope?: number;
      diff?: number;
    },
  ): number => {
    const a = g.addArc(from, to, cap);
    members.push(o.members ?? []);
    arcGroup.push(o.group ?? -1);
    arcArea.push(o.area ?? -1);
    arcSection.push(o.section ?? -1);
    arcDifficulty.push(o.difficulty ?? -1);
    arcLevel.push(o.level ?? 0);
    arcExposure.push(o.exposure ?? 0);
    base.push(o.base ?? 0);
    slope.push(o.slope ?? 0);
    diffCost.push(o.diff ?? 0);
    return a;
  };

  const areaArcs = model.areas.map((_, a) => arc(source, areaNode[a]!, model.areaNeed[a]!, {}));
  // Free items, bucketed by area × section × difficulty × reuse level × exposure level, each bucket in code order.
  const buckets = new Map<number, number[]>();
  const maxLevel = context.formsOf.reduce((m, f) => Math.max(m, f.length), 0);
  const window = model.exposureWindow;
  const bucketKey = (cell: number, level: number, exposure: number): number =>
    (cell * (maxLevel + 1) + level) * (window + 1) + exposure;
  usable.forEach((c, i) => {
    if (groupOfItem[i] !== -1 || excludedHere(i)) return;
    const key = bucketKey(
      cellIndex(model, c.area, c.section, c.difficulty),
      context.formsOf[i]?.length ?? 0,
      model.seen[i] ?? 0,
    );
    const list = buckets.get(key);
    if (list === undefined) buckets.set(key, [i]);
    else list.push(i);
  });
  const spreadBase = (a: number, s: number, d: number): number =>
    Math.round(SPREAD * (1 - 2 * (model.areaNeed[a] ?? 0) * share(s, d)));
  for (let a = 0; a < model.areas.length; a++)
    for (let s = 0; s < sections; s++)
      for (let d = 1; d <= 5; d++)
        for (let level = 0; level <= maxLevel; level++)
          for (let exposure = 0; exposure <= window; exposure++) {
            const list = buckets.get(bucketKey(cellIndex(model, a, s, d), level, exposure));
            if (list === undefined || model.areaNeed[a] === 0) continue;
            arc(areaNode[a]!, cellNode[s]![d - 1]!, list.length, {
              members: list,
              area: a,
              section: s,
              difficulty: d,
              level,
              exposure,
              base: spreadBase(a, s, d) + noise.below(NOISE),
              slope: 2 * SPREAD,
            });
          }
  for (const { group, area, members: kept } of groupMembers) {
    if (model.areaNeed[area] === 0) continue;
    const node = g.addNode();
    arc(areaNode[area]!, node, 1, { group });
    const byCell = new Map<number, number[]>();
    for (const i of kept) {
      const c = usable[i]!;
      const key = bucketKey(
        cellIndex(model, c.area, c.section, c.difficulty),
        context.formsOf[i]?.length ?? 0,
        model.seen[i] ?? 0,
      );
      const list = byCell.get(key);
      if (list === undefined) byCell.set(key, [i]);
      else list.push(i);
    }
    for (const key of [...byCell.keys()].sort((x, y) => x - y)) {
      const list = byCell.get(key)!;
      const c = usable[list[0]!]!;
      const level = context.formsOf[list[0]!]?.length ?? 0;
      arc(node, cellNode[c.section]![c.difficulty - 1]!, list.length, {
        members: list,
        group,
        area,
        section: c.section,
        difficulty: c.difficulty,
        level,
        exposure: model.seen[list[0]!] ?? 0,
        base: spreadBase(area, c.section, c.difficulty) + noise.below(NOISE),
      });
    }
  }
  const bandArcs = blueprint.sections.map((_, s) =>
    [1, 2, 3, 4, 5].map((d) => {
      const bands = model.bandNeed[s];
      const cap = bands === null || bands === undefined ? (model.typeNeed[s] ?? 0) : (bands[d - 1] ?? 0);
      return arc(cellNode[s]![d - 1]!, sectionNode[s]!, cap, {
        section: s,
        difficulty: d,
        diff: (model.weights[s] ?? 0) * d,
      });
    }),
  );
  const sectionArcs = blueprint.sections.map((_, s) => arc(sectionNode[s]!, sink, model.typeNeed[s]!, { section: s }));

  // The reuse penalty must outweigh any spread- and exposure-cost change around a cycle, and the exposure
  // penalty any spread-cost change, so the minimum-cost flow first minimises reuse of earlier forms' items, then
  // the items' appearances in the last K batches (least-used first), and only then spreads.
  const maxMarginal = base.reduce((m, b, a) => Math.max(m, Math.abs(b) + (slope[a] ?? 0) * need), 0);
  const { exposurePenalty, reusePenalty } = penalties(g.nodes, maxMarginal, window);
  for (let a = 0; a < base.length; a++)
    base[a]! += (arcLevel[a] ?? 0) * reusePenalty + (arcExposure[a] ?? 0) * exposurePenalty;

  return {
    graph: g,
    source,
    sink,
    need,
    areaNode,
    cellNode,
    sectionNode,
    members,
    arcGroup: Int32Array.from(arcGroup),
    arcArea: Int32Array.from(arcArea),
    arcSection: Int32Array.from(arcSection),
    arcDifficulty: Int32Array.from(arcDifficulty),
    arcLevel: Int32Array.from(arcLevel),
    arcExposure: Int32Array.from(arcExposure),
    difficultyCost: Float64Array.from(diffCost),
    areaArcs,
    bandArcs,
    sectionArcs,
    crossGroup,
    dropped,
    reused,
    spread: { base: Float64Array.from(base), slope: Float64Array.from(slope) },
    reusePenalty,
  };
}

/**
 * Lexicographic weights over a cost whose change around any cycle is below `nodes × maxMarginal`: one exposure
 * level outweighs every such change, one reuse level every change of both (a cycle has at most `nodes` arcs, each
 * of exposure level ≤ K). Without an exposure window the reuse penalty is what it always was.
 */
export function penalties(
  nodes: number,
  maxMarginal: number,
  window: number,
): { exposurePenalty: number; reusePenalty: number } {
  const exposurePenalty = window === 0 ? 0 : 2 * nodes * (maxMarginal + 1);
  return { exposurePenalty, reusePenalty: 2 * nodes * (maxMarginal + 1 + window * exposurePenalty) };
}
