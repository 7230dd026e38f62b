/**
 * 1,000 certificate PDFs of one batch, signed and zipped, through the use case the console and CLI call
 * (target: ≤ 10 s and ≤ 500 MB RSS). Run: pnpm --filter @kaowu/services bench
 */
import { certificateZip } from '../src/index.ts';
import { issuedBatchFixture } from '../src/testing/index.ts';

const N = Number(process.env.CERTIFICATES ?? 1000);
// Every fourth candidate fails in the fixture: size the batch for N passes.
const f = await issuedBatchFixture(Math.ceil((N * 4) / 3));
const issued = Number(
  (
    await f.ctx.db
      .selectFrom('certificates')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst()
  )?.n,
);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { zip, count } = await certificateZip(f.ctx, 'admin', f.planNumber, { baseUrl: 'https://kaowu.example.com' });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const [load] = (await import('node:os')).loadavg();
const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  `${count} certificate PDFs (of ${issued} issued), zip ${(zip.length / 2 ** 20).toFixed(1)} MiB: ` +
    `${(ms / 1000).toFixed(2)} s (target ≤ 10 s), peak RSS ${peak.toFixed(0)} MiB (target ≤ 500 MB); ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, load average ${load?.toFixed(1)} (the machine is shared)`,
);
await f.ctx.db.destroy();
