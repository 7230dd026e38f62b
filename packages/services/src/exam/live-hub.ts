import { EventEmitter } from 'node:events';

/** Tells live room views that something in a room changed, so they refresh at once instead of at the next tick. */
export class LiveHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(roomId: string): void {
    this.emitter.emit(roomId);
  }

  subscribe(roomId: string, listener: () => void): () => void {
    this.emitter.on(roomId, listener);
    return () => this.emitter.off(roomId, listener);
  }
}
