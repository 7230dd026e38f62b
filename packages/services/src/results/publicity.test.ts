import { describe, expect, it } from 'vitest';
import {
  addObjection,
  computeDecisions,
  correctKey,
  exportAllResults,
  exportResults,
  finaliseResults,
  getPublicity,
  importScores,
  publishResults,
  resolveObjection,
  setResultsSetting,
} from '../index.ts';
import { sql } from 'kysely';
import { batchStats } from '../analysis/batch-stats.ts';
import { auditRowsLike } from '../testing/bank.ts';
import {
  allRight,
  createResultsFixture,
  enterScores,
  evenScores,
  recordEligible,
  satAllRight,
  sitExam,
  skillSheet,
  type ResultsFixture,
} from '../testing/results.ts';

async function decided(start?: string): Promise<ResultsFixture> {
  const f = await satAllRight({ candidates: 3, ...(start ? { start } : {}) });
  await enterScores(
    f,
    evenScores(f, (i) => 70 + i),
  );
  f.setNow(start === undefined ? '2026-09-25T15:00:00+08:00' : new Date(Date.parse(start) + 86_400_000).toISOString());
  await computeDecisions(f.ctx, 'admin', f.batchId);
  return f;
}

describe('publicity of the results', () => {
  it('refuses to publish while any decision is pending', async () => {
    const f = await createResultsFixture({ candidates: 2 });
    await recordEligible(f);
    await sitExam(f, [allRight(), allRight()]);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    await expect(publishResults(f.ctx, 'admin', f.batchId)).rejects.toThrow(
      `有 2 名考生的认定结果待定，不能公示：${f.candidates.map((c) => c.ticket).join('、')}`,
    );
  });

  // A year without holiday data is refused.
  it('counts 5 working days across 国庆 with its make-up Saturday', async () => {
    const f = await decided();
    await expect(publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-24' })).rejects.toThrow(
      '公示日期 2026-09-24 早于认定结果的计算日期 2026-09-25',
    );
    await expect(publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2027-03-01' })).rejects.toThrow(
      /没有 2027 年的法定节假日安排数据/,
    );
    await expect(
      publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-28', workingDays: 3 }),
    ).rejects.toThrow('公示期不得少于 5 个工作日');
    await expect(setResultsSetting(f.ctx, 'admin', 'publicity.workingDays', '4')).rejects.toThrow(
      /公示期不得少于 5 个工作日/,
    );
    expect([...(await exportAllResults(f.ctx, 'admin', f.batchId)).keys()]).toEqual(['summary', 'full']);
    const view = await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-28' });
    expect([...(await exportAllResults(f.ctx, 'admin', f.batchId)).keys()]).toEqual(['summary', 'publicity', 'full']);
    await expect(exportResults(f.ctx, 'admin', f.batchId, 'confirmation')).rejects.toThrow(
      '认定结果尚未在公示期满后确认',
    );
    expect(view.window).toEqual({
      firstDay: '2026-09-29',
      lastDay: '2026-10-10',
      days: ['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10'],
    });
    expect(view).toMatchObject({ state: 'open', stateName: '公示中', matchesDecisions: true });
  });

  it('counts 春节 2026 with its make-up Saturday, and takes the length from the settings', async () => {
    // Published on the Tuesday before 春节: Feb 14 (Sat) is a make-up workday, Feb 15–23 are off.
    const f = await decided('2026-02-09T09:30:00+08:00');
    const view = await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-02-10' });
    expect(view.window.days).toEqual(['2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24']);
    await setResultsSetting(f.ctx, 'admin', 'publicity.workingDays', '7');
    await setResultsSetting(f.ctx, 'admin', 'publicity.countPublicationDay', 'true');
    const longer = await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-02-12' });
    expect(longer.window.days).toEqual([
      '2026-02-12',
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
    ]);
  });

  // Only with no objection open, and only for the decisions published.
  it('makes results final only after the window closes', async () => {
    const f = await decided();
    const [a] = f.candidates;
    f.setNow('2026-09-28T09:00:00+08:00');
    await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-28' });
    const { id } = await addObjection(f.ctx, 'admin', f.batchId, {
      ticket: a!.ticket,
      text: '对理论成绩有疑问',
      raisedAt: '2026-09-30T10:00:00+08:00',
    });
    await expect(
      addObjection(f.ctx, 'admin', f.batchId, { text: '迟到的异议', raisedAt: '2026-10-11T10:00:00+08:00' }),
    ).rejects.toThrow('异议提出日期 2026-10-11 不在公示期内（2026-09-28 至 2026-10-10）');
    await expect(
      addObjection(f.ctx, 'admin', f.batchId, { text: '  ', raisedAt: '2026-09-30T10:00:00+08:00' }),
    ).rejects.toThrow('异议内容不能为空');

    f.setNow('2026-10-10T23:59:00+08:00');
    await expect(finaliseResults(f.ctx, 'admin', f.batchId)).rejects.toThrow(
      '公示期至 2026-10-10 结束（还有 1 个工作日），期满后才能确认结果',
    );
    f.setNow('2026-10-11T00:00:00+08:00');
    await expect(finaliseResults(f.ctx, 'admin', f.batchId)).rejects.toThrow(
      '还有 1 条异议未处理，处理完毕后才能确认结果',
    );
    expect((await getPublicity(f.ctx, 'admin', f.batchId)).stateName).toBe('公示期满，尚有异议未处理');

    // Upheld: the key is corrected, decisions change, so the list must be published again.
    await resolveObjection(f.ctx, 'admin', f.batchId, id, {
      outcome: 'upheld',
      note: '第 1 题答案有误，更正后重新计分',
    });
    await expect(resolveObjection(f.ctx, 'admin', f.batchId, id, { outcome: 'dismissed', note: 'x' })).rejects.toThrow(
      /已处理/,
    );
    await correctKey(f.ctx, 'admin', f.batchId, { item: 'Q001', key: '正确', reason: '异议成立，更正答案' });
    await expect(finaliseResults(f.ctx, 'admin', f.batchId)).rejects.toThrow('认定结果在公示后有变更，须重新公示');
    const again = await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-10-12' });
    expect(again.window.lastDay).toBe('2026-10-19');
    f.setNow('2026-10-20T09:00:00+08:00');
    const final = await finaliseResults(f.ctx, 'admin', f.batchId);
    expect(final).toMatchObject({
      state: 'final',
      stateName: '公示期满无异议，结果生效',
      finalisedAt: '2026-10-20T01:00:00.000Z',
    });
    // the item analysis followed on its own, stored for the bank's people, by whoever finalised (issue 13)
    expect(final.statistics).toEqual({ status: 'computed', persons: 3, flagged: 0 });
    const stats = await batchStats(f.ctx, 'admin', f.batchId);
    expect([stats.computedAt, stats.forms[0]!.test.n]).toEqual(['2026-10-20T01:00:00.000Z', 3]);
    expect(
      (await auditRowsLike(f.ctx.db, 'stats.compute')).map((r) => [r.actor, JSON.parse(r.detail_json).trigger]),
    ).toEqual([['admin', 'results.finalise']]);
    expect(final.objections).toEqual([
      expect.objectContaining({
        ticket: a!.ticket,
        text: '对理论成绩有疑问',
        resolution: expect.objectContaining({ outcome: 'upheld' }),
      }),
    ]);

    await expect(computeDecisions(f.ctx, 'admin', f.batchId)).rejects.toThrow(/认定结果已于公示期满后生效，不能再修改/);
    await expect(
      importScores(
        f.ctx,
        'admin',
        f.batchId,
        await skillSheet(
          f,
          evenScores(f, () => 90),
        ),
      ),
    ).rejects.toThrow(/不能再修改/);
    await expect(publishResults(f.ctx, 'admin', f.batchId)).rejects.toThrow(/不能再修改/);
  });

  it('finalises even when the automatic statistics fail, and says so in the answer and the audit trail', async () => {
    const f = await decided();
    f.setNow('2026-09-28T09:00:00+08:00');
    await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-28' });
    f.setNow('2026-10-12T09:00:00+08:00');
    // a real failure of the store: its table is gone
    await sql`drop table item_stats`.execute(f.ctx.db);
    const final = await finaliseResults(f.ctx, 'admin', f.batchId);
    expect(final.state).toBe('final');
    expect(final.statistics).toEqual({ status: 'failed', message: expect.stringMatching(/item_stats/) });
    expect((await getPublicity(f.ctx, 'admin', f.batchId)).state).toBe('final');
    const failed = await auditRowsLike(f.ctx.db, 'stats.compute_failed');
    expect(failed.map((r) => [r.actor, r.entity_id])).toEqual([['admin', f.batchId]]);
    expect(JSON.parse(failed[0]!.detail_json)).toMatchObject({ trigger: 'results.finalise' });
    expect(await f.ctx.db.selectFrom('batch_stats').selectAll().execute()).toEqual([]);
  });
});
