import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverOptionsFromEnv } from './config.ts';
import { DEFAULT_LIMITS } from './routes/limits.ts';
import { type RunningServer, startServer } from './server.ts';
import { tempDb } from './testing/harness.ts';

// The public query is limited per address; 2 per minute here, so the third query from one address is refused.
const limits = (trustedProxies: readonly string[]) => ({
  ...DEFAULT_LIMITS,
  verifyPerAddress: { points: 2, seconds: 60 },
  trustedProxies,
});
const query = (server: RunningServer, forwardedFor?: string) =>
  fetch(`${server.url}/verify/`, {
    method: 'POST',
    body: new URLSearchParams({ number: '0000000000000000000000', name: '某某' }),
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }).then((r) => r.status);

describe('the per-address budgets behind a load balancer', () => {
  let behindProxy: RunningServer;
  let direct: RunningServer;
  beforeAll(async () => {
    behindProxy = await startServer({ dbPath: tempDb(), port: 0, limits: limits(['127.0.0.1']) });
    direct = await startServer({ dbPath: tempDb(), port: 0, limits: limits([]) });
  }, 60_000);
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
  });

  it('counts each forwarded client on its own when the peer is a trusted proxy', async () => {
    expect([await query(behindProxy, '10.0.0.1'), await query(behindProxy, '10.0.0.1')]).toEqual([200, 200]);
    expect(await query(behindProxy, '10.0.0.1')).toBe(429);
    // Another client behind the same balancer has a budget of its own.
    expect(await query(behindProxy, '10.0.0.2')).toBe(200);
    // Entries left of the balancer's own are the client's word: prepending one does not buy a new budget.
    expect(await query(behindProxy, '192.168.9.9, 10.0.0.1')).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    expect([await query(direct, '10.0.0.1'), await query(direct, '10.0.0.2')]).toEqual([200, 200]);
    expect(await query(direct, '10.0.0.3')).toBe(429);
  });

  it('reads the trusted proxies from KAOWU_TRUSTED_PROXIES', () => {
    const options = serverOptionsFromEnv(undefined, { KAOWU_TRUSTED_PROXIES: '10.1.0.5, 10.1.0.6' });
    expect(options.limits?.trustedProxies).toEqual(['10.1.0.5', '10.1.0.6']);
    expect(serverOptionsFromEnv(undefined, {}).limits).toBeUndefined();
  });
});
