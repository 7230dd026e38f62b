import { describe, expect, it } from 'vitest';
import { certifyBank, changeStatus, saveItem, setSetting } from '../index.ts';
import { certificationState } from './certification.ts';
import { createFixture, sampleItem, seedApproved } from '../testing/bank.ts';

describe('bank certification by three assessors', () => {
  it('is certified once three registered assessors sign off the current snapshot', async () => {
    const f = await createFixture();
    await seedApproved(f, 20);
    for (const a of ['chen', 'liu']) await certifyBank(f.ctx, a, f.bank, '难度相符');
    expect((await certificationState(f.ctx, f.bank)).certified).toBe(false);
    await certifyBank(f.ctx, 'zhou', f.bank, '难度相符');
    const state = await certificationState(f.ctx, f.bank);
    expect(state).toMatchObject({ certified: true, counting: 3, required: 3 });
  });

  it('refuses unregistered assessors, non-assessors and a second sign-off of the same snapshot', async () => {
    const f = await createFixture();
    await seedApproved(f, 5);
    await expect(certifyBank(f.ctx, 'wu', f.bank, '难度相符')).rejects.toThrow(
      '用户 wu 无权认证题库难度（职业 6-31-01-03）：只有登记该职业的考评员可以',
    );
    await expect(certifyBank(f.ctx, 'wang', f.bank, '难度相符')).rejects.toThrow(/用户 wang 无权认证题库难度/);
    await certifyBank(f.ctx, 'chen', f.bank, '难度相符');
    await expect(certifyBank(f.ctx, 'chen', f.bank, '难度相符')).rejects.toThrow(/已认证过当前题库版本/);
  });

  it('refuses to certify content the assessor has not seen', async () => {
    const f = await createFixture();
    await seedApproved(f, 5);
    await expect(certifyBank(f.ctx, 'chen', f.bank, '难度相符', 'f'.repeat(64))).rejects.toThrow(/已变更/);
  });

  it('does not count an assessor who authored items in the snapshot, unless the setting allows it', async () => {
    const f = await createFixture();
    await seedApproved(f, 5);
    await seedApproved(f, 1, 'ma', 'li', 100);
    await expect(certifyBank(f.ctx, 'ma', f.bank, '难度相符')).rejects.toThrow(/编写了本题库中的试题/);
    await setSetting(f.ctx, 'admin', 'certification.excludeAuthors', 'false');
    await certifyBank(f.ctx, 'ma', f.bank, '难度相符');
    expect((await certificationState(f.ctx, f.bank)).counting).toBe(1);
    // turning exclusion back on makes the existing sign-off stop counting
    await setSetting(f.ctx, 'admin', 'certification.excludeAuthors', 'true');
    const state = await certificationState(f.ctx, f.bank);
    expect(state.counting).toBe(0);
    expect(state.certifications[0]?.verdict).toEqual({ kind: 'author' });
  });

  it('marks older certifications stale with what changed since: added, changed and retired counts', async () => {
    const f = await createFixture();
    const codes = await seedApproved(f, 10);
    for (const a of ['chen', 'liu', 'zhou']) await certifyBank(f.ctx, a, f.bank, '难度相符');
    f.tick();
    await seedApproved(f, 2, 'wang', 'li', 50); // two added
    await changeStatus(f.ctx, 'admin', f.bank, [codes[0]!, codes[1]!, codes[2]!], 'retire'); // three retired
    const target = codes[5]!;
    await saveItem(f.ctx, 'wang', f.bank, { code: target, content: { ...sampleItem(6), stem: '改过的题干' } });
    await changeStatus(f.ctx, 'wang', f.bank, [target], 'submit');
    await changeStatus(f.ctx, 'li', f.bank, [target], 'approve'); // one changed
    const state = await certificationState(f.ctx, f.bank);
    expect(state.certified).toBe(false);
    expect(state.counting).toBe(0);
    for (const c of state.certifications)
      expect(c.verdict).toEqual({ kind: 'stale', changes: { added: 2, changed: 1, retired: 3 } });
  });

  it('never lets the required number of assessors fall below 3', async () => {
    const f = await createFixture();
    await expect(setSetting(f.ctx, 'admin', 'certification.minAssessors', '2')).rejects.toThrow(/不能少于 3 名/);
    await expect(setSetting(f.ctx, 'admin', 'bank.minItems', '599')).rejects.toThrow(/不能低于 600/);
    await setSetting(f.ctx, 'admin', 'certification.minAssessors', '5');
    await seedApproved(f, 3);
    for (const a of ['chen', 'liu', 'zhou']) await certifyBank(f.ctx, a, f.bank, '难度相符');
    expect(await certificationState(f.ctx, f.bank)).toMatchObject({ certified: false, required: 5, counting: 3 });
    await expect(setSetting(f.ctx, 'wang', 'certification.minAssessors', '4')).rejects.toThrow(/没有考务管理员权限/);
  });
});
