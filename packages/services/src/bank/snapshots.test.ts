import { describe, expect, it } from 'vitest';
import { currentSnapshot } from './snapshots.ts';
import { createFixture, seedApproved } from '../testing/bank.ts';

describe('bank snapshot hash', () => {
  it('does not depend on insertion order, ids, times or the database', async () => {
    const first = await createFixture();
    await seedApproved(first, 30, 'wang', 'li', 1);
    const second = await createFixture();
    second.tick(600);
    // same content, inserted back to front in three batches at other times by other people
    await seedApproved(second, 10, 'li', 'wang', 21);
    second.tick();
    await seedApproved(second, 10, 'li', 'wang', 11);
    await seedApproved(second, 10, 'li', 'wang', 1);
    const a = await currentSnapshot(first.ctx, first.bank);
    const b = await currentSnapshot(second.ctx, second.bank);
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any approved content changes', async () => {
    const f = await createFixture();
    await seedApproved(f, 5);
    const before = (await currentSnapshot(f.ctx, f.bank)).hash;
    await seedApproved(f, 1, 'wang', 'li', 6);
    expect((await currentSnapshot(f.ctx, f.bank)).hash).not.toBe(before);
  });
});
