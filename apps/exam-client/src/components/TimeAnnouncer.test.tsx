import { describe, expect, it } from 'vitest';
import { announcement } from './TimeAnnouncer.tsx';

const MIN = 60_000;

describe('remaining time for screen readers', () => {
  it('changes its text only at 15, 5 and 1 minutes left, so it is announced three times', () => {
    // One reading a second over the last 20 minutes: the distinct texts, in order, are the announcements.
    const texts: string[] = [];
    for (let ms = 20 * MIN; ms >= 0; ms -= 1000) {
      const text = announcement(ms);
      if (texts.at(-1) !== text) texts.push(text);
    }
    expect(texts).toEqual(['', '剩余时间不足 15 分钟', '剩余时间不足 5 分钟', '剩余时间不足 1 分钟', '']);
  });
});
