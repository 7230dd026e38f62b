/**
 * Decisions and every report for a batch of 10,000 candidates (target: ≤ 5 s in all).
 * Run: pnpm --filter @kaowu/reports bench
 */
import { decideAll } from '@kaowu/grading';
import {
  certificateRegisterReport,
  publicityConfirmationReport,
  publicityListReport,
  scoreExportReport,
  scoreSummaryReport,
} from '../src/index.ts';
import { batch, candidateResults, candidateRows, header, plan } from '../src/testing/batch-fixture.ts';

const N = Number(process.env.CANDIDATES ?? 10_000);
const { window } = batch(1);
const rows = candidateRows(N);
const results = candidateResults(rows);

const t0 = performance.now();
const decisions = decideAll(plan, results);
const t1 = performance.now();

const timings: [string, number, number][] = [];
const time = async (name: string, make: () => Promise<Uint8Array>): Promise<void> => {
  const start = performance.now();
  const bytes = await make();
  timings.push([name, performance.now() - start, bytes.byteLength]);
};
await time('附件1 综合成绩汇总表', () => scoreSummaryReport(header, rows, decisions));
await time('附件4 公示结果确认单', () => publicityConfirmationReport(header, rows, decisions, window));
await time('附件5 证书核发登记表', () => certificateRegisterReport(header, rows, decisions));
await time('公示名单 (masked)', () => publicityListReport(header, rows, decisions, { window }));
await time('成绩明细 (full export)', () => scoreExportReport(header, plan, rows, decisions));
const t2 = performance.now();

const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
console.log(`candidates: ${N} (${decisions.filter((d) => d.outcome === 'pass').length} pass)`);
console.log(`${ms(t1 - t0)}  decisions`);
for (const [name, t, size] of timings) console.log(`${ms(t)}  ${name} (${(size / 1024).toFixed(0)} KiB)`);
console.log(`${ms(t2 - t1)}  all reports`);
console.log(`${ms(t2 - t0)}  total, decisions + reports (target ≤ 5000 ms)`);
const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const peak = (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log(`rss: ${rss} MiB, peak ${peak} MiB`);
