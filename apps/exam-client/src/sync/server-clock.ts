import { remainingText } from '@kaowu/domain/browser';
/**
 * The server's time, estimated on the client: the server's clock at the midpoint of the last round trip,
 * advanced by the monotonic clock since. Changing the computer's clock cannot move the countdown.
 */
export class ServerClock {
  private serverAt = 0;
  private localAt = 0;
  private rtt = Number.POSITIVE_INFINITY;
  private syncedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly monotonic: () => number = () => performance.now()) {}

  /** `sentAt`/`receivedAt` are monotonic readings around the request that returned `serverTime`. */
  sync(serverTime: number, sentAt: number, receivedAt: number): void {
    const rtt = Math.max(0, receivedAt - sentAt);
    // A fast round trip is a better estimate; an old one may have drifted, so a slower but recent one wins
    // after a minute.
    if (rtt <= this.rtt || receivedAt - this.syncedAt > 60_000) {
      this.serverAt = serverTime;
      this.localAt = sentAt + rtt / 2;
      this.rtt = rtt;
      this.syncedAt = receivedAt;
    }
  }

  get synced(): boolean {
    return this.syncedAt > Number.NEGATIVE_INFINITY;
  }

  now(): number {
    return this.serverAt + (this.monotonic() - this.localAt);
  }
}

/** 1:05:09, 5:09 — what the candidate reads. */
export const formatRemaining = (ms: number): string => remainingText(Math.ceil(ms / 1000));

export const WARNINGS_MS = [15 * 60_000, 5 * 60_000] as const;

/** The warning (15 or 5 minutes) crossed between two readings, if any. */
export function crossedWarning(before: number, after: number): number | undefined {
  return WARNINGS_MS.find((w) => before > w && after <= w);
}
