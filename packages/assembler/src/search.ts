import type { AssemblyErrorCode, AssemblyProblem } from './errors.ts';
import { cutWindowProblem, explainInfeasible, meanProblem } from './explain.ts';
import { minCostFlow } from './flow.ts';
import { meetMeanWindow } from './mean.ts';
import type { Model } from './model.ts';
import { buildNetwork, type FormContext, type Network } from './network.ts';
import { rng, shuffle } from './rng.ts';
import { selectItems } from './select.ts';
import { meetValueWindow, valueRange, type ValueWindow } from './window.ts';

export type FormOutcome =
  | { ok: true; chosen: number[] }
  | { ok: false; code: AssemblyErrorCode; problems: AssemblyProblem[] };

/** Re-solves allowed while branching on enemy groups that span areas, before giving up. */
const SEARCH_LIMIT = 400;

/**
 * Assembles one form. Without enemy groups spanning areas, one min-cost flow decides it exactly. Such a group
 * is first left free (a relaxation: if even that has no paper, none exists); when the chosen counts force two
 * of its members in, the search branches on the one area the group may use — every paper uses at most one
 * member, so it lies in one of the branches — and re-solves. Depth-first, branches in seeded order.
 */
export function solveForm(
  model: Model,
  seed: string,
  form: string,
  formsOf: readonly (readonly number[])[],
  options: FormOptions = {},
): FormOutcome {
  const attemptTag = options.attempt === undefined || options.attempt === 0 ? [] : [`attempt ${options.attempt}`];
  const scoreWindow = meet(model.atCut?.scoreWindow ?? null, options.score ?? null);
  let solves = 0;
  const attempt = (fixed: ReadonlyMap<number, number>): FormOutcome | 'limit' => {
    if (++solves > SEARCH_LIMIT) return 'limit';
    const context: FormContext = { seed, form, formsOf, fixed };
    const net = buildNetwork(model, context);
    const solved = minCostFlow(net.graph, net.source, net.sink, net.need, net.spread);
    if (solved.value < net.need)
      return {
        ok: false,
        code: 'assembly_infeasible',
        problems: explainInfeasible(model, net, solved.flow, solved.value),
      };
    let flow = solved.flow;
    if (model.window !== null) {
      const mean = meetMeanWindow(net, flow, model.window, rng(seed, form, 'mean'));
      if (!mean.ok)
        return { ok: false, code: 'assembly_mean', problems: [meanProblem(model, mean.least, mean.most, mean.gap)] };
      flow = mean.flow;
    }
    const selection = selectItems(model, net, flow, context, rng(seed, form, 'select', ...attemptTag));
    if (selection.ok) return atTheCut(model, net, context, flow, selection.chosen, scoreWindow, options, attemptTag);
    if (selection.kind === 'overlap') return overlapFailure(model, context, flow, net, selection.form);
    const group = selection.group;
    const areas = shuffle(
      [...new Set(model.groups[group]!.map((i) => model.usable[i]!.area))].sort((a, b) => a - b),
      rng(seed, form, 'branch', String(group)),
    );
    let first: FormOutcome | undefined;
    for (const area of areas) {
      const outcome = attempt(new Map([...fixed, [group, area]]));
      if (outcome === 'limit' || outcome.ok) return outcome;
      first ??= outcome;
    }
    const members = model.groups[group]!.map((i) => model.usable[i]!.code).join('、');
    return {
      ok: false,
      code: 'assembly_enemies',
      problems: [
        {
          code: 'assembly_enemies',
          zh: `互斥题组（${members}）分属多个范围；无论该组的题目取自哪个范围，都无法满足其余要求`,
          en:
            `the enemy group (${members.replaceAll('、', ', ')}) spans areas; ` +
            'whichever area it is taken from, the other requirements cannot be met',
        },
        ...(first !== undefined && !first.ok ? first.problems : []),
      ],
    };
  };
  const outcome = attempt(new Map());
  if (outcome !== 'limit') return outcome;
  return {
    ok: false,
    code: 'assembly_search_limit',
    problems: [
      {
        code: 'assembly_search_limit',
        zh: `跨范围的互斥题组过多，搜索 ${SEARCH_LIMIT} 次仍未找到试卷；请减少跨范围的互斥题组`,
        en:
          `too many enemy groups span areas: no paper found within ${SEARCH_LIMIT} attempts; ` +
          'reduce enemy groups that span areas',
      },
    ],
  };
}

/**
 * The form needs more items of earlier forms than the overlap cap allows. Says how many it needs at least
 * (the flow minimised reuse) and, from a network of fresh items only, which cells run out of them.
 */
function overlapFailure(
  model: Model,
  context: FormContext,
  flow: Int32Array,
  net: Network,
  earlier: number,
): FormOutcome {
  let reuse = 0;
  for (let a = 0; a < net.graph.arcs; a++) reuse += flow[a]! * net.arcLevel[a]!;
  const other = String.fromCharCode(65 + earlier);
  const form = context.form;
  const fresh = buildNetwork(model, { ...context, freshOnly: true });
  const solved = minCostFlow(fresh.graph, fresh.source, fresh.sink, fresh.need, fresh.spread);
  const cells =
    solved.value < fresh.need
      ? explainInfeasible(model, fresh, solved.flow, solved.value).filter((p) => p.code !== 'assembly_conflict')
      : [];
  return {
    ok: false,
    code: 'assembly_overlap',
    problems: [
      {
        code: 'assembly_overlap',
        zh:
          `试卷 ${form} 与每套之前的试卷最多只能有 ${model.overlapCap} 道共同试题，但新题不足：` +
          `至少要重复使用之前试卷中的 ${reuse} 道题，无法全部分散（如与试卷 ${other}）`,
        en:
          `form ${form} may share at most ${model.overlapCap} items with each earlier form, ` +
          `but too few fresh items remain: it must reuse at least ${reuse} items of earlier forms, ` +
          `which cannot all be spread out (e.g. with form ${other})`,
      },
      ...cells,
    ],
  };
}

export interface FormOptions {
  /** A further window on the expected score at the cut (millionths of a point, non-pinned items): equating. */
  readonly score?: { readonly lo: number; readonly hi: number };
  /** Another try at the same form (0: the first): draws its items and walks its windows in another order. */
  readonly attempt?: number;
}

const meet = (
  a: { readonly lo: number; readonly hi: number } | null,
  b: { readonly lo: number; readonly hi: number } | null,
): { lo: number; hi: number } | null =>
  a === null ? b : b === null ? a : { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };

/**
 * The windows at the cut, expected score first, then information while the expected score (and the mean
 * difficulty) stay in theirs. Each is met exactly over the chosen items (`window.ts`) or explained.
 */
function atTheCut(
  model: Model,
  net: Network,
  context: FormContext,
  flow: Int32Array,
  chosen: number[],
  scoreWindow: { lo: number; hi: number } | null,
  options: FormOptions,
  attemptTag: readonly string[],
): FormOutcome {
  const cut = model.atCut;
  if (cut === null) return { ok: true, chosen };
  const keep: ValueWindow[] = [];
  if (model.window !== null) {
    const weighted = Float64Array.from(model.usable, (c) => (model.weights[c.section] ?? 0) * c.difficulty);
    keep.push({ value: weighted, ...model.window });
  }
  const windows: { name: 'score' | 'information'; window: ValueWindow }[] = [];
  if (scoreWindow !== null) windows.push({ name: 'score', window: { value: cut.score, ...scoreWindow } });
  if (cut.informationWindow !== null)
    windows.push({ name: 'information', window: { value: cut.information, ...cut.informationWindow } });
  let current = { flow, chosen };
  for (const { name, window } of windows) {
    const met = meetValueWindow(
      { model, net, context, keep },
      current.flow,
      current.chosen,
      window,
      rng(context.seed, context.form, `cut ${name}`, ...attemptTag),
    );
    if (!met.ok)
      return {
        ok: false,
        code: 'assembly_cut_window',
        problems: [
          cutWindowProblem(model, name, met.least, met.most, met.gap, name === 'score' ? options.score : undefined),
        ],
      };
    current = met;
    keep.push(window);
  }
  return { ok: true, chosen: current.chosen };
}

/**
 * The least and most Σ expected score (millionths, non-pinned items) any single form meeting the counts can have:
 * over the first form's network (no earlier forms), enemy groups spanning areas left free.
 */
export function scoreRange(model: Model, seed: string): { least: number; most: number } | null {
  const cut = model.atCut;
  if (cut === null) return null;
  const net = buildNetwork(model, { seed, form: 'A', formsOf: model.usable.map(() => []), fixed: new Map() });
  return valueRange(net, cut.score);
}
