/**
 * Archiving a 1,000-candidate batch (reports, records, answer files, certificate PDFs, audit extract, manifest)
 * through the use case the console and CLI call, then verifying the package (target: archiving ≤ 20 s and
 * ≤ 500 MB RSS). Run: pnpm --filter @kaowu/services bench
 */
import { loadavg } from 'node:os';
import { archiveBatch, verifyArchive } from '../src/index.ts';
import { issuedBatchFixture } from '../src/testing/index.ts';

const N = Number(process.env.CANDIDATES ?? 1000);
const f = await issuedBatchFixture(N);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const archive = await archiveBatch(f.ctx, 'admin', f.planNumber, { baseUrl: 'https://kaowu.example.com' });
const ms = performance.now() - t0;
// CPU time beside the wall time: on a shared, loaded machine the wall time measures the neighbours too.
const cpu = process.cpuUsage(cpu0);
const peak = process.resourceUsage().maxRSS / 1024;
const t1 = performance.now();
const check = verifyArchive(archive.zip);
const verifyMs = performance.now() - t1;
if (check.failure !== null) throw new Error(`the archive does not verify: ${check.failure.reason}`);
console.log(
  `archive of a ${N}-candidate batch: ${archive.manifest.files.length} files, ${check.records} audit records, ` +
    `zip ${(archive.zip.length / 2 ** 20).toFixed(1)} MiB: ${(ms / 1000).toFixed(2)} s (target ≤ 20 s), ` +
    `peak RSS ${peak.toFixed(0)} MiB (target ≤ 500 MB); verify ${(verifyMs / 1000).toFixed(2)} s ` +
    `[CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, load average ${loadavg()[0]!.toFixed(1)}]`,
);
await f.ctx.db.destroy();
