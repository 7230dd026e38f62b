/**
 * The load generator of verify-bench.ts, in a process of its own so that its JavaScript (autocannon, its
 * histogram, its garbage) never shares a thread with the bench's. Arguments: the page URL, a JSON file of
 * urlencoded bodies (sent in turn), connections, seconds, and optionally a number of queries (then the run
 * lasts until that many are answered, whatever the seconds). Prints one JSON line: the run's figures, the CPU
 * time this process used and its own longest event-loop stall (a stalled generator reads responses late).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';

const [url, bodiesFile, connections, seconds, queries] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile!, 'utf8')) as string[];
let n = 0;
const cpu0 = process.cpuUsage();
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const result = await autocannon({
  url: url!,
  connections: Number(connections),
  duration: Number(seconds),
  ...(queries ? { amount: Number(queries) } : {}),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }),
    },
  ],
});
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    total: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuMs: (cpu.user + cpu.system) / 1000,
    delayMaxMs: delay.max / 1e6,
  })}\n`,
);
