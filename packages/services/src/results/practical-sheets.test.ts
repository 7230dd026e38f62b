import { describe, expect, it } from 'vitest';
import { enterSheetScores, practicalSheets, scoreStatus, setPlan, signPracticalSheet } from '../index.ts';
import { refusal } from '../testing/bank.ts';
import { staffSeededBatch } from '../testing/exam.ts';
import { ASSESSMENT_PLAN, createResultsFixture } from '../testing/results.ts';

const CRITERIA = [
  { code: 'wiring', name: '线路敷设与接线', points: 40 },
  { code: 'safety', name: '安全文明生产', points: 20 },
  { code: 'test', name: '通电试验', points: 40 },
];
const withCriteria = (criteria: typeof CRITERIA) => ({
  ...ASSESSMENT_PLAN,
  components: [
    { code: 'theory', name: '理论知识', kind: 'theory' as const, weight: 30 },
    { code: 'skill', name: '操作技能', kind: 'practical' as const, weight: 70, criteria },
  ],
});

describe('practical score sheets (实操考评表)', () => {
  it('needs criteria whose points sum to the component’s 100', async () => {
    const f = await createResultsFixture({ candidates: 2 });
    const short = CRITERIA.map((c) => (c.code === 'safety' ? { ...c, points: 10 } : c));
    expect((await refusal(setPlan(f.ctx, 'admin', f.planNumber, withCriteria(short)))).details).toEqual([
      '操作技能的考评细则分值合计 90 分，应为 100 分',
    ]);
  });

  it('gives one sheet per candidate × assessor, enters by criterion into double entry, and records the sign-off', async () => {
    const f = await createResultsFixture({ candidates: 2, plan: withCriteria(CRITERIA) });
    const sheets = await practicalSheets(f.ctx, 'admin', f.planNumber);
    expect(sheets.map((s) => `${s.candidate.ticket}:${s.assessor.id}`)).toEqual(
      f.candidates.flatMap((c) => ['chen', 'liu', 'zhou'].map((a) => `${c.ticket}:${a}`)),
    );
    expect(new Set(sheets.map((s) => s.id)).size).toBe(6);
    expect((await practicalSheets(f.ctx, 'admin', f.planNumber)).map((s) => s.id)).toEqual(sheets.map((s) => s.id));
    expect(sheets[0]).toMatchObject({ occupation: '电工', level: '五级/初级工', criteria: CRITERIA, photo: false });

    // Every problem named, nothing entered.
    const bad = await refusal(
      enterSheetScores(f.ctx, 'admin', f.planNumber, { sheetId: sheets[0]!.id, scores: { wiring: 41, test: 30.3 } }),
    );
    expect(bad.details).toEqual([
      { sheet: sheets[0]!.id, message: '「线路敷设与接线」得分 41 超出范围（0–40 分）' },
      { sheet: sheets[0]!.id, message: '「安全文明生产」未评分' },
      { sheet: sheets[0]!.id, message: '「通电试验」得分 30.3 应为整分或半分' },
    ]);
    expect(await f.ctx.db.selectFrom('score_entries').selectAll().execute()).toEqual([]);

    // The first candidate's three sheets, entered by admin and again by clerk: totals 35.5+18+30 = 83.5, ….
    const first = sheets.filter((s) => s.candidate.ticket === f.candidates[0]!.ticket);
    const marks = [
      { wiring: 35.5, safety: 18, test: 30 },
      { wiring: 36, safety: 17, test: 32 },
      { wiring: 34, safety: 18, test: 31.5 },
    ];
    for (const who of ['admin', 'clerk'])
      for (const [i, s] of first.entries())
        expect(await enterSheetScores(f.ctx, who, f.planNumber, { sheetId: s.id, scores: marks[i]! })).toEqual({
          sheetId: s.id,
          total: [83.5, 85, 83.5][i],
        });
    expect((await scoreStatus(f.ctx, 'admin', f.planNumber)).finalSheets).toBe(3);
    const sources = await f.ctx.db.selectFrom('score_entries').select(['source', 'value']).orderBy('seq').execute();
    expect(sources.slice(0, 3)).toEqual(first.map((s, i) => ({ source: `sheet:${s.id}`, value: [83.5, 85, 83.5][i] })));

    // Only the sheet's own assessor signs it, once, after its scores were entered. The panel is on the batch's staff.
    await staffSeededBatch(
      f.ctx,
      f.batchId,
      ['chen', 'liu', 'zhou'].map((username) => ({ username, duty: 'assessor' as const })),
    );
    expect((await refusal(signPracticalSheet(f.ctx, 'liu', f.planNumber, first[0]!.id))).code).toBe('forbidden');
    const second = sheets.find((s) => s.candidate.ticket === f.candidates[1]!.ticket && s.assessor.id === 'chen')!;
    expect((await refusal(signPracticalSheet(f.ctx, 'chen', f.planNumber, second.id))).message).toContain(
      '尚未录入分数',
    );
    expect(await signPracticalSheet(f.ctx, 'chen', f.planNumber, first[0]!.id)).toMatchObject({ total: 83.5 });
    expect((await refusal(signPracticalSheet(f.ctx, 'chen', f.planNumber, first[0]!.id))).code).toBe('conflict');
    expect((await practicalSheets(f.ctx, 'chen', f.planNumber)).find((s) => s.id === first[0]!.id)?.signedAt).not.toBe(
      null,
    );
  });
});
