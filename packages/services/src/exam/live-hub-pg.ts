import { listenPostgres, type Db, type PostgresListener } from '@kaowu/db';
import { sql } from 'kysely';
import { LiveHub } from './live-hub.ts';
import type { ExamRuntime } from './runtime.ts';

/**
 * Several exam servers on one PostgreSQL database: what one process holds in memory must follow what the others
 * commit. Two channels carry it (LISTEN/NOTIFY, delivered at COMMIT to every listening process, the sender's
 * own included):
 * - `kaowu_room`: room ids whose live boards should refresh (the LiveHub's `changed`), coalesced per 20 ms;
 * - `kaowu_attempt`: attempt ids whose status, device/session, clock or pause changed, sent by a trigger
 *   (migration 0014) — each process drops its cached copy and reads the row again on the next request;
 * - `kaowu_batch`: batch ids whose cached settings (SEB key, score display, webcam frames) changed, sent by a
 *   trigger (migration 0022) — each process drops its copy;
 * - `kaowu_presence`: the heartbeats each process received (`attemptId:epochMs,…`, gathered per 250 ms), merged
 *   into every process's presence (presence.ts), so each live board shows the last request from each candidate.
 */
export const ROOM_CHANNEL = 'kaowu_room';
export const ATTEMPT_CHANNEL = 'kaowu_attempt';
export const BATCH_CHANNEL = 'kaowu_batch';
export const PRESENCE_CHANNEL = 'kaowu_presence';
/** How long heartbeats are gathered into one NOTIFY: the board polls every 0.5–5 s, so a heartbeat is late by ≤ this. */
export const PRESENCE_GATHER_MS = 250;
/** Heartbeats per NOTIFY (an attempt id and a time: ~50 bytes each, the payload limit is 8,000 bytes). */
const HEARTBEATS_PER_NOTIFY = 120;
/** How long `changed` calls are gathered into one NOTIFY (saves call it for every answer). */
const COALESCE_MS = 20;
/** Room ids per NOTIFY: PostgreSQL's payload limit is 8,000 bytes. */
const ROOMS_PER_NOTIFY = 150;
/** While the LISTEN connection is down the attempt cache is emptied this often: nothing older is trusted. */
const DISTRUST_MS = 200;

/** The live hub across processes: `changed` reaches the subscribers of every process on the database. */
export class PgLiveHub extends LiveHub {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {
    super();
  }

  override changed(roomId: string): void {
    this.pending.add(roomId);
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** A `kaowu_room` notification, from any process. */
  received(payload: string): void {
    for (const room of payload.split(',')) if (room) this.deliver(room);
  }

  /** After a lost connection anything may have changed: every watched room refreshes. */
  wakeAll(): void {
    for (const room of this.watchedRooms()) this.deliver(room);
  }

  private flush(): void {
    this.timer = undefined;
    const rooms = [...this.pending];
    this.pending.clear();
    for (let i = 0; i < rooms.length; i += ROOMS_PER_NOTIFY) {
      const chunk = rooms.slice(i, i + ROOMS_PER_NOTIFY);
      // If the database cannot take the notification, this process's own boards still refresh.
      sql`select pg_notify(${ROOM_CHANNEL}, ${chunk.join(',')})`.execute(this.db).catch(() => {
        for (const room of chunk) this.deliver(room);
      });
    }
  }
}

/**
 * Keeps `rt` (its hub a PgLiveHub) in step with the other processes on the database at `url`: room
 * notifications wake its live boards, attempt and batch notifications drop its cached attempts and batch
 * settings, heartbeats go both ways. While the listening connection is down the attempt and settings caches are
 * dropped every 200 ms, so a revoked device is refused within that bound even then. Resolves once listening; `close()` when the server stops.
 */
export async function shareRuntimeState(rt: ExamRuntime, url: string): Promise<PostgresListener> {
  const hub = rt.hub as PgLiveHub;
  let distrust: NodeJS.Timeout | undefined;
  const heartbeats = new Map<string, number>();
  let gathering: NodeJS.Timeout | undefined;
  const sendHeartbeats = (): void => {
    gathering = undefined;
    const beats = [...heartbeats].map(([id, at]) => `${id}:${at}`);
    heartbeats.clear();
    for (let i = 0; i < beats.length; i += HEARTBEATS_PER_NOTIFY)
      // Lost if the database is unreachable: the next request of each candidate sends a newer one.
      sql`select pg_notify(${PRESENCE_CHANNEL}, ${beats.slice(i, i + HEARTBEATS_PER_NOTIFY).join(',')})`
        .execute(rt.ctx.db)
        .catch(() => undefined);
  };
  rt.presence.share = (id, at) => {
    heartbeats.set(id, Math.max(at, heartbeats.get(id) ?? at));
    gathering ??= setTimeout(sendHeartbeats, PRESENCE_GATHER_MS);
  };
  const receivedHeartbeats = (payload: string): void => {
    for (const beat of payload.split(',')) {
      const at = beat.lastIndexOf(':');
      const ms = Number(beat.slice(at + 1));
      if (at > 0 && Number.isFinite(ms)) rt.presence.merge(beat.slice(0, at), ms);
    }
  };
  const forget = (id: string): void => {
    rt.versions.set(id, (rt.versions.get(id) ?? 0) + 1);
    // This process's own start (attempt-start.ts): its cached copy follows that commit already.
    if (rt.ownStarts.delete(id)) return;
    rt.attempts.delete(id);
  };
  const forgetAll = (): void => {
    rt.ownStarts.clear();
    for (const id of [...rt.attempts.keys()]) forget(id);
    rt.batchSettings.forgetAll();
  };
  const received: Record<string, (payload: string) => void> = {
    [ROOM_CHANNEL]: (payload) => hub.received(payload),
    [ATTEMPT_CHANNEL]: forget,
    [BATCH_CHANNEL]: (payload) => rt.batchSettings.forget(payload),
    [PRESENCE_CHANNEL]: receivedHeartbeats,
  };
  const listener = await listenPostgres(url, Object.keys(received), {
    message: (channel, payload) => received[channel]?.(payload),
    connected: (up) => {
      clearInterval(distrust);
      distrust = up ? undefined : setInterval(forgetAll, DISTRUST_MS);
      forgetAll();
      hub.wakeAll();
    },
  });
  return {
    async close() {
      clearInterval(distrust);
      rt.presence.share = undefined;
      if (gathering) {
        clearTimeout(gathering);
        sendHeartbeats();
      }
      await listener.close();
    },
  };
}
