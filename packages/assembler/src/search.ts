import type { AssemblyProblem } from './errors.ts';
import { explainInfeasible, meanProblem } from './explain.ts';
import { minCostFlow } from './flow.ts';
import { meetMeanWindow } from './mean.ts';
import type { Model } from './model.ts';
import { buildNetwork, type FormContext } from './network.ts';
import { rng, shuffle } from './rng.ts';
import { selectItems } from './select.ts';

export type FormOutcome = { ok: true; chosen: number[] } | { ok: false; code: string; problems: AssemblyProblem[] };

/** Re-solves allowed while branching on enemy groups that span areas, before giving up. */
const SEARCH_LIMIT = 400;

/**
 * Assembles one form. Without enemy groups spanning areas, one min-cost flow decides it exactly. Such a group
 * is first left free (a relaxation: if even that has no paper, none exists); when the chosen counts force two
 * of its members in, the search branches on the one area the group may use — every paper uses at most one
 * member, so it lies in one of the branches — and re-solves. Depth-first, branches in seeded order.
 */
export function solveForm(model: Model, seed: string, form: string, formsOf: readonly (readonly number[])[]): FormOutcome {
  let solves = 0;
  const attempt = (fixed: ReadonlyMap<number, number>): FormOutcome | 'limit' => {
    if (++solves > SEARCH_LIMIT) return 'limit';
    const context: FormContext = { seed, form, formsOf, fixed };
    const net = buildNetwork(model, context);
    const solved = minCostFlow(net.graph, net.source, net.sink, net.need, net.spread);
    if (solved.value < net.need) return { ok: false, code: 'assembly_infeasible', problems: explainInfeasible(model, net, solved.flow, solved.value) };
    let flow = solved.flow;
    if (model.window !== null) {
      const mean = meetMeanWindow(net, flow, model.window, rng(seed, form, 'mean'));
      if (!mean.ok) return { ok: false, code: 'assembly_mean', problems: [meanProblem(model, mean.least, mean.most, mean.gap)] };
      flow = mean.flow;
    }
    const selection = selectItems(model, net, flow, context, rng(seed, form, 'select'));
    if (selection.ok) return { ok: true, chosen: selection.chosen };
    if (selection.kind === 'overlap') {
      const other = String.fromCharCode(65 + selection.form);
      return {
        ok: false,
        code: 'assembly_overlap',
        problems: [
          {
            code: 'assembly_overlap',
            zh: `试卷 ${form} 无法在与试卷 ${other} 共同试题不超过 ${model.overlapCap} 道的前提下组成：可用的新题不足`,
            en: `form ${form} cannot share at most ${model.overlapCap} items with form ${other}: too few unused items`,
          },
        ],
      };
    }
    const group = selection.group;
    const areas = shuffle([...new Set(model.groups[group]!.map((i) => model.usable[i]!.area))].sort((a, b) => a - b), rng(seed, form, 'branch', String(group)));
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
          en: `the enemy group (${members.replaceAll('、', ', ')}) spans areas; whichever area it is taken from, the other requirements cannot be met`,
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
        en: `too many enemy groups span areas: no paper found within ${SEARCH_LIMIT} attempts; reduce enemy groups that span areas`,
      },
    ],
  };
}
