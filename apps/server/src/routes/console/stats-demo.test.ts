import { openDatabase } from '@kaowu/db';
import { createContext, loadStatsDemo, type StatsDemo } from '@kaowu/services';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server.ts';
import { type Client, client, seedDemo, staffTokens, tempDb } from '../../testing/harness.ts';

/**
 * The statistics routes' happy paths, on the demo as `kaowu demo` loads it: the completed batch DEMO-2026-001
 * and the simulated earlier batch DEMO-2026-S01 with its two planted faults (a suspect key, a dead distractor).
 */
let server: RunningServer;
let api: Client;
let demo: StatsDemo;
let tokens: Record<string, string>;
const BANK = '/api/banks/6-31-01-03/5';

beforeAll(async () => {
  const dbPath = tempDb();
  await seedDemo(dbPath);
  const db = await openDatabase(dbPath);
  try {
    demo = await loadStatsDemo(createContext(db));
  } finally {
    await db.destroy();
  }
  server = await startServer({ dbPath, port: 0 });
  api = client(server.url);
  tokens = await staffTokens(api, ['admin', 'expert_wang', 'assessor_chen']);
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const batchId = async (planNumber: string): Promise<string> =>
  ((await api.get('/api/batches', { token: tokens.admin })).body as { id: string; planNumber: string }[]).find(
    (b) => b.planNumber === planNumber,
  )!.id;

interface Line {
  itemCode: string;
  flags: { flag: string; option?: number }[];
  options: { option: number; keyed: boolean; share: number }[];
  icc: { n: number; observed: number; theta: number | null }[];
  rasch: { difficulty: number } | null;
}

describe('item analysis over HTTP, on the demo', () => {
  it('gives an author the earlier batch’s statistics, with the planted faults flagged', async () => {
    const res = await api.get(`/api/batches/${await batchId(demo.planNumber)}/stats`, { token: tokens.expert_wang });
    expect(res.status).toBe(200);
    const pooled = res.body.forms[0];
    expect([pooled.form, pooled.test.n]).toEqual(['', demo.candidates]);
    expect(pooled.test.alpha).toBeGreaterThan(0.5);
    const items = pooled.items as Line[];
    const with_ = (flag: string) =>
      items.flatMap((i) => i.flags.filter((f) => f.flag === flag).map((f) => `${i.itemCode}:${f.option}`));
    expect(with_('key_suspect')).toEqual([`${demo.suspectKey.item}:${demo.suspectKey.option}`]);
    expect(with_('dead_distractor')).toContain(`${demo.deadDistractor.item}:${demo.deadDistractor.option}`);
    // the dead distractor nobody picked, and five score groups for the characteristic curve
    const dead = items.find((i) => i.itemCode === demo.deadDistractor.item)!;
    expect(dead.options.find((o) => o.option === demo.deadDistractor.option)!.share).toBe(0);
    expect(dead.icc.map((g) => g.n).reduce((a, b) => a + b, 0)).toBe(demo.candidates);
  });

  it('lets an administrator recompute a batch, and reports the absent as excluded', async () => {
    const id = await batchId('DEMO-2026-001');
    const res = await api.post(`/api/batches/${id}/stats`, {}, { token: tokens.admin });
    expect(res.status).toBe(200);
    expect(res.body.planNumber).toBe('DEMO-2026-001');
    expect(res.body.forms[0].test.excluded.absent).toBe(2);
    // an author reads, but may not compute
    expect((await api.post(`/api/batches/${id}/stats`, {}, { token: tokens.expert_wang })).status).toBe(403);
  });

  it('exports the workbook, with the planted suspect key flagged in Chinese', async () => {
    const res = await fetch(`${server.url}/api/batches/${await batchId(demo.planNumber)}/stats/report`, {
      headers: { authorization: `Bearer ${tokens.assessor_chen}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(`${demo.planNumber}-统计分析.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['测试概要', '分数分布', '试题统计', '选项分析', '特征曲线']);
    const summary = wb.getWorksheet('测试概要')!.getRow(3).values as unknown[];
    expect(summary.slice(1, 3)).toEqual(['全部', demo.candidates]);
    const suspect = wb
      .getWorksheet('试题统计')!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === '全部' && r[2] === demo.suspectKey.item) as unknown[];
    expect(String(suspect[17])).toContain('答案存疑');
    const dead = wb
      .getWorksheet('试题统计')!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === '全部' && r[2] === demo.deadDistractor.item) as unknown[];
    expect(String(dead[17])).toContain('干扰项无人选');
  });

  it('shows an item’s history across both batches, and the bank’s calibrated difficulties', async () => {
    const history = await api.get(`${BANK}/items/${demo.suspectKey.item}/stats`, { token: tokens.expert_wang });
    expect(history.status).toBe(200);
    const plans = (history.body as { planNumber: string; flags: { flag: string }[] }[]).map((l) => l.planNumber);
    expect(plans).toContain(demo.planNumber);
    const s01 = history.body.find((l: { planNumber: string }) => l.planNumber === demo.planNumber);
    expect(s01.flags.map((f: { flag: string }) => f.flag)).toContain('key_suspect');
    const difficulties = await api.get(`${BANK}/difficulties`, { token: tokens.assessor_chen });
    expect(difficulties.status).toBe(200);
    const calibrated = (difficulties.body as { source: string }[]).filter((d) => d.source === 'calibrated');
    expect(calibrated.length).toBeGreaterThan(100);
  });

  it('lists the bank’s analysed batches for its people, newest first, with how many items are flagged', async () => {
    const res = await api.get(`${BANK}/stats`, { token: tokens.expert_wang });
    expect(res.status).toBe(200);
    const list = res.body as { planNumber: string; n: number; flagged: number }[];
    expect(list.map((b) => b.planNumber)).toEqual(['DEMO-2026-001', demo.planNumber]);
    expect(list[1]).toMatchObject({ n: demo.candidates, flagged: demo.flagged });
    expect((await api.get(`${BANK}/stats`)).status).toBe(401);
  });

  it('recalibrates the bank for an administrator, from both batches', async () => {
    const res = await api.post(`${BANK}/calibration`, {}, { token: tokens.admin });
    expect(res.status).toBe(200);
    expect(res.body.batches).toEqual(expect.arrayContaining(['DEMO-2026-001', demo.planNumber]));
    const item = (res.body.items as { code: string; difficulty: number | null; before: number | null }[]).find(
      (i) => i.code === demo.suspectKey.item,
    )!;
    // calibrated once by the demo already: the same data give the same difficulty
    expect(item.difficulty).not.toBeNull();
    expect(item.difficulty).toBeCloseTo(item.before!, 6);
    expect((await api.post(`${BANK}/calibration`, {}, { token: tokens.expert_wang })).status).toBe(403);
  });

  it('lists the flagged items, and sends one back for review with a comment (only with one, only once)', async () => {
    const flagged = await api.get(`${BANK}/flagged`, { token: tokens.expert_wang });
    expect(flagged.status).toBe(200);
    const list = flagged.body as { code: string; planNumber: string; flags: { flag: string }[]; headStatus: string }[];
    const suspect = list.find((f) => f.code === demo.suspectKey.item)!;
    expect([suspect.planNumber, suspect.headStatus]).toEqual([demo.planNumber, 'approved']);
    expect(suspect.flags.map((f) => f.flag)).toContain('key_suspect');
    const path = `${BANK}/items/${demo.suspectKey.item}/stats-review`;
    const inReview = async () =>
      ((await api.get(`${BANK}/items?status=in_review`, { token: tokens.expert_wang })).body as { code: string }[]).map(
        (i) => i.code,
      );
    const blank = await api.post(path, { comment: '  ' }, { token: tokens.expert_wang });
    expect([blank.status, blank.body.error.message]).toEqual([400, expect.stringContaining('必须填写意见')]);
    expect(await inReview()).not.toContain(demo.suspectKey.item);
    const unflagged = list.length;
    const healthy = (await api.get(`${BANK}/items?status=approved`, { token: tokens.expert_wang })).body.find(
      (i: { code: string }) => !list.some((f) => f.code === i.code),
    );
    const refused = await api.post(
      `${BANK}/items/${healthy.code}/stats-review`,
      { comment: '看看' },
      { token: tokens.expert_wang },
    );
    expect([refused.status, refused.body.error.message]).toEqual([400, expect.stringContaining('没有异常')]);
    const sent = await api.post(path, { comment: '高分组多选 B，请核对答案' }, { token: tokens.expert_wang });
    expect(sent.status).toBe(200);
    const queued = (await api.get(`${BANK}/items?status=in_review`, { token: tokens.expert_wang })).body.find(
      (i: { code: string }) => i.code === demo.suspectKey.item,
    );
    expect(queued.reviewComment).toBe('需复核（统计）：高分组多选 B，请核对答案');
    expect(queued.version).toBe(sent.body.version);
    const again = await api.post(path, { comment: '再退' }, { token: tokens.expert_wang });
    expect(again.status).toBe(400);
    expect((await api.get(`${BANK}/flagged`, { token: tokens.expert_wang })).body).toHaveLength(unflagged);
  });

  it('lists the review queue’s 需复核（统计） items, and keeps one with a comment (保留), taking it off', async () => {
    const queue = async () =>
      ((await api.get(`${BANK}/stats-review`, { token: tokens.expert_wang })).body as { code: string }[]).map(
        (q) => q.code,
      );
    const before = await queue();
    // the suspect key was returned for review above; the dead distractor waits
    expect(before).not.toContain(demo.suspectKey.item);
    expect(before).toContain(demo.deadDistractor.item);
    expect((await api.get(`${BANK}/stats-review`)).status).toBe(401);
    const path = `${BANK}/items/${demo.deadDistractor.item}/stats-keep`;
    const blank = await api.post(path, { comment: '' }, { token: tokens.expert_wang });
    expect([blank.status, blank.body.error.message]).toEqual([400, expect.stringContaining('必须填写意见')]);
    expect(await queue()).toEqual(before);
    const kept = await api.post(path, { comment: '常见错误选项，保留观察' }, { token: tokens.expert_wang });
    expect([kept.status, kept.body.batch]).toEqual([200, demo.planNumber]);
    expect(await queue()).toEqual(before.filter((c) => c !== demo.deadDistractor.item));
    expect((await api.post(path, { comment: '再次' }, { token: tokens.expert_wang })).status).toBe(400);
  });

  it('binds a certification sign-off to the calibration the assessor saw beside the bands', async () => {
    const token = (await staffTokens(api, ['assessor_zhou'])).assessor_zhou!;
    const status = (await api.get(`${BANK}/status`, { token })).body;
    const difficulties = (await api.get(`${BANK}/difficulties`, { token })).body as { calibratedAt: string | null }[];
    const seen = difficulties.map((d) => d.calibratedAt ?? '').reduce((a, b) => (a > b ? a : b));
    expect(seen).not.toBe('');
    const sign = (statisticsSeen: string) =>
      api.post(
        `${BANK}/certify`,
        { comment: '难度与五级要求相符', expectedHash: status.snapshotHash, statisticsSeen },
        { token },
      );
    const stale = await sign('2026-01-01T00:00:00.000Z');
    expect([stale.status, stale.body.error.message]).toEqual([
      409,
      expect.stringContaining('难度校准在您查看之后已更新'),
    ]);
    // with the calibration it saw, the sign-off passes that check and meets the next: the demo assessor has
    // signed this bank version already (the recorded statistics are in the audit detail of a new sign-off)
    const current = await sign(seen);
    expect([current.status, current.body.error.message]).toEqual([
      409,
      expect.stringContaining('已认证过当前题库版本'),
    ]);
  });

  it('corrects the suspect key where it was found, rescoring the batch (administrators only, with a reason)', async () => {
    const id = await batchId(demo.planNumber);
    const key = 'ABCDEFGH'[demo.suspectKey.option]!;
    const path = `/api/batches/${id}/stats/key-correction`;
    const body = { item: demo.suspectKey.item, key, reason: '' };
    const noReason = await api.post(path, body, { token: tokens.admin });
    expect([noReason.status, noReason.body.error.message]).toEqual([400, expect.stringContaining('须填写理由')]);
    expect((await api.post(path, { ...body, reason: '统计' }, { token: tokens.expert_wang })).status).toBe(403);
    const res = await api.post(
      path,
      { ...body, reason: '统计分析：高分组多选此项，经核实答案有误' },
      { token: tokens.admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.after).toBe(key);
    expect(res.body.rescored.length).toBeGreaterThan(0);
  });
});
