import DataLoader from 'dataloader';

/**
 * Calls made within one turn of the event loop, handled together by one `run` over all their inputs (one
 * group-commit work with multi-row statements, one query with `in (…)`): a room logging in at once then costs a
 * few statements, not a few per candidate (each a round trip on PostgreSQL). `run` returns one result per input,
 * in order: an Error rejects that caller alone; a throw from `run` rejects every caller of the turn.
 * DataLoader does the batching; no cache (every call is its own input, repeats included), and a batch is the
 * whole turn (setImmediate), so the requests parsed in one I/O phase go together.
 */
export function coalesced<I, O>(
  run: (inputs: readonly I[]) => Promise<readonly (O | Error)[]>,
): (input: I) => Promise<O> {
  const loader = new DataLoader<I, O>(run, { cache: false, batchScheduleFn: (flush) => setImmediate(flush) });
  return (input) => loader.load(input);
}
