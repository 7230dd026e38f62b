/**
 * The public certificate query page under 200 concurrent queries (autocannon, 10 s; target p99 ≤ 100 ms):
 * the real server process over a batch with issued certificates, each query a POST of number + name to
 * /verify/, half of them with a wrong name (the not-found path does the same work). The per-address limit is
 * raised for the run (KAOWU_VERIFY_LIMIT_PER_ADDRESS), since every query comes from loopback.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { issuedBatchFixture } from '@kaowu/services/testing';
import { spawnServer, tempDb } from '../src/testing/harness.ts';

const dbPath = tempDb();
const f = await issuedBatchFixture(40, { path: dbPath });
const certs = await f.ctx.db
  .selectFrom('certificates as k')
  .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
  .select(['k.number', 'c.name'])
  .execute();
await f.ctx.db.destroy();
const server = await spawnServer(dbPath, { KAOWU_VERIFY_LIMIT_PER_ADDRESS: '100000000' });
process.on('exit', () => server.child.kill('SIGKILL'));

const bodies = certs.flatMap((c) => [
  new URLSearchParams({ number: c.number, name: c.name }).toString(),
  new URLSearchParams({ number: c.number, name: `${c.name}甲` }).toString(),
]);
// The server's CPU time (user + system, from /proc), so a figure from a shared machine can be read per query.
const serverCpuMs = (): number => {
  const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
// Warm up first (steady state: modules loaded lazily on the first queries, JIT), then measure.
for (const body of bodies.slice(0, 40))
  await fetch(`${server.url}/verify/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }).then((r) => r.text());
const cpu0 = serverCpuMs();
let n = 0;
const result = await autocannon({
  url: `${server.url}/verify/`,
  connections: 200,
  duration: Number(process.env.BENCH_SECONDS ?? 10),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }),
    },
  ],
});
const cpuPerQuery = (serverCpuMs() - cpu0) / Math.max(1, result.requests.total);
const [load] = loadavg();
const bad = result.non2xx + result.errors + result.timeouts;
console.log(
  `verification page, 200 concurrent queries: ${result.requests.average.toFixed(0)} queries/s, ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target p99 ≤ 100 ms), ${bad} failed; ` +
    `server CPU ${cpuPerQuery.toFixed(2)} ms per query, load average ${load?.toFixed(1)} (the machine is shared)`,
);
server.child.kill('SIGTERM');
await server.exited;
