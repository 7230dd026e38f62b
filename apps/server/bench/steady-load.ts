import { Pool } from 'undici';

/**
 * An open-loop load at a steady offered rate: requests are due at evenly spaced instants (checked every
 * millisecond) whether or not earlier ones have been answered, and each latency is measured from the instant
 * the request was due — so a stall shows up in the figures instead of quietly lowering the rate.
 *
 * Why not autocannon's `overallRate`: it lets each connection send its whole per-second quota back to back at
 * the start of every second, so 1,000 connections at 5 requests/s each arrive as one burst of 5,000 — the
 * latencies then measure the burst. The first `warmupSeconds` run at the same rate but are not counted: they
 * open the pool's connections and warm the JIT, which otherwise dominates the tail of a short run.
 * (loadtest's `--rps` paces properly but busy-spins a core on setImmediate,
 * which on a 2-core machine takes the server's CPU.) The requests go out through undici's connection pool.
 */
export interface SteadyResult {
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface SteadyRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export async function steadyLoad(
  url: string,
  rate: number,
  seconds: number,
  next: () => SteadyRequest,
  warmupSeconds = 2,
): Promise<SteadyResult> {
  // undici: a pool of keep-alive connections, far cheaper per request than node:http on a shared 2-core box.
  const pool = new Pool(url, { connections: 512, pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const pending: Promise<void>[] = [];
  const fire = async (due: number, counted: boolean): Promise<void> => {
    const r = next();
    try {
      const res = await pool.request({ method: 'POST', path: r.path, headers: r.headers, body: r.body });
      await res.body.dump();
      if (!counted) return;
      latencies.push(performance.now() - due);
      if (res.statusCode === 200) ok++;
      else failed++;
    } catch {
      if (counted) failed++;
    }
  };
  const start = performance.now();
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      while (sent < due) {
        pending.push(fire(start + (sent * 1000) / rate, sent >= warmup));
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        done();
      }
    }, 1);
  });
  await Promise.all(pending);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { sent: sent - warmup, ok, failed, p50: at(0.5), p99: at(0.99), max: at(1) };
}
