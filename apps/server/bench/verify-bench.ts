/**
 * The public certificate query page under 200 concurrent queries (target p99 ≤ 100 ms): the real server process
 * over a batch with issued certificates, each query a POST of number + name to /verify/, half of them with a wrong
 * name (the not-found path does the same work). The per-address limit is raised for the run
 * (KAOWU_VERIFY_LIMIT_PER_ADDRESS), since every query comes from loopback.
 *
 * Method: autocannon runs in a child process of its own (verify-load.ts), so the load generator's JavaScript
 * and this process's never share a thread; the server is another process. First a warm-up of 10,000 queries at the
 * same 200 connections (JIT, heap sizes, lazily loaded modules, the batch facts' cache), then 3 runs of 10 s back to
 * back against the same server. Printed: each run's p50/p99, queries/s, the server's and the load generator's
 * CPU time per query, and the 1-minute load average before it; then the median of the three p99s beside the
 * target. On a 2-core machine the server and the load generator together fill both cores, so anything else
 * running lengthens the tail: read the load average and the CPU per query beside the latency. Each run also
 * prints the longest event-loop stall of the server (with its GC pauses, from loop-probe.ts) and of the load
 * generator: a p99 far above both is the machine's scheduling, not either process's work.
 * BENCH_SECONDS and BENCH_RUNS change the run length and count for a quick look.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { issuedBatchFixture } from '@kaowu/services/testing';
import { spawnServer, tempDb } from '../src/testing/harness.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = 200;
const TARGET_P99_MS = 100;
const WARM_UP_QUERIES = 10_000;

const dbPath = tempDb();
const f = await issuedBatchFixture(40, { path: dbPath });
const certs = await f.ctx.db
  .selectFrom('certificates as k')
  .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
  .select(['k.number', 'c.name'])
  .execute();
await f.ctx.db.destroy();
// The server carries a probe (loop-probe.ts) that reports its own event-loop stalls and GC pauses per run.
const probeFile = join(resolve(dbPath, '..'), 'verify-probe.json');
const server = await spawnServer(
  dbPath,
  { KAOWU_VERIFY_LIMIT_PER_ADDRESS: '100000000', KAOWU_BENCH_PROBE: probeFile },
  ['--import', resolve(import.meta.dirname, 'loop-probe.ts')],
);
process.on('exit', () => server.child.kill('SIGKILL'));

const bodiesFile = join(resolve(dbPath, '..'), 'verify-bodies.json');
writeFileSync(
  bodiesFile,
  JSON.stringify(
    certs.flatMap((c) => [
      new URLSearchParams({ number: c.number, name: c.name }).toString(),
      new URLSearchParams({ number: c.number, name: `${c.name}甲` }).toString(),
    ]),
  ),
);

// The server's CPU time (user + system, from /proc), so a figure from a shared machine can be read per query.
const serverCpuMs = (): number => {
  const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/** The server's event-loop delay and GC pauses since the previous call (loop-probe.ts, on SIGUSR2). */
interface Probe {
  delayP99Ms: number;
  delayMaxMs: number;
  gc: { count: number; totalMs: number; maxMs: number };
}
const probe = async (): Promise<Probe> => {
  rmSync(probeFile, { force: true });
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 500 && !existsSync(probeFile); i++) await sleep(10);
  return JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
};

interface Run {
  total: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failed: number;
  cpuMs: number;
  delayMaxMs: number;
}
const LOAD = resolve(import.meta.dirname, 'verify-load.ts');
const load = async (seconds: number, queries?: number): Promise<Run> => {
  const args = [`${server.url}/verify/`, bodiesFile, String(CONNECTIONS), String(seconds), String(queries ?? '')];
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', LOAD, ...args], {
    timeout: (seconds + 120) * 1000,
    cwd: import.meta.dirname,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Run;
};

// Warm-up by count, not time: on a busy machine 3 s may be a few hundred queries, too few for the JIT to settle.
await load(3, WARM_UP_QUERIES);
const p99s: number[] = [];
for (let i = 1; i <= RUNS; i++) {
  const [before] = loadavg();
  await probe();
  const cpu0 = serverCpuMs();
  const r = await load(SECONDS);
  const cpu1 = serverCpuMs();
  const p = await probe();
  const perQuery = (ms: number) => (ms / Math.max(1, r.total)).toFixed(2);
  p99s.push(r.p99);
  console.log(
    `verification page, run ${i}/${RUNS} (${SECONDS} s, ${CONNECTIONS} connections): p50 ${r.p50} ms, ` +
      `p99 ${r.p99} ms, max ${r.max} ms, ${r.perSecond.toFixed(0)} queries/s, ${r.failed} failed; ` +
      `CPU per query: server ${perQuery(cpu1 - cpu0)} ms, load generator ${perQuery(r.cpuMs)} ms; ` +
      `longest stall: server ${p.delayMaxMs.toFixed(0)} ms (GC ${p.gc.count} pauses, longest ` +
      `${p.gc.maxMs.toFixed(1)} ms), load generator ${r.delayMaxMs.toFixed(0)} ms; load average before ${before?.toFixed(1)}`,
  );
}
const median = [...p99s].sort((a, b) => a - b)[Math.floor(p99s.length / 2)]!;
console.log(
  `verification page under ${CONNECTIONS} concurrent queries: p99 ${median} ms, median of ${RUNS} runs ` +
    `(${p99s.join(', ')} ms) (target p99 ≤ ${TARGET_P99_MS} ms) ${median <= TARGET_P99_MS ? 'ok' : 'MISSED'}; ` +
    `load average ${loadavg()[0]?.toFixed(1)} (2 cores, shared)`,
);
server.child.kill('SIGTERM');
await server.exited;
