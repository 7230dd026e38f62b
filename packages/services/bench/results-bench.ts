/**
 * Results benchmark, through the services layer on a SQLite file: a batch of 10,000 candidates (theory
 * attempts on a 30-item paper, practical scores by a three-assessor panel entered twice), then
 *   - the first computation, which also scores every theory attempt from its answers;
 *   - the timed figure (target ≤ 5 s): computing the decisions and writing all five reports.
 * Setting up the attempts writes rows directly (sitting 10,000 exams through the exam server is its own bench).
 */
import type { Database } from '@kaowu/db';
import type { Insertable } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { variant } from '@kaowu/assembler';
import { openDatabase, toJson } from '@kaowu/db';
import type { EnteredValue } from '@kaowu/grading';
import {
  attachPapers,
  computeDecisions,
  createBatch,
  createContext,
  createUser,
  exportAllResults,
  finaliseResults,
  importRoster,
  importScores,
  issueCertificates,
  publishResults,
  recordApplications,
  registerAssessor,
  RESULT_REPORT_NAMES,
  setPanel,
  setPlan,
  setResultsSetting,
} from '../src/index.ts';
import { newAttempt } from '../src/exam/candidate-login.ts';
import { batchCandidates } from '../src/results/batch.ts';
import { loadPanels } from '../src/results/panels.ts';
import { inShownOrder, simulatedResponse } from '../src/results/simulated-answers.ts';
import {
  eligibleApplication,
  insertPaper,
  rosterWorkbook,
  scoreWorkbook,
  syntheticPaper,
  syntheticPerson,
  withCheckDigit,
} from '../src/testing/index.ts';
import { insertChunked } from '../src/shared/chunks.ts';

const N = Number(process.env.CANDIDATES ?? 10_000);
/**
 * Items per type (判断, 单选, 多选) of the synthetic paper:
 * 10 → 30 items; 63 → a 189-item paper like the demo bank's.
 */
const PER_TYPE = Number(process.env.ITEMS_PER_TYPE ?? 10);
const ROOM = 500;

let now = Date.parse('2026-09-22T09:30:00+08:00');
const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'kaowu-results-bench-')), 'bench.db'));
const ctx = createContext(db, { now: () => new Date(now) });
const setupStart = performance.now();

await createUser(ctx, 'system', { username: 'admin', displayName: '管理员', roles: ['administrator'] });
await createUser(ctx, 'admin', { username: 'clerk', displayName: '录入员', roles: ['administrator'] });
await db
  .insertInto('occupations')
  .values({ code: '6-31-01-03', edition: 2022, name: '电工', trades_json: toJson([]) })
  .execute();
for (const a of ['chen', 'liu', 'zhou']) {
  await createUser(ctx, 'admin', { username: a, displayName: `考评员${a}`, roles: ['assessor'] });
  await registerAssessor(ctx, 'admin', a, '6-31-01-03');
}
for (const [k, v] of [
  ['certificate.bodyType', 'Y'],
  ['certificate.bodyCode', '0000'],
  ['certificate.provinceCode', '33'],
  ['certificate.siteCode', '330001'],
] as const)
  await setResultsSetting(ctx, 'admin', k, v);
const rooms = Math.ceil(N / ROOM);
const { id: batchId } = await createBatch(ctx, 'admin', {
  planNumber: 'BENCH-001',
  name: '基准批次',
  occupationCode: '6-31-01-03',
  level: 5,
  windows: [{ startsAt: '2026-09-22T09:00:00+08:00', endsAt: '2026-09-22T11:00:00+08:00' }],
  rooms: Array.from({ length: rooms }, (_, r) => ({
    code: String(r + 1).padStart(2, '0'),
    name: `第 ${r + 1} 考场`,
    seats: ROOM,
    columns: 10,
  })),
});
const paper = syntheticPaper('A', PER_TYPE, 90);
const paperId = await insertPaper(ctx, paper);
await attachPapers(ctx, 'admin', batchId, [paperId]);
await importRoster(
  ctx,
  'admin',
  batchId,
  await rosterWorkbook(
    Array.from({ length: N }, (_, i) => {
      const p = syntheticPerson(i);
      // syntheticPerson repeats after a few thousand people: a distinct birth day and sequence for each of N.
      const birth = new Date(Date.UTC(1975, 0, 1 + (i % 5000))).toISOString().slice(0, 10).replaceAll('-', '');
      return [
        p.name,
        withCheckDigit(`440308${birth}${100 + Math.floor(i / 5000)}`),
        p.education,
        p.unit,
        p.years,
        null,
        null,
        null,
      ];
    }),
  ),
);
const { plan } = await setPlan(ctx, 'admin', batchId, {
  method: 'assessment',
  components: [
    { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
    { code: 'skill', name: '操作技能', kind: 'practical', weight: 70 },
  ],
  eligibility: { retirementAge: { male: 60, female: 55 } },
});
await setPanel(ctx, 'admin', batchId, 'skill', { leader: 'chen', members: ['chen', 'liu', 'zhou'] });
const people = await batchCandidates(db, batchId);
await recordApplications(
  ctx,
  'admin',
  batchId,
  people.map((p) => eligibleApplication(p.ticket)),
);

// Attempts: every candidate answered every item on their own variant, right more often than not.
const items = paper.sections.flatMap((s) => s.items);
await db.transaction().execute(async (trx) => {
  const attempts: Insertable<Database['attempts']>[] = [];
  const answers: Insertable<Database['answers']>[] = [];
  for (const [i, p] of people.entries()) {
    const attemptId = `attempt-${i}`;
    attempts.push({
      ...newAttempt({ id: attemptId, candidateId: p.id, paperId, deviceId: `d${i}`, sessionId: null }),
      status: 'submitted',
      started_at: '2026-09-22T01:05:00.000Z',
      duration_ms: 5_400_000,
      deadline_at: '2026-09-22T02:35:00.000Z',
      submitted_at: '2026-09-22T02:20:00.000Z',
      submitted_by: 'candidate',
      submit_reason: 'candidate',
    });
    const { mapping } = variant(paper, p.id);
    items.forEach((item, n) => {
      const canonical = simulatedResponse(item.content, (i * 7 + n * 13) % 10 < 7);
      const response = inShownOrder(mapping, item.code, canonical);
      answers.push({
        attempt_id: attemptId,
        item_code: item.code,
        response_json: toJson(response),
        canonical_json: toJson(Array.isArray(canonical) ? [...canonical].sort((a, b) => a - b) : canonical),
        seq: n + 1,
        saved_at: '2026-09-22T02:00:00.000Z',
      });
    });
  }
  await insertChunked(trx, 'attempts', attempts, 1000);
  await insertChunked(trx, 'answers', answers, 5000);
});

// Practical scores: the panel's sheets, typed in by two people.
const panel = (await loadPanels(db, batchId)).skill!;
const component = plan.components.find((c) => c.code === 'skill')!;
const sheet = await scoreWorkbook([
  {
    component,
    panel,
    rows: people.map((p, i) => ({
      ticket: p.ticket,
      name: p.name,
      scores: Object.fromEntries(
        ['chen', 'liu', 'zhou'].map((a, k) => [a, 55 + ((i * 11) % 40) + k] as [string, EnteredValue]),
      ),
    })),
  },
]);
for (const who of ['admin', 'clerk']) await importScores(ctx, who, batchId, sheet);
const setupMs = performance.now() - setupStart;

now = Date.parse('2026-09-25T15:00:00+08:00');
const t0 = performance.now();
const first = await computeDecisions(ctx, 'admin', batchId);
const firstMs = performance.now() - t0;

// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t1 = performance.now();
const c1 = cpu();
const summary = await computeDecisions(ctx, 'admin', batchId);
const computeMs = performance.now() - t1;
const computeCpu = cpu() - c1;

// Publicity, final results and certificates, so every report has what it prints.
await publishResults(ctx, 'admin', batchId, { publishedOn: '2026-09-28' });
now = Date.parse('2026-10-12T09:00:00+08:00');
await finaliseResults(ctx, 'admin', batchId);
now = Date.parse('2026-10-20T09:00:00+08:00');
const t2 = performance.now();
const { issued } = await issueCertificates(ctx, 'admin', batchId);
const issueMs = performance.now() - t2;

// Every report from one reading of the batch, as `kaowu results export --report all` writes them.
const t3 = performance.now();
const c3 = cpu();
const reports = await exportAllResults(ctx, 'admin', batchId);
const reportsMs = performance.now() - t3;
const reportsCpu = cpu() - c3;

const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
const outcomes = `${summary.pass} pass, ${summary.fail} fail, ${summary.pending} pending`;
const setupSeconds = (setupMs / 1000).toFixed(1);
console.log(`candidates: ${N} (${outcomes}); theory paper ${items.length} items; setup ${setupSeconds} s`);
const firstAnswers = first.theory.scored * items.length;
console.log(
  `${ms(firstMs)}  first computation, scoring ${first.theory.scored} theory attempts from ${firstAnswers} answers`,
);
console.log(`${ms(computeMs)}  compute decisions (theory scores stored; cpu ${computeCpu.toFixed(0)} ms)`);
const sizes = [...reports].map(([r, b]) => `${RESULT_REPORT_NAMES[r]} ${(b.byteLength / 1024).toFixed(0)} KiB`);
console.log(`${ms(reportsMs)}  all five reports (cpu ${reportsCpu.toFixed(0)} ms): ${sizes.join('，')}`);
const totalCpu = (computeCpu + reportsCpu).toFixed(0);
console.log(
  `${ms(computeMs + reportsMs)}  total, compute decisions + all reports (target ≤ 5000 ms; cpu ${totalCpu} ms)`,
);
console.log(`${ms(issueMs)}  issue ${issued.length} certificates`);
const rssMib = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const peakMib = (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log(`rss: ${rssMib} MiB, peak ${peakMib} MiB`);
await db.destroy();
