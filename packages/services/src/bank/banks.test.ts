import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeStatus, saveItem, tryAssembly } from '../index.ts';
import { certificationSample, listBanks } from './banks.ts';
import { listItems } from './items.ts';
import { createDemoFixture, DEMO_BANK } from '../testing/bank.ts';

const bank = { occupationCode: '6-31-01-03', level: 5 as const };

describe('console queries over the demo bank', () => {
  it('lists banks with their counts', async () => {
    const f = await createDemoFixture({ load: true });
    expect(await listBanks(f.ctx)).toEqual([
      {
        ...bank,
        occupationName: '电工',
        label: '电工 五级/初级工',
        items: 725,
        approved: 725,
        toReview: 0,
        toCertify: null,
      },
    ]);
  });

  it('counts an approved item once while its revision is drafted (725 stays 725)', async () => {
    const f = await createDemoFixture({ load: true });
    const [first] = await listItems(f.ctx, bank);
    await saveItem(f.ctx, first!.author, bank, { code: first!.code, content: { ...first!.content, stem: '修订中' } });
    expect(await listBanks(f.ctx)).toMatchObject([{ items: 725, approved: 725 }]);
    const listed = (await listItems(f.ctx, bank)).find((i) => i.code === first!.code);
    expect(listed).toMatchObject({ status: 'draft', version: 2, approvedVersion: 1 });
    // Submitted: waiting for every expert but its author (待我审核).
    await changeStatus(f.ctx, first!.author, bank, [first!.code], 'submit');
    expect(await listBanks(f.ctx, 'expert_zhao')).toMatchObject([
      { toReview: first!.author === 'expert_zhao' ? 0 : 1 },
    ]);
    expect(await listBanks(f.ctx, first!.author)).toMatchObject([{ toReview: 0 }]);
  });

  it('counts for a registered assessor the approved changes waiting for certification (待认证变更)', async () => {
    const f = await createDemoFixture({ load: true });
    const before = (await listBanks(f.ctx, 'assessor_chen'))[0]!.toCertify;
    expect(before).not.toBeNull();
    const [first] = await listItems(f.ctx, bank);
    await saveItem(f.ctx, first!.author, bank, {
      code: first!.code,
      content: { ...first!.content, stem: '修订后的题干' },
    });
    await changeStatus(f.ctx, first!.author, bank, [first!.code], 'submit');
    const reviewer = first!.author === 'expert_li' ? 'expert_zhao' : 'expert_li';
    await changeStatus(f.ctx, reviewer, bank, [first!.code], 'approve');
    const after = (await listBanks(f.ctx, 'assessor_chen'))[0]!.toCertify;
    // Before the first release every approved item waits (725, unchanged by an edit); after it, one change.
    expect(after).toBe(before === 725 ? 725 : before! + 1);
    // Authors are not registered assessors: no count for them.
    expect((await listBanks(f.ctx, reviewer))[0]!.toCertify).toBeNull();
  });

  it('lists authors and reviewers by name and filters by name or login name', async () => {
    const f = await createDemoFixture({ load: true });
    const all = await listItems(f.ctx, bank);
    const wang = all.filter((i) => i.author === 'expert_wang');
    expect(wang.length).toBeGreaterThan(0);
    expect(new Set(wang.map((i) => i.authorName))).toEqual(new Set(['王建国']));
    expect((await listItems(f.ctx, bank, { author: '王建国' })).map((i) => i.code)).toEqual(wang.map((i) => i.code));
    expect((await listItems(f.ctx, bank, { author: 'expert_wang' })).length).toBe(wang.length);
    expect(await listItems(f.ctx, bank, { author: '无此人' })).toEqual([]);
  });

  it('filters items by type, point prefix, difficulty and text', async () => {
    const f = await createDemoFixture({ load: true });
    const multi = await listItems(f.ctx, bank, { type: 'multiple', point: 'F', difficulty: 3 });
    expect(multi.length).toBeGreaterThan(0);
    expect(
      multi.every(
        (i) => i.content.type === 'multiple' && i.content.point.startsWith('F') && i.content.difficulty === 3,
      ),
    ).toBe(true);
    const byText = await listItems(f.ctx, bank, { text: '兆欧表' });
    expect(byText.length).toBeGreaterThan(5);
    expect(byText.every((i) => JSON.stringify(i.content).includes('兆欧表'))).toBe(true);
  });

  it('gives every assessor the same reading sample of a snapshot', async () => {
    const one = await createDemoFixture({ load: true });
    const two = await createDemoFixture({ load: true });
    const a = await certificationSample(one.ctx, bank, 20);
    expect(a).toHaveLength(20);
    expect((await certificationSample(two.ctx, bank, 20)).map((i) => i.code)).toEqual(a.map((i) => i.code));
    await expect(certificationSample(one.ctx, bank, 0)).rejects.toThrow(/1–200/);
  });

  it('checks a blueprint live without storing a paper, and explains failure', async () => {
    const f = await createDemoFixture({ load: true });
    const blueprint = readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8');
    const good = await tryAssembly(f.ctx, 'admin', bank, { blueprint, seed: 'x', forms: 2 });
    expect(good).toMatchObject({
      ok: true,
      forms: [
        { form: 'A', items: 190 },
        { form: 'B', items: 190 },
      ],
    });
    if (good.ok)
      for (const form of good.forms) expect(Math.abs(form.meanDifficulty - 2.7)).toBeLessThanOrEqual(0.2 + 1e-9);
    const bad = await tryAssembly(f.ctx, 'admin', bank, {
      blueprint: blueprint.replace('target: 2.7', 'target: 4.8'),
      seed: 'x',
    });
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/难度/) });
    expect(await f.ctx.db.selectFrom('papers').selectAll().execute()).toEqual([]);
  });
});
