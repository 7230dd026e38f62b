import type { ItemResponse } from '@kaowu/domain/browser';
import type { AnswerSave, ClientEvent, SavedAnswer } from '../api/types.ts';

interface AnswerData {
  v: 1;
  /** The last sequence number handed out on this device for this attempt. */
  seq: number;
  /** The candidate's latest response per item, with the seq it was given. */
  answers: Record<string, { r: ItemResponse; s: number }>;
  /** Per item, the highest seq the server has acknowledged as durable. */
  acked: Record<string, number>;
}

export interface QueuedEvent extends ClientEvent {
  readonly id: number;
}

const empty = (): AnswerData => ({ v: 1, seq: 0, answers: {}, acked: {} });

/**
 * The local outbox of one attempt, in localStorage: every change is written here first, gets the next
 * sequence number, and counts as pending until the server acknowledges that seq (or a higher one) for the
 * item. A reload, a crash of the browser or an hour offline loses nothing that reached this object.
 */
export class Outbox {
  private data: AnswerData;
  private events: QueuedEvent[];
  private readonly answersKey: string;
  private readonly eventsKey: string;

  constructor(
    private readonly storage: Storage,
    readonly attemptId: string,
  ) {
    this.answersKey = `kaowu.exam.${attemptId}.answers`;
    this.eventsKey = `kaowu.exam.${attemptId}.events`;
    this.data = read(storage, this.answersKey, empty);
    this.events = read(storage, this.eventsKey, () => []);
  }

  response(item: string): ItemResponse | undefined {
    return this.data.answers[item]?.r;
  }

  /** Every response the candidate has given, acknowledged or not. */
  responses(): Record<string, ItemResponse> {
    return Object.fromEntries(Object.entries(this.data.answers).map(([item, a]) => [item, a.r]));
  }

  /** Records a change (persisted before this returns) and gives the save to send. */
  record(item: string, response: ItemResponse): AnswerSave {
    const seq = this.data.seq + 1;
    this.data.seq = seq;
    this.data.answers[item] = { r: response, s: seq };
    this.persistAnswers();
    return { item, response, seq };
  }

  /** Saves the server has not acknowledged yet, oldest first. */
  pending(): AnswerSave[] {
    const out: AnswerSave[] = [];
    for (const [item, a] of Object.entries(this.data.answers))
      if (a.s > (this.data.acked[item] ?? 0)) out.push({ item, response: a.r, seq: a.s });
    return out.sort((a, b) => a.seq - b.seq);
  }

  pendingCount(): number {
    let n = 0;
    for (const [item, a] of Object.entries(this.data.answers)) if (a.s > (this.data.acked[item] ?? 0)) n++;
    return n;
  }

  /** The server holds `storedSeq` for the item durably: every local change up to it may leave the outbox. */
  acknowledge(item: string, storedSeq: number): void {
    if (storedSeq <= (this.data.acked[item] ?? 0)) return;
    this.data.acked[item] = storedSeq;
    this.persistAnswers();
  }

  /**
   * Brings in what the server holds (on login, reload, a move to another machine): per item the higher seq
   * wins, so a change made offline and not yet sent stays pending, and the server's answers fill the rest.
   * Later seqs continue above everything either side has seen.
   */
  merge(server: readonly SavedAnswer[]): void {
    for (const a of server) {
      const local = this.data.answers[a.item];
      if (local === undefined || a.seq >= local.s) this.data.answers[a.item] = { r: a.response, s: a.seq };
      this.data.acked[a.item] = Math.max(this.data.acked[a.item] ?? 0, a.seq);
      this.data.seq = Math.max(this.data.seq, a.seq);
    }
    this.persistAnswers();
  }

  queueEvent(event: ClientEvent): void {
    const id = (this.events.at(-1)?.id ?? 0) + 1;
    // A candidate hammering Ctrl+V must not fill the disk: keep the newest few hundred.
    this.events = [...this.events, { ...event, id }].slice(-300);
    this.persistEvents();
  }

  queuedEvents(): readonly QueuedEvent[] {
    return this.events;
  }

  /** The server has recorded every event up to and including `id`. */
  dropEvents(upTo: number): void {
    this.events = this.events.filter((e) => e.id > upTo);
    this.persistEvents();
  }

  /** After the attempt is submitted nothing local is needed any more. */
  clear(): void {
    this.data = empty();
    this.events = [];
    this.storage.removeItem(this.answersKey);
    this.storage.removeItem(this.eventsKey);
  }

  private persistAnswers(): void {
    write(this.storage, this.answersKey, this.data);
  }

  private persistEvents(): void {
    write(this.storage, this.eventsKey, this.events);
  }
}

function read<T>(storage: Storage, key: string, fallback: () => T): T {
  try {
    const raw = storage.getItem(key);
    return raw === null ? fallback() : (JSON.parse(raw) as T);
  } catch {
    return fallback();
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the in-memory outbox still sends everything while the page lives.
  }
}
