import { isApiError, type ExamApi } from '../api/types.ts';

/** After a failed watch (server down, offline), wait this long before the next: the regular poll covers the gap. */
const RETRY_MS = [500, 1000, 2000, 5000] as const;

/**
 * Keeps one long poll open to the server, so a proctor's pause, resume, extension or submission — or the move
 * of the exam to another computer — reaches this screen within a round trip, not at the next poll. `changed`
 * runs when the server's word differs from the last one seen (and after a refusal, which the caller's own look at
 * the server then turns into the right screen). Returns the stop function.
 */
export function watchServer(api: ExamApi, seen: string, changed: () => void): () => void {
  const abort = new AbortController();
  let failures = 0;
  void (async () => {
    while (!abort.signal.aborted) {
      try {
        const version = await api.watch(seen, abort.signal);
        failures = 0;
        if (version !== seen) {
          seen = version;
          changed();
        }
      } catch (e) {
        if (abort.signal.aborted) return;
        // Revoked, expired, submitted: the caller's check-in reads the reason and changes screen.
        if (!isApiError(e, 'network', 'server')) changed();
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]));
      }
    }
  })();
  return () => abort.abort();
}
