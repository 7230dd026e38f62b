/**
 * The live board's heartbeat: when each attempt was last heard from (any authenticated candidate request, or its
 * login). Kept in memory: writing it to the database would add a write to every save. With several servers on
 * one PostgreSQL database `shareRuntimeState` (live-hub-pg.ts) sets `share`, which sends this process's
 * heartbeats to the others (NOTIFY, gathered per 250 ms), and feeds theirs in through `merge`: every board shows
 * a candidate's last request whichever server received it.
 */
export class Presence {
  private readonly last = new Map<string, number>();
  /** Called with each heartbeat this process receives itself (set by shareRuntimeState). */
  share: ((attemptId: string, at: number) => void) | undefined;

  /** A request from the attempt, received here. */
  set(attemptId: string, at: number): void {
    this.merge(attemptId, at);
    this.share?.(attemptId, at);
  }

  /** A heartbeat received anywhere: never moves an attempt's last-seen time backwards. */
  merge(attemptId: string, at: number): void {
    const had = this.last.get(attemptId);
    if (had === undefined || at > had) this.last.set(attemptId, at);
  }

  get(attemptId: string): number | undefined {
    return this.last.get(attemptId);
  }
}

/**
 * A batch's settings as candidate requests need them (batch-settings.ts), cached per batch. `forget` drops one
 * and counts, so a read that began before a change does not put the old value back (several servers: a
 * `kaowu_batch` notification; one server: the change itself).
 */
export class SettingsCache<T> extends Map<string, T> {
  generation = 0;

  forget(batchId: string): void {
    this.delete(batchId);
    this.generation++;
  }

  forgetAll(): void {
    this.clear();
    this.generation++;
  }
}
