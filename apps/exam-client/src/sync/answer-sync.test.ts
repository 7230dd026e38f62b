import { beforeEach, describe, expect, it } from 'vitest';
import { FakeApi } from '../testing/fake-api.ts';
import { AnswerSync, type SyncStatus, type Timers } from './answer-sync.ts';
import { Outbox } from './outbox.ts';

/** Timers the test fires by hand: no waiting, no flakiness. */
function manualTimers() {
  const due: (() => void)[] = [];
  const timers: Timers = { set: (fn) => due.push(fn), clear: () => {} };
  return { timers, fire: () => due.splice(0).forEach((fn) => fn()), count: () => due.length };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('AnswerSync', () => {
  let api: FakeApi;
  let box: Outbox;
  let statuses: [SyncStatus, number][];
  let fatal: string[];
  beforeEach(() => {
    localStorage.clear();
    api = new FakeApi();
    api.started = true; // answers exist only in a started attempt
    box = new Outbox(localStorage, 'att');
    statuses = [];
    fatal = [];
  });
  const make = (timers: Timers) =>
    new AnswerSync(api, box, { status: (s, n) => statuses.push([s, n]), fatal: (e) => fatal.push(e.code) }, timers);

  it('sends every change oldest first and reports saved when the outbox is empty', async () => {
    const sync = make(manualTimers().timers);
    box.record('Q1', 1);
    box.record('Q2', true);
    expect(await sync.flush()).toBe(true);
    expect(api.saves.map((s) => s.seq)).toEqual([1, 2]);
    expect(box.pendingCount()).toBe(0);
    expect(statuses.at(-1)).toEqual(['saved', 0]);
  });

  // It asks for the server's view at once, and sends the answer after the resume.
  it('keeps an answer the server refuses while paused', async () => {
    const t = manualTimers();
    let stale = 0;
    const sync = new AnswerSync(
      api,
      box,
      { status: (s, n) => statuses.push([s, n]), fatal: (e) => fatal.push(e.code), stale: () => stale++ },
      t.timers,
    );
    api.paused = true;
    box.record('Q1', 1);
    expect(await sync.flush()).toBe(false);
    expect(stale).toBe(1);
    expect(box.pendingCount()).toBe(1);
    expect(api.stored.size).toBe(0);
    expect(fatal).toEqual([]);
    api.paused = false;
    t.fire();
    await settle();
    await settle();
    expect(box.pendingCount()).toBe(0);
    expect(api.stored.get('Q1')?.response).toBe(1);
  });

  it('keeps everything while offline, says so with the count, and sends it all when the network returns', async () => {
    const t = manualTimers();
    const sync = make(t.timers);
    api.online = false;
    box.record('Q1', 1);
    box.record('Q2', 0);
    expect(await sync.flush()).toBe(false);
    expect(statuses.at(-1)).toEqual(['offline', 2]);
    expect(t.count()).toBe(1); // a retry is scheduled
    box.record('Q3', [0, 2]);
    t.fire();
    await settle();
    expect(statuses.at(-1)).toEqual(['offline', 3]);
    api.online = true;
    sync.kick(); // the browser's 'online' event
    await settle();
    await settle();
    expect(box.pendingCount()).toBe(0);
    expect([...api.stored.keys()].sort()).toEqual(['Q1', 'Q2', 'Q3']);
    expect(statuses.at(-1)).toEqual(['saved', 0]);
  });

  it('sends queued client events after the answers, in one request', async () => {
    const sync = make(manualTimers().timers);
    box.queueEvent({ kind: 'fullscreen_exit', clientAt: 1 });
    box.queueEvent({ kind: 'copy_blocked', clientAt: 2 });
    box.record('Q1', 0);
    await sync.flush();
    expect(api.events.map((e) => e.kind)).toEqual(['fullscreen_exit', 'copy_blocked']);
    expect(box.queuedEvents()).toEqual([]);
  });

  it('hands refusals that retrying cannot fix to the app, keeping the answers', async () => {
    const sync = make(manualTimers().timers);
    api.revoked = true;
    box.record('Q1', 0);
    expect(await sync.flush()).toBe(false);
    expect(fatal).toEqual(['token_revoked']);
    expect(box.pendingCount()).toBe(1);
  });
});
