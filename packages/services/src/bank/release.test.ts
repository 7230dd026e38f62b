import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblePapers, certifyBank, changeStatus, saveItem } from '../index.ts';
import { loadPaper } from '../papers/papers.ts';
import { createDemoFixture, DEMO_BANK, type Fixture } from '../testing/bank.ts';
import { latestRelease, releaseChanges } from './release.ts';
import { currentSnapshot } from './snapshots.ts';
import { bankStatus } from './status.ts';
import { itemHistory } from './items.ts';

const BLUEPRINT = readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8');
const ASSESSORS = ['assessor_chen', 'assessor_liu', 'assessor_zhou'];

/** An approved item's stem edited by its author and approved by another expert: one change for the next release. */
async function approvedEdit(f: Fixture, code: string, stem: string): Promise<void> {
  const [v] = (await itemHistory(f.ctx, f.bank, code)).slice(-1);
  if (!v) throw new Error(`no ${code}`);
  await saveItem(f.ctx, v.author, f.bank, { code, content: { ...v.content, stem } });
  await changeStatus(f.ctx, v.author, f.bank, [code], 'submit');
  await changeStatus(f.ctx, v.author === 'expert_li' ? 'expert_zhao' : 'expert_li', f.bank, [code], 'approve');
}

describe('certified releases of a bank', () => {
  it('an approved edit waits for the next release; papers are still assembled from the certified one', async () => {
    const f = await createDemoFixture({ load: true });
    const certified = await bankStatus(f.ctx, f.bank);
    expect(certified.ready).toBe(true);
    expect(certified.release).toMatchObject({ number: 1, hash: certified.snapshotHash, pending: { total: 0 } });
    const code = (await currentSnapshot(f.ctx, f.bank)).items[0]!.code;

    await approvedEdit(f, code, '修改后的题干：电工作业前必须做什么？');

    const status = await bankStatus(f.ctx, f.bank);
    expect(status.snapshotHash).not.toBe(certified.snapshotHash);
    expect(status.release).toMatchObject({
      number: 1,
      hash: certified.snapshotHash,
      certifiedAt: '2026-11-22T15:09:14.017Z',
      items: certified.coverage.approved,
      pending: { added: 0, changed: 1, retired: 0, total: 1 },
    });
    expect(status.certification).toMatchObject({ certified: false, counting: 0, required: 3 });
    expect(status.ready).toBe(true);

    const { snapshotHash, papers } = await assemblePapers(f.ctx, 'admin', f.bank, { blueprint: BLUEPRINT, seed: 's' });
    expect(snapshotHash).toBe(certified.snapshotHash);
    const stems = (await loadPaper(f.ctx, papers[0]!.id)).paper.sections.flatMap((s) => s.items.map((i) => i.content));
    expect(stems.map((c) => c.stem)).not.toContain('修改后的题干：电工作业前必须做什么？');
  });

  it('assessors see each change since the release, and certifying it makes the next release', async () => {
    const f = await createDemoFixture({ load: true });
    const before = await currentSnapshot(f.ctx, f.bank);
    const [first, second] = before.items;
    await approvedEdit(f, first!.code, '改过的题干');
    await changeStatus(f.ctx, 'admin', f.bank, [second!.code], 'retire');

    const release = await latestRelease(f.ctx, f.bank);
    const changes = releaseChanges(release!.snapshot, await currentSnapshot(f.ctx, f.bank));
    expect(changes.added).toEqual([]);
    expect(changes.changed.map((c) => [c.before.content.stem, c.after.content.stem])).toEqual([
      [first!.content.stem, '改过的题干'],
    ]);
    expect(changes.retired.map((i) => i.code)).toEqual([second!.code]);

    // Two sign-offs are not three: the ≥ 3-assessor rule holds for every release.
    for (const a of ASSESSORS.slice(0, 2)) await certifyBank(f.ctx, a, f.bank, '变更后难度仍相符');
    expect((await bankStatus(f.ctx, f.bank)).release).toMatchObject({ number: 1, pending: { total: 2 } });
    f.tick(5);
    await certifyBank(f.ctx, ASSESSORS[2]!, f.bank, '变更后难度仍相符');
    const now = await bankStatus(f.ctx, f.bank);
    expect(now.release).toMatchObject({ number: 2, hash: now.snapshotHash, pending: { total: 0 } });
    expect(now.release?.items).toBe(before.items.length - 1);
    const { snapshotHash } = await assemblePapers(f.ctx, 'admin', f.bank, { blueprint: BLUEPRINT, seed: 's' });
    expect(snapshotHash).toBe(now.snapshotHash);
  });

  it('refuses an empty certification opinion and records nothing', async () => {
    const f = await createDemoFixture({ load: true });
    await approvedEdit(f, (await currentSnapshot(f.ctx, f.bank)).items[0]!.code, '改过的题干');
    await expect(certifyBank(f.ctx, 'assessor_chen', f.bank, '  ')).rejects.toThrow('请填写认证意见');
    expect((await bankStatus(f.ctx, f.bank)).certification.counting).toBe(0);
  });
});
