import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.ts';

describe('Outbox', () => {
  it('numbers every change, keeps only the latest per item pending, and survives a reload', () => {
    const box = new Outbox(localStorage, 'a1');
    box.clear();
    expect(box.record('Q1', 0)).toEqual({ item: 'Q1', response: 0, seq: 1 });
    box.record('Q2', true);
    expect(box.record('Q1', 2)).toEqual({ item: 'Q1', response: 2, seq: 3 });
    expect(box.pending()).toEqual([
      { item: 'Q2', response: true, seq: 2 },
      { item: 'Q1', response: 2, seq: 3 },
    ]);
    const reloaded = new Outbox(localStorage, 'a1');
    expect(reloaded.pendingCount()).toBe(2);
    expect(reloaded.responses()).toEqual({ Q1: 2, Q2: true });
    expect(reloaded.record('Q3', [0, 1]).seq).toBe(4);
  });

  it('lets a change leave only when its own seq (or a later one) is acknowledged', () => {
    const box = new Outbox(localStorage, 'a2');
    box.clear();
    box.record('Q1', 0);
    box.record('Q1', 1); // changed again while the first save was on its way
    box.acknowledge('Q1', 1);
    expect(box.pending()).toEqual([{ item: 'Q1', response: 1, seq: 2 }]);
    box.acknowledge('Q1', 2);
    expect(box.pendingCount()).toBe(0);
    expect(new Outbox(localStorage, 'a2').pendingCount()).toBe(0);
  });

  it('merges what the server holds: the higher seq wins per item, and later seqs continue above both', () => {
    const box = new Outbox(localStorage, 'a3');
    box.clear();
    box.record('Q1', 0); // seq 1, never sent
    box.merge([
      { item: 'Q1', response: 3, seq: 7 }, // from another machine, later
      { item: 'Q2', response: true, seq: 5 },
    ]);
    expect(box.responses()).toEqual({ Q1: 3, Q2: true });
    expect(box.pendingCount()).toBe(0);
    expect(box.record('Q3', 1).seq).toBe(8);

    const offline = new Outbox(localStorage, 'a4');
    offline.clear();
    offline.record('Q1', 0);
    offline.record('Q1', 2); // seq 2, made offline after the server stored seq 1
    offline.merge([{ item: 'Q1', response: 0, seq: 1 }]);
    expect(offline.pending()).toEqual([{ item: 'Q1', response: 2, seq: 2 }]);
  });

  it('queues client events in order and drops them once recorded', () => {
    const box = new Outbox(localStorage, 'a5');
    box.clear();
    box.queueEvent({ kind: 'fullscreen_exit', clientAt: 1 });
    box.queueEvent({ kind: 'paste_blocked', clientAt: 2 });
    box.queueEvent({ kind: 'focus_loss', clientAt: 3 });
    box.dropEvents(box.queuedEvents()[1]!.id);
    expect(new Outbox(localStorage, 'a5').queuedEvents().map((e) => e.kind)).toEqual(['focus_loss']);
  });

  it('keeps working in memory when storage refuses to write', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    } as unknown as Storage;
    const box = new Outbox(full, 'a6');
    box.record('Q1', 1);
    expect(box.pendingCount()).toBe(1);
  });
});
