/** Login budgets: per account (guessing one) and per address (guessing many). */
export interface Limits {
  readonly candidatePerTicket: { points: number; seconds: number };
  readonly candidatePerAddress: { points: number; seconds: number };
  readonly staffPerUser: { points: number; seconds: number };
  readonly staffPerAddress: { points: number; seconds: number };
  /** The public certificate query (证书查询), per address: enough for people, too few to enumerate. */
  readonly verifyPerAddress: { points: number; seconds: number };
  /** Load balancers whose X-Forwarded-For is believed (KAOWU_TRUSTED_PROXIES); none in a test room. */
  readonly trustedProxies: readonly string[];
}

/**
 * Defaults for a test room where each candidate has a machine (an address) of their own. A room behind one NAT
 * address, or a load test from one machine, raises the per-address budget (KAOWU_LOGIN_LIMIT_PER_ADDRESS).
 */
export const DEFAULT_LIMITS: Limits = {
  candidatePerTicket: { points: 10, seconds: 60 },
  candidatePerAddress: { points: 60, seconds: 60 },
  staffPerUser: { points: 10, seconds: 60 },
  staffPerAddress: { points: 30, seconds: 60 },
  verifyPerAddress: { points: 20, seconds: 60 },
  trustedProxies: [],
};
