import { toBlueprint } from '@kaowu/domain';
import { assemble } from './src/index.ts';
import { cellBank, makeOutline } from './src/testing/bank.ts';
import { violations } from './src/testing/check.ts';
const outline = makeOutline(30);
const snap = cellBank(outline, (a, t, d) => 22 + ((a + d) % 3));
console.log(snap.items.length);
for (const mode of ['bands', 'mean']) {
const bp = toBlueprint({ occupation: '6-31-01-03', level: 5, title: 't', durationMinutes: 90, totalScore: 100,
  sections: [ { type: '判断题', count: 40, points: 0.5, ...(mode === 'bands' ? {difficulty: { 1: 6, 2: 12, 3: 12, 4: 7, 5: 3 }} : {}) }, { type: 'single', count: 140, points: 0.5, ...(mode === 'bands' ? {difficulty: { 1: 20, 2: 40, 3: 40, 4: 30, 5: 10 }} : {}) }, { type: 'multiple', count: 20, points: 0.5 } ],
  ...(mode === 'mean' ? { meanDifficulty: { target: 2.6, tolerance: 0.05 } } : {}), forms: { count: 4, maxOverlap: 0.2 } }, outline);
if (!bp.ok) { console.log(bp.error); process.exit(1); }
for (let k = 0; k < 3; k++) {
const t = performance.now();
const r = assemble(snap, bp.value, 'seed-' + k);
console.log(mode, performance.now() - t);
if (!r.ok) { console.log(JSON.stringify(r.error, null, 1)); process.exit(1); }
console.log(r.value.map(p => p.hash.slice(0, 8)), violations(r.value, snap, bp.value));
}}
