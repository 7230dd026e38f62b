import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address, the key of the per-address budgets. In a test room the socket's peer is the candidate's
 * machine. Behind a load balancer every peer is the balancer, so one budget would cover the whole deployment:
 * when the peer is a trusted proxy (KAOWU_TRUSTED_PROXIES), the address is the rightmost X-Forwarded-For entry
 * that is not itself a trusted proxy. Entries left of it are the client's own word and are never believed.
 */
export function clientAddress(trustedProxies: readonly string[]): (c: Context) => string | undefined {
  const trusted = new Set(trustedProxies.map(normalise));
  return (c) => {
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      return undefined;
    }
    if (peer === undefined || !trusted.has(normalise(peer))) return peer;
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => normalise(hop.trim()))
      .filter((hop) => hop !== '');
    for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i];
    return peer;
  };
}

/** IPv4 peers of a dual-stack socket read ::ffff:10.0.0.5; the balancer writes 10.0.0.5. */
const normalise = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
