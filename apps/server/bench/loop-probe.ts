/**
 * Loaded into the server process by verify-bench.ts (`--import`): what the server itself contributes to the tail.
 * On SIGUSR2 it writes the event-loop delay and the GC pauses since the previous signal to the file named by
 * KAOWU_BENCH_PROBE, then starts counting afresh. A long stall here is the server's; a long tail without one is
 * the machine's scheduling or the load generator's.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.KAOWU_BENCH_PROBE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    writeFileSync(
      `${file}.part`,
      JSON.stringify({ delayP99Ms: delay.percentile(99) / 1e6, delayMaxMs: delay.max / 1e6, gc: { ...gc } }),
    );
    renameSync(`${file}.part`, file);
    delay.reset();
    Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
  });
}
