import { EventEmitter } from 'node:events';

/**
 * Tells live room views that something in a room changed, so they refresh at once instead of at the next tick.
 * This one is in-process (SQLite: one exam server per database); `PgLiveHub` (live-hub-pg.ts) carries the same
 * calls between the processes sharing a PostgreSQL database.
 */
export class LiveHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(roomId: string): void {
    this.deliver(roomId);
  }

  subscribe(roomId: string, listener: () => void): () => void {
    this.emitter.on(roomId, listener);
    return () => this.emitter.off(roomId, listener);
  }

  /** The rooms someone in this process is watching. */
  protected watchedRooms(): string[] {
    return this.emitter.eventNames().filter((n): n is string => typeof n === 'string');
  }

  /** Wakes this process's subscribers of `roomId`. */
  protected deliver(roomId: string): void {
    this.emitter.emit(roomId);
  }
}

/**
 * The channel the candidates' clients of a room wait on: a proctor's action on the room or on one of its seats
 * (pause, resume, extension, submission, transfer), never a save — thirty candidates typing must not wake thirty
 * watchers each time. A plain key on the same hub, so whatever carries `changed` across processes carries it too.
 */
export const controlChannel = (roomId: string): string => `control:${roomId}`;

/** Tells the room's live views and its candidates' clients that a proctor changed something they must show. */
export function controlled(hub: LiveHub, roomId: string): void {
  hub.changed(roomId);
  hub.changed(controlChannel(roomId));
}
