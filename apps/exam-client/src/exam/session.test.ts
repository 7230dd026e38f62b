import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerClock } from '../sync/server-clock.ts';
import { FakeApi, TEST_INFO } from '../testing/fake-api.ts';
import { createExamSession, type ExamEnd } from './session.ts';

describe('the server-synced countdown', () => {
  let mono = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    mono = 0;
  });
  afterEach(() => vi.useRealTimers());

  async function session(api: FakeApi, tokenLeftMs = 3600_000) {
    const clock = new ServerClock(() => mono);
    clock.sync(api.now, 0, 0);
    const ends: ExamEnd[] = [];
    // A session exists from the start on (开始答题): the server starts the clock first.
    const s = createExamSession({
      api,
      storage: localStorage,
      info: TEST_INFO,
      paper: api.paperView,
      state: await api.start(),
      clock,
      tokenExpiresAt: api.now + tokenLeftMs,
      onEnd: (e) => ends.push(e),
    });
    // Both clocks move together, a second at a time, with the timers due in that second.
    const advance = async (ms: number) => {
      for (let left = ms; left > 0; left -= 1000) {
        const step = Math.min(1000, left);
        mono += step;
        api.now += step;
        await vi.advanceTimersByTimeAsync(step);
      }
    };
    return { s, ends, advance };
  }

  // At zero the paper stays closed until the server submits.
  it('runs on the server clock, warns at 15 and 5 minutes, and closes the paper at zero', async () => {
    const api = new FakeApi();
    api.deadline = api.now + 15 * 60_000 + 1000;
    const { s, ends, advance } = await session(api);
    expect(s.warning()).toBeUndefined();
    await advance(2000);
    expect(s.warning()).toBe(15);
    await advance(25_000);
    expect(s.warning()).toBeUndefined(); // the banner goes away by itself
    await advance(575_000); // 4:59 left
    expect(s.warning()).toBe(5);
    expect(s.open()).toBe(true);
    await advance(5 * 60_000);
    expect(s.timeUp()).toBe(true);
    expect(s.open()).toBe(false);
    s.respond('Q001', true);
    expect(s.pending()).toBe(0); // no answers after time is up
    api.submitReason = 'expired';
    api.submitted = true; // the server's expiry sweep
    await advance(3000);
    expect(ends).toEqual([{ kind: 'finished', reason: 'expired' }]);
  });

  it('freezes while paused and follows an extension from the server', async () => {
    const api = new FakeApi();
    api.deadline = api.now + 30 * 60_000;
    const { s, advance } = await session(api);
    api.paused = true;
    await advance(10_000); // the next state poll
    expect(s.paused()).toBe(true);
    const frozen = s.remainingMs();
    await advance(60_000);
    expect(s.remainingMs()).toBe(frozen);
    api.paused = false;
    api.deadline += 10 * 60_000; // and the proctor extends by 10 minutes
    await advance(10_000);
    expect(s.paused()).toBe(false);
    expect(s.remainingMs()).toBe(frozen + 10 * 60_000 - 10_000);
    s.dispose();
  });

  it('renews the login token before it runs out, once', async () => {
    const api = new FakeApi();
    const { s, advance } = await session(api, 4 * 60_000);
    await advance(10_000);
    expect(api.renewals).toBe(1);
    await advance(30_000);
    expect(api.renewals).toBe(1);
    s.dispose();
  });
});
