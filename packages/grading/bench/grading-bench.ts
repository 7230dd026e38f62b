/**
 * Grading a batch of 10,000 candidates: theory attempts (100 items), panel scores (3 assessors × 2
 * components), eligibility and decisions. Run: pnpm --filter @kaowu/grading bench
 */
import type { ItemType } from '@kaowu/domain';
import {
  aggregatePanels,
  checkEligibility,
  decide,
  scoreTheory,
  type CanonicalResponse,
  type ComponentResult,
  type PaperItem,
  type PanelSheet,
} from '../src/index.ts';
import { assessmentPlanFixture, candidateFixture, idNumberFor } from '../src/testing/fixtures.ts';

const N = Number(process.env.CANDIDATES ?? 10_000);
const plan = assessmentPlanFixture({
  components: [
    { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
    { code: 'skill', name: '操作技能', kind: 'practical', weight: 50 },
    { code: 'safety', name: '安全文明生产', kind: 'practical', weight: 20 },
  ],
});
const types: ItemType[] = ['true_false', 'single', 'multiple'];
const paper: PaperItem[] = Array.from({ length: 100 }, (_, i) => {
  const type = types[i < 20 ? 0 : i < 80 ? 1 : 2] ?? 'single';
  const key = type === 'true_false' ? i % 2 === 0 : type === 'single' ? i % 4 : [0, (i % 3) + 1];
  return { code: `Q${i}`, type, key, points: 1, section: type, area: `A${i % 6}` };
});
const responsesOf = (c: number): CanonicalResponse[] =>
  paper.map((item, i) => ({
    itemCode: item.code,
    // deterministic: candidate c gets item i right unless (c + i) % 5 === 0
    response: (c + i) % 5 === 0 ? null : item.key,
  }));
const candidates = Array.from({ length: N }, (_, c) =>
  candidateFixture({
    id: `c${c}`,
    idNumber: idNumberFor(`19${70 + (c % 30)}0101`, c % 2 ? 'male' : 'female', c),
    occupationYears: 3 + (c % 10),
  }),
);
const panel = { leaderId: 'a1', members: [1, 2, 3].map((n) => ({ id: `a${n}`, name: `考评员${n}` })) };
const sheets: PanelSheet[] = candidates.flatMap((c, k) =>
  ['skill', 'safety'].flatMap((componentCode) =>
    panel.members.map((m, j) => ({
      candidateId: c.id,
      componentCode,
      assessorId: m.id,
      score: 60 + ((k + j * 3) % 35),
    })),
  ),
);

const t0 = performance.now();
const theory = candidates.map((_, c) => scoreTheory(paper, responsesOf(c)));
const t1 = performance.now();
const panels = aggregatePanels(plan.panel, { skill: panel, safety: panel }, [], sheets);
const t2 = performance.now();
const eligibility = candidates.map((c) => checkEligibility(plan, c, '2025-06-30'));
const t3 = performance.now();
const decisions = candidates.map((c, k) => {
  const scored = (code: string): ComponentResult | undefined => panels.get(c.id)?.get(code);
  return decide(plan, {
    candidateId: c.id,
    scores: {
      theory: { status: 'scored', score: theory[k]?.score ?? 0 },
      skill: scored('skill'),
      safety: scored('safety'),
    },
    eligibility: eligibility[k],
  });
});
const t4 = performance.now();

const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
const count = (o: string): number => decisions.filter((d) => d.outcome === o).length;
console.log(`candidates: ${N} — pass ${count('pass')}, fail ${count('fail')}, pending ${count('pending')}`);
console.log(`${ms(t1 - t0)}  theory scoring (${paper.length} items each)`);
console.log(`${ms(t2 - t1)}  panel aggregation (${sheets.length} sheets)`);
console.log(`${ms(t3 - t2)}  eligibility`);
console.log(`${ms(t4 - t3)}  decisions`);
console.log(`${ms(t4 - t0)}  total`);
const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const peak = (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log(`rss: ${rss} MiB, peak ${peak} MiB`);
