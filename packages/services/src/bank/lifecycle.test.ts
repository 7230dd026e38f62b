import { describe, expect, it } from 'vitest';
import { changeStatus, saveItem } from '../index.ts';
import { itemHistory, listItems } from './items.ts';
import { currentSnapshot } from './snapshots.ts';
import { createFixture, sampleItem } from '../testing/bank.ts';

describe('item lifecycle: draft → in review → approved → retired', () => {
  it('walks an item through review by someone other than its author', async () => {
    const f = await createFixture();
    const { code, outcome } = await saveItem(f.ctx, 'wang', f.bank, { content: sampleItem(1) });
    expect(outcome).toBe('created');
    expect(code).toBe('A002-01'); // next free code for the item's point
    await changeStatus(f.ctx, 'wang', f.bank, [code], 'submit');
    await expect(changeStatus(f.ctx, 'wang', f.bank, [code], 'approve')).rejects.toThrow(/不能审核自己编写的试题/);
    await changeStatus(f.ctx, 'li', f.bank, [code], 'approve');
    const [v1] = await itemHistory(f.ctx, f.bank, code);
    expect(v1).toMatchObject({ version: 1, status: 'approved', author: 'wang', reviewer: 'li' });
    expect((await currentSnapshot(f.ctx, f.bank)).items.map((i) => i.code)).toEqual([code]);
    await changeStatus(f.ctx, 'admin', f.bank, [code], 'retire');
    expect((await currentSnapshot(f.ctx, f.bank)).items).toEqual([]);
  });

  it('refuses a return without a comment, and records the comment on the version', async () => {
    const f = await createFixture();
    const { code } = await saveItem(f.ctx, 'wang', f.bank, { content: sampleItem(2) });
    await changeStatus(f.ctx, 'wang', f.bank, [code], 'submit');
    await expect(changeStatus(f.ctx, 'li', f.bank, [code], 'return')).rejects.toThrow(/必须填写意见/);
    await changeStatus(f.ctx, 'li', f.bank, [code], 'return', '干扰项 C 也正确');
    const [v] = await itemHistory(f.ctx, f.bank, code);
    expect(v).toMatchObject({ status: 'draft', reviewComment: '干扰项 C 也正确' });
  });

  it('a bulk action is all or nothing', async () => {
    const f = await createFixture();
    const a = (await saveItem(f.ctx, 'wang', f.bank, { content: sampleItem(1) })).code;
    const b = (await saveItem(f.ctx, 'wang', f.bank, { content: sampleItem(2) })).code;
    await changeStatus(f.ctx, 'wang', f.bank, [a], 'submit');
    await expect(changeStatus(f.ctx, 'li', f.bank, [a, b], 'approve')).rejects.toThrow(b);
    expect((await itemHistory(f.ctx, f.bank, a))[0]?.status).toBe('in_review');
  });

  it('editing an approved item creates a new version; the old one stays approved and readable', async () => {
    const f = await createFixture();
    const { code } = await saveItem(f.ctx, 'wang', f.bank, { content: sampleItem(3) });
    await changeStatus(f.ctx, 'wang', f.bank, [code], 'submit');
    await changeStatus(f.ctx, 'li', f.bank, [code], 'approve');
    const before = await currentSnapshot(f.ctx, f.bank);

    const edited = { ...sampleItem(3), stem: '修改后的题干' };
    expect((await saveItem(f.ctx, 'wang', f.bank, { code, content: edited })).outcome).toBe('new_version');
    // the approved version still serves exams until the new one is approved
    expect((await currentSnapshot(f.ctx, f.bank)).hash).toBe(before.hash);
    expect((await saveItem(f.ctx, 'wang', f.bank, { code, content: { ...edited, stem: '再改一次' } })).outcome).toBe(
      'updated',
    );
    expect((await saveItem(f.ctx, 'wang', f.bank, { code, content: { ...edited, stem: '再改一次' } })).outcome).toBe(
      'unchanged',
    );

    await changeStatus(f.ctx, 'wang', f.bank, [code], 'submit');
    await expect(saveItem(f.ctx, 'wang', f.bank, { code, content: edited })).rejects.toThrow(/请先撤回/);
    await changeStatus(f.ctx, 'li', f.bank, [code], 'approve');
    const history = await itemHistory(f.ctx, f.bank, code);
    expect(history.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'approved'],
    ]);
    expect(history[0]?.content.stem).toBe(sampleItem(3).stem);
    const after = await currentSnapshot(f.ctx, f.bank);
    expect(after.hash).not.toBe(before.hash);
    expect(after.items[0]?.version).toBe(2);
  });

  it('rejects invalid content with a specific reason and stores nothing', async () => {
    const f = await createFixture();
    const bad = { ...sampleItem(1, { type: 'single' }), key: 7 };
    await expect(saveItem(f.ctx, 'wang', f.bank, { content: bad })).rejects.toThrow(/答案 H 没有对应的选项/);
    await expect(saveItem(f.ctx, 'wang', f.bank, { content: { ...sampleItem(1), point: 'Z999' } })).rejects.toThrow(
      /Z999 不在细目表中/,
    );
    await expect(saveItem(f.ctx, 'chen', f.bank, { content: sampleItem(1) })).rejects.toThrow(/没有命题专家权限/);
    expect(await listItems(f.ctx, f.bank)).toEqual([]);
  });
});
