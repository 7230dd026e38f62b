import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { loadBankFiles } from '@kaowu/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, staffTokens, startTestServer, type TestServer } from '../../testing/harness.ts';

const DEMO_BANK = resolve(import.meta.dirname, '../../../../../question-banks/6-31-01-03-电工/5');
const BLUEPRINT = readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8');
const BANK = '/api/banks/6-31-01-03/5';

let server: TestServer;
const api = client(() => server.url);
let tokens: Record<string, string>;

/**
 * The seeded exam (whose synthetic papers carry no blueprint)
 * plus the demo bank, loaded as `kaowu bank load` would.
 */
beforeAll(async () => {
  server = await startTestServer({
    sweepMs: 60_000,
    prepare: async (ctx) => {
      await createStaff(ctx, ['author'], ['expert_wang', 'expert_li', 'expert_zhao']);
      await createStaff(ctx, ['assessor'], ['assessor_chen', 'assessor_liu', 'assessor_zhou']);
      const texts = new Map([
        ['outline.yaml', readFileSync(join(DEMO_BANK, 'outline.yaml'), 'utf8')],
        ['certifications.yaml', readFileSync(join(DEMO_BANK, 'certifications.yaml'), 'utf8')],
      ]);
      for (const f of readdirSync(join(DEMO_BANK, 'items')))
        texts.set(`items/${f}`, readFileSync(join(DEMO_BANK, 'items', f), 'utf8'));
      await loadBankFiles(ctx, 'admin', { texts, assets: new Map() });
    },
  });
  tokens = await staffTokens(api, ['admin', 'expert_wang']);
});
afterAll(() => server.close());

interface Approved {
  area: string;
  type: string;
  difficulty: number;
  count: number;
}
const sum = (cells: readonly Approved[], pick: (c: Approved) => boolean): number =>
  cells.filter(pick).reduce((n, c) => n + c.count, 0);

describe('the blueprint editor over HTTP', () => {
  it('starts from the outline areas and the approved items of each area × type × difficulty cell', async () => {
    const res = await api.get(`${BANK}/blueprint`, { token: tokens.admin });
    expect(res.status).toBe(200);
    expect(res.body.areas.map((a: { code: string }) => a.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(res.body.areas.reduce((n: number, a: { weight: number }) => n + a.weight, 0)).toBe(100);
    const status = await api.get(`${BANK}/status`, { token: tokens.admin });
    expect(sum(res.body.approved, () => true)).toBe(status.body.coverage.approved);
    expect(sum(res.body.approved, (c) => c.type === 'multiple' && c.difficulty === 5)).toBe(6);
    // The seeded exam's synthetic papers name no usable blueprint: no default yet.
    expect([res.body.blueprint, res.body.source, res.body.occupationName]).toEqual([null, null, '电工']);
  });

  it('offers the blueprint of the newest assembly as the default', async () => {
    const made = await api.post(
      `${BANK}/papers`,
      { blueprint: BLUEPRINT, seed: '默认方案', forms: 2, draft: true },
      { token: tokens.admin },
    );
    expect(made.status).toBe(201);
    const res = await api.get(`${BANK}/blueprint`, { token: tokens.admin });
    expect(res.body.source.seed).toBe('默认方案');
    expect(res.body.blueprint).toMatchObject({
      ...TEST_BLUEPRINT,
      forms: { count: 2, maxOverlap: 1 },
      exposure: { excludeRecentBatches: 0, lastBatches: 3, maxRate: 0.67 },
    });
  });

  it('answers feasibility cell by cell, with the item count each area gets', async () => {
    const banded = BLUEPRINT.replace(
      '{ type: 多选题, count: 10, points: 1 }',
      '{ type: 多选题, count: 10, points: 1, difficulty: { 3: 2, 5: 8 } }',
    );
    const res = await api.post(`${BANK}/feasibility`, { blueprint: banded, seed: 's' }, { token: tokens.admin });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        cell: { type: 'multiple', difficulty: 5 },
        shortfall: expect.objectContaining({ need: 8, usable: 6, approved: 6 }),
      }),
    ]);
    expect(res.body.problems[0].zh).toContain('多选题 × 难度 5：需要 8 题，可用 6 题');
    // The outline weights as counts (largest remainder): what the editor shows for a blueprint without `areas`.
    expect(res.body.areas.map((a: { count: number }) => a.count)).toEqual([10, 38, 29, 23, 34, 34, 13, 9]);
    const ok = await api.post(`${BANK}/feasibility`, { blueprint: BLUEPRINT, seed: 's' }, { token: tokens.admin });
    expect([ok.body.ok, ok.body.areas.length]).toEqual([true, 8]);
    // The demo blueprint names a cut: each form's expected score and information there come with its exposure,
    // as the sealed paper will record them (no calibration stored here: every item at its band's logit).
    expect(ok.body.forms[0]).toMatchObject({
      form: 'A',
      items: 190,
      atCut: { ability: 0.4, expectedScore: expect.any(Number), information: expect.any(Number), calibrated: 0 },
      exposure: { batches: 3, items: 190 },
    });
  });

  it('keeps the editor to administrators', async () => {
    expect((await api.get(`${BANK}/blueprint`, { token: tokens.expert_wang })).status).toBe(403);
    expect((await api.get(`${BANK}/blueprint`)).status).toBe(401);
  });
});

describe('editing a demo item that is in review over HTTP', () => {
  it('answers 409 with 请先撤回再修改, and saves again once withdrawn', async () => {
    const approved = await api.get(`${BANK}/items?status=approved`, { token: tokens.expert_wang });
    const { code, content } = approved.body[0] as { code: string; content: { stem: string } };
    const edited = { ...content, stem: `${content.stem}（修订）` };
    const saved = await api.post(`${BANK}/items`, { code, content: edited }, { token: tokens.expert_wang });
    expect([saved.status, saved.body.outcome]).toEqual([200, 'new_version']);
    const submit = { codes: [code], action: 'submit' };
    expect((await api.post(`${BANK}/item-status`, submit, { token: tokens.expert_wang })).status).toBe(200);

    const twice = { ...content, stem: `${content.stem}（再次修订）` };
    const again = await api.post(`${BANK}/items`, { code, content: twice }, { token: tokens.expert_wang });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'item_in_review',
      message: `试题 ${code}：试题正在审核中，请先撤回再修改`,
    });

    const withdraw = { codes: [code], action: 'withdraw' };
    expect((await api.post(`${BANK}/item-status`, withdraw, { token: tokens.expert_wang })).status).toBe(200);
    const afterWithdraw = await api.post(`${BANK}/items`, { code, content: twice }, { token: tokens.expert_wang });
    expect([afterWithdraw.status, afterWithdraw.body.outcome]).toEqual([200, 'updated']);
  });
});
