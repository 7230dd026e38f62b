import { toBlueprint } from '@kaowu/domain';
import { cellBank, makeOutline } from './src/testing/bank.ts';
import { buildModel } from './src/model.ts';
import { buildNetwork } from './src/network.ts';
import { minCostFlow } from './src/flow.ts';
import { solveForm } from './src/search.ts';
const outline = makeOutline(8);
const snap = cellBank(outline, (a, t, d) => 6);
const bp = toBlueprint({ occupation: '6-31-01-03', level: 5, title: 't', durationMinutes: 90, totalScore: 100,
  sections: [ { type: '判断题', count: 40, points: 0.5, difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 } }, { type: 'single', count: 140, points: 0.5 }, { type: 'multiple', count: 10, points: 1 } ],
  forms: { count: 2, maxOverlap: 0.2 } }, outline);
if (!bp.ok) throw 1;
const m = buildModel(snap, bp.value, { recentBatches: [], useCounts: {} });
if (!m.ok) throw 2;
const model = m.value;
const formsOf: number[][] = model.usable.map(() => []);
const a = solveForm(model, 's', 'A', formsOf);
if (!a.ok) throw 3;
for (const i of a.chosen) formsOf[i]!.push(0);
const net = buildNetwork(model, { seed: 's', form: 'B', formsOf, fixed: new Map() });
const f = minCostFlow(net.graph, net.source, net.sink, net.need, net.spread);
let reuse = 0; for (let x = 0; x < net.graph.arcs; x++) reuse += f.flow[x]! * net.arcLevel[x]!;
console.log(f.value, net.need, reuse, net.reusePenalty, net.graph.nodes, net.graph.arcs);
const byArc = [];
for (let x = 0; x < net.graph.arcs; x++) if (net.arcLevel[x]! > 0 && f.flow[x]! > 0) byArc.push([x, f.flow[x], net.graph.cap[x], net.spread.base[x]]);
console.log(byArc.slice(0, 10));
