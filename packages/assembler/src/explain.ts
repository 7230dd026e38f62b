import { recordedInformation, recordedScore, SCORE_STEP } from './cut.ts';
import { Graph, minCostFlow, residualReach } from './flow.ts';
import { cellLabel, shortfallProblem, type AssemblyProblem, type CellShortfall, type ProblemCell } from './errors.ts';
import { cellIndex, type Model } from './model.ts';
import type { Network } from './network.ts';

type Pick = (area: number, section: number, difficulty: number) => boolean;

/**
 * What a set of cells can give in this network: its free items plus one per enemy group with members there,
 * and why the others are missing (summed per-cell reasons).
 */
function capacityOver(model: Model, net: Network, need: number, pick: Pick): CellShortfall {
  let free = 0;
  let inEnemyGroups = 0;
  const groups = new Set<number>();
  for (let a = 0; a < net.graph.arcs; a++) {
    const members = net.members[a]!;
    if (members.length === 0 || !pick(net.arcArea[a]!, net.arcSection[a]!, net.arcDifficulty[a]!)) continue;
    const group = net.arcGroup[a]!;
    if (group >= 0) {
      groups.add(group);
      inEnemyGroups += members.length;
    } else {
      free += members.length;
      for (const i of members) if (net.crossGroup[i] !== -1) inEnemyGroups++;
    }
  }
  const cells: number[] = [];
  for (let a = 0; a < model.areas.length; a++)
    for (let s = 0; s < model.blueprint.sections.length; s++)
      for (let d = 1; d <= 5; d++) if (pick(a, s, d)) cells.push(cellIndex(model, a, s, d));
  const sum = (xs: ArrayLike<number>): number => cells.reduce((total, c) => total + (xs[c] ?? 0), 0);
  return {
    need,
    usable: free + groups.size,
    approved: sum(model.counts.approved),
    excludedRecent: sum(model.counts.excludedRecent),
    excludedUses: sum(model.counts.excludedUses),
    ...(sum(model.counts.excludedRate) > 0 ? { excludedRate: sum(model.counts.excludedRate) } : {}),
    excludedEnemies: sum(model.counts.excludedEnemies) + sum(net.dropped),
    inEnemyGroups,
    inEarlierForms: sum(net.reused),
  };
}

/**
 * Every reason the network cannot carry the paper. First the marginals — an area, a section or a difficulty
 * band needing more items than the bank can give at all. When each marginal could be met on its own, the
 * conflict lies in how they cross: a minimum-cost flow in which every area may also draw "missing" items at
 * a cost finds the fewest items to add and exactly where (area × type × difficulty), and the minimum cut of
 * the real network names the areas whose needs cannot all be placed together.
 */
export function explainInfeasible(model: Model, net: Network, flow: Int32Array, value: number): AssemblyProblem[] {
  const { blueprint } = model;
  const wanted = (s: number, d: number): boolean => {
    const bands = model.bandNeed[s];
    return bands === null || bands === undefined ? (model.typeNeed[s] ?? 0) > 0 : (bands[d - 1] ?? 0) > 0;
  };
  const active = (a: number): boolean => (model.areaNeed[a] ?? 0) > 0;
  const problems: AssemblyProblem[] = [];
  const marginal = (code: string, cell: ProblemCell, need: number, pick: Pick): void => {
    if (need <= 0) return;
    const shortfall = capacityOver(model, net, need, pick);
    if (shortfall.usable < need) problems.push(shortfallProblem(code, cell, shortfall));
  };
  model.areas.forEach((area, a) =>
    marginal('assembly_area_short', { area: area.code }, model.areaNeed[a] ?? 0, (x, s, d) => x === a && wanted(s, d)),
  );
  blueprint.sections.forEach((section, s) => {
    marginal(
      'assembly_section_short',
      { type: section.type },
      model.typeNeed[s] ?? 0,
      (x, y, d) => y === s && active(x) && wanted(y, d),
    );
    model.bandNeed[s]?.forEach((need, i) =>
      marginal(
        'assembly_band_short',
        { type: section.type, difficulty: i + 1 },
        need,
        (x, y, d) => y === s && d === i + 1 && active(x),
      ),
    );
  });
  if (problems.length > 0) return problems;
  return [...crossingShortfalls(model, net), cutProblem(model, net, flow, value)];
}

/** The fewest missing items, and the cells they are missing from. */
function crossingShortfalls(model: Model, net: Network): AssemblyProblem[] {
  const g = new Graph();
  g.nodes = net.graph.nodes;
  for (let a = 0; a < net.graph.arcs; a++) g.addArc(net.graph.from[a]!, net.graph.to[a]!, net.graph.cap[a]!);
  const virtual: { arc: number; area: number; section: number; difficulty: number | undefined }[] = [];
  model.areas.forEach((_, area) => {
    if ((model.areaNeed[area] ?? 0) === 0) return;
    model.blueprint.sections.forEach((_, section) => {
      const bands = model.bandNeed[section];
      if (bands === null || bands === undefined) {
        if ((model.typeNeed[section] ?? 0) > 0)
          virtual.push({
            arc: g.addArc(net.areaNode[area]!, net.sectionNode[section]!, net.need),
            area,
            section,
            difficulty: undefined,
          });
        return;
      }
      bands.forEach((need, i) => {
        if (need > 0)
          virtual.push({
            arc: g.addArc(net.areaNode[area]!, net.cellNode[section]![i]!, net.need),
            area,
            section,
            difficulty: i + 1,
          });
      });
    });
  });
  const base = new Float64Array(g.arcs);
  for (const v of virtual) base[v.arc] = 1;
  const { flow } = minCostFlow(g, net.source, net.sink, net.need, { base, slope: new Float64Array(g.arcs) });
  const problems: AssemblyProblem[] = [];
  for (const v of virtual) {
    const missing = flow[v.arc]!;
    if (missing === 0) continue;
    const ds = v.difficulty === undefined ? [1, 2, 3, 4, 5] : [v.difficulty];
    const here: Pick = (a, s, d) => a === v.area && s === v.section && ds.includes(d);
    let placed = 0;
    for (let a = 0; a < net.graph.arcs; a++)
      if (net.members[a]!.length > 0 && here(net.arcArea[a]!, net.arcSection[a]!, net.arcDifficulty[a]!))
        placed += flow[a]!;
    const shortfall = capacityOver(model, net, placed + missing, here);
    const cell: ProblemCell = {
      area: model.areas[v.area]!.code,
      type: model.blueprint.sections[v.section]!.type,
      ...(v.difficulty === undefined ? {} : { difficulty: v.difficulty }),
    };
    problems.push(shortfallProblem('assembly_cell_short', cell, shortfall));
  }
  return problems;
}

/** The minimum cut: areas whose needs cannot all be placed, and the limits that stop them. */
function cutProblem(model: Model, net: Network, flow: Int32Array, value: number): AssemblyProblem {
  const reach = residualReach(net.graph, flow, net.source);
  const areas = model.areas.filter((_, a) => reach[net.areaNode[a]!] === 1);
  const needed = model.areas.reduce((s, _, a) => s + (reach[net.areaNode[a]!] === 1 ? (model.areaNeed[a] ?? 0) : 0), 0);
  const most = needed - (net.need - value);
  const limitsZh: string[] = [];
  const limitsEn: string[] = [];
  for (let a = 0; a < net.graph.arcs; a++) {
    if (reach[net.graph.from[a]!] !== 1 || reach[net.graph.to[a]!] === 1 || net.graph.from[a] === net.source) continue;
    const section = model.blueprint.sections[net.arcSection[a]!];
    if (net.members[a]!.length > 0) continue; // bank limits are listed cell by cell above
    if (section === undefined) continue;
    const d = net.arcDifficulty[a]!;
    const label = cellLabel({ type: section.type, ...(d > 0 ? { difficulty: d } : {}) });
    limitsZh.push(`${label.zh} 共 ${net.graph.cap[a]} 题`);
    limitsEn.push(`${label.en}: ${net.graph.cap[a]} items`);
  }
  const names = areas.map((a) => a.code).join('、');
  const shownZh = limitsZh.length > 0 ? `（${limitsZh.join('，')}）` : '';
  const shownEn = limitsEn.length > 0 ? ` (${limitsEn.join(', ')})` : '';
  const one = areas.length === 1;
  const codes = areas.map((a) => a.code).join(', ');
  const needs = `${one ? 'area' : 'areas'} ${codes} ${one ? 'needs' : 'need'} ${needed} items${one ? '' : ' together'}`;
  return {
    code: 'assembly_conflict',
    zh: `范围 ${names} 共需 ${needed} 题，但在题型与难度要求${shownZh}和可用题目的限制下最多只能选出 ${most} 题`,
    en: `${needs}, but the type and difficulty requirements${shownEn} and the usable items allow at most ${most}`,
  };
}

/** The paper-wide mean difficulty cannot reach the blueprint's window. */
export function meanProblem(model: Model, least: number, most: number, gap: boolean): AssemblyProblem {
  const total = Math.round(model.blueprint.totalScore * 100);
  const pinned = model.pins.reduce((s, p) => s + (model.weights[p.section] ?? 0) * p.difficulty, 0);
  const mean = (x: number): string => ((x + pinned) / total).toFixed(3);
  const target = model.blueprint.meanDifficulty!;
  const want = `${target.target} ± ${target.tolerance}`;
  const low = mean(least);
  const high = mean(most);
  return gap
    ? {
        code: 'assembly_mean_gap',
        zh: `没有题目组合的平均难度恰好落在 ${want} 之内（可达范围 ${low}–${high}），请放宽允许偏差`,
        en:
          `no combination of items has a mean difficulty within ${want} (reachable ${low}–${high}); ` +
          'widen the tolerance',
        cell: {},
      }
    : {
        code: 'assembly_mean_unreachable',
        zh: `平均难度要求为 ${want}，但满足其他要求的试卷平均难度只能在 ${low} 到 ${high} 之间`,
        en:
          `the mean difficulty must be ${want}, ` +
          `but papers meeting the other requirements range from ${low} to ${high}`,
        cell: {},
      };
}

/**
 * A window at the cut cannot be met: names the window and the range papers meeting the counts can reach
 * (sums in millionths over the non-pinned items; the pinned items' share is added back).
 */
export function cutWindowProblem(
  model: Model,
  name: 'score' | 'information',
  least: number,
  most: number,
  gap: boolean,
  equating?: { readonly lo: number; readonly hi: number },
): AssemblyProblem {
  const cut = model.atCut!;
  const ability = model.blueprint.cut!.ability;
  const isScore = name === 'score';
  const pinned = isScore ? cut.pinnedScore : cut.pinnedInformation;
  const shown = (units: number): string =>
    isScore ? recordedScore(units + pinned).toFixed(2) : recordedInformation(units + pinned).toFixed(3);
  const set = isScore ? model.blueprint.cut?.expectedScore : model.blueprint.cut?.information;
  // The window the form had to meet: the blueprint's, narrowed by the forms it is equated with.
  const windowZh: string[] = [];
  const windowEn: string[] = [];
  if (set !== undefined) {
    windowZh.push(`组卷方案要求 ${set.min}–${set.max}`);
    windowEn.push(`the blueprint asks for ${set.min}–${set.max}`);
  }
  if (equating !== undefined) {
    const lo = recordedScore(equating.lo + pinned + SCORE_STEP / 2).toFixed(2);
    const hi = recordedScore(equating.hi + pinned - SCORE_STEP / 2 + 1).toFixed(2);
    windowZh.push(`与其他套试卷等值要求 ${lo}–${hi}`);
    windowEn.push(`equating with the other forms asks for ${lo}–${hi}`);
  }
  const whatZh = isScore ? `合格线（能力值 ${ability}）处的期望得分` : `合格线（能力值 ${ability}）处的测验信息量`;
  const whatEn = isScore
    ? `the expected score at the cut (ability ${ability})`
    : `the test information at the cut (ability ${ability})`;
  const range = `${shown(least)}–${shown(most)}`;
  return gap
    ? {
        code: isScore ? 'assembly_cut_score_gap' : 'assembly_cut_information_gap',
        zh: `没有找到${whatZh}落在要求范围内的试卷（${windowZh.join('，')}；满足其他要求的试卷可达 ${range}），请放宽范围`,
        en: `no paper was found with ${whatEn} in its window (${windowEn.join('; ')}; papers meeting the other requirements reach ${range}); widen the window`,
        cell: {},
      }
    : {
        code: isScore ? 'assembly_cut_score_unreachable' : 'assembly_cut_information_unreachable',
        zh: `${whatZh}要求不能满足（${windowZh.join('，')}），满足其他要求的试卷只能在 ${range} 之间`,
        en: `${whatEn} cannot meet its window (${windowEn.join('; ')}): papers meeting the other requirements range from ${range}`,
        cell: {},
      };
}
