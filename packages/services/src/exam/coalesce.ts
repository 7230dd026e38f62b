/**
 * Calls made within one turn of the event loop, handled together by one `run` over all their inputs (one
 * group-commit work with multi-row statements, one query with `in (…)`): a room logging in at once then costs a
 * few statements, not a few per candidate (each a round trip on PostgreSQL). `run` returns one result per input,
 * in order: an Error rejects that caller alone; a throw from `run` rejects every caller of the turn.
 */
export function coalesced<I, O>(
  run: (inputs: readonly I[]) => Promise<readonly (O | Error)[]>,
): (input: I) => Promise<O> {
  let pending: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  const flush = async (): Promise<void> => {
    const calls = pending;
    pending = [];
    try {
      const results = await run(calls.map((c) => c.input));
      calls.forEach((c, i) => {
        const r = results[i] as O | Error;
        if (r instanceof Error) c.reject(r);
        else c.resolve(r);
      });
    } catch (e) {
      for (const c of calls) c.reject(e);
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (pending.length === 1) setImmediate(() => void flush());
    });
}
