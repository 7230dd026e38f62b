import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../audit/writer.ts';
import { auditRowsLike } from '../testing/bank.ts';
import { computeDecisions, correctKey, listDecisions, setPlan } from '../index.ts';
import {
  allRight,
  ASSESSMENT_PLAN,
  createResultsFixture,
  enterScores,
  evenScores,
  recordEligible,
  sitExam,
  sittingWith,
  type ResultsFixture,
} from '../testing/results.ts';

async function scoredBatch(sittings: Parameters<typeof sitExam>[1]): Promise<ResultsFixture> {
  const f = await createResultsFixture({ candidates: sittings.length });
  await recordEligible(f);
  await sitExam(f, sittings);
  const present = Object.fromEntries(
    Object.entries(evenScores(f, () => 80)).filter((_, i) => sittings[i] !== 'absent' && sittings[i] !== 'left'),
  );
  const absent = Object.fromEntries(
    f.candidates
      .filter((_, i) => sittings[i] === 'absent' || sittings[i] === 'left')
      .map((c) => [c.ticket, { chen: 'absent' as const, liu: 'absent' as const, zhou: 'absent' as const }]),
  );
  await enterScores(f, { ...present, ...absent });
  return f;
}

const theoryOf = async (f: ResultsFixture): Promise<(number | null)[]> =>
  (await listDecisions(f.ctx, 'admin', f.batchId)).map((d) => d.decision.theoryScore);

describe('theory scores from the attempts', () => {
  // Sections and outline areas are scored too.
  it('maps each response through the candidate’s variant to the key', async () => {
    // 12 items of 1 point: 12 right → 100, 7 right → 58.3, absent → 缺考.
    const f = await scoredBatch([allRight(), sittingWith(7), 'absent']);
    const summary = await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(summary.theory.scored).toBe(2);
    expect(await theoryOf(f)).toEqual([100, 58.3, null]);
    const decisions = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(decisions.map((d) => d.decision.outcome)).toEqual(['pass', 'fail', 'fail']);
    expect(decisions[1]!.decision.reasons).toEqual(['理论知识成绩 58.3 分，低于合格线 60 分']);
    expect(decisions[2]!.decision.reasons).toEqual(['理论知识缺考', '操作技能缺考']);
    const stored = await f.ctx.db
      .selectFrom('theory_scores')
      .select(['detail_json'])
      .where('candidate_id', '=', f.candidates[1]!.id)
      .executeTakeFirstOrThrow();
    const detail = JSON.parse(stored.detail_json) as { sections: unknown; areas: unknown };
    expect(detail.sections).toEqual([
      { name: '判断题', earned: 4, max: 4 },
      { name: '单选题', earned: 3, max: 4 },
      { name: '多选题', earned: 0, max: 4 },
    ]);
    expect(detail.areas).toEqual([{ name: 'A', earned: 7, max: 12 }]);
    // Recomputing reuses stored scores: nothing is scored twice.
    expect((await computeDecisions(f.ctx, 'admin', f.batchId)).theory.scored).toBe(0);
  });

  it('counts a candidate who logged in but never started as absent, not as a blank paper', async () => {
    const f = await scoredBatch([allRight(), 'left']);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(await theoryOf(f)).toEqual([100, null]);
    const [, left] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(left!.decision.reasons).toContain('理论知识缺考');
  });

  it('applies the plan’s multiple-choice rule', async () => {
    const half = { ...allRight(), Q009: [0], Q010: [0], Q011: [0, 1] };
    const f = await scoredBatch([half]);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(await theoryOf(f)).toEqual([75]);
    await setPlan(f.ctx, 'admin', f.batchId, {
      ...ASSESSMENT_PLAN,
      components: [
        {
          code: 'theory',
          name: '理论知识',
          kind: 'theory',
          weight: 30,
          multipleChoice: { mode: 'subset', percent: 50 },
        },
        ASSESSMENT_PLAN.components![1]!,
      ],
    });
    const summary = await computeDecisions(f.ctx, 'admin', f.batchId);
    // Correct subsets earn half; a wrong choice (Q011 chose B) still earns nothing.
    expect(summary.theory.scored).toBe(1);
    expect(await theoryOf(f)).toEqual([83.3]);
  });

  it('refuses to score an attempt whose recorded answers were altered', async () => {
    const f = await scoredBatch([allRight(), allRight()]);
    const attempt = await f.ctx.db
      .selectFrom('attempts')
      .select('id')
      .where('candidate_id', '=', f.candidates[1]!.id)
      .executeTakeFirstOrThrow();
    await sql`update answers set canonical_json = '[1,3]'
      where attempt_id = ${attempt.id} and item_code = 'Q009'`.execute(f.ctx.db);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    const [, altered] = await listDecisions(f.ctx, 'admin', f.batchId);
    expect(altered!.decision.outcome).toBe('pending');
    expect(altered!.decision.reasons[0]).toBe(
      '理论知识：答卷记录不一致：试题 Q009 的作答与记录的标准答案顺序不符，须核查',
    );
  });
});

describe('rescoring after a key correction', () => {
  it('rescores every affected attempt and recomputes every decision, with the reason audited', async () => {
    // Candidate 0 answered Q001 by the key (false); candidate 1 answered it the other way (true), 7 right in all.
    const f = await scoredBatch([allRight(), { ...sittingWith(7), Q001: true }, allRight()]);
    await computeDecisions(f.ctx, 'admin', f.batchId);
    expect(await theoryOf(f)).toEqual([100, 50, 100]);
    await expect(
      correctKey(f.ctx, 'admin', f.batchId, { item: 'Q001', key: '错', reason: '原答案有误' }),
    ).rejects.toThrow(/答案已经是“错误”/);
    await expect(correctKey(f.ctx, 'admin', f.batchId, { item: 'Q001', key: '对', reason: ' ' })).rejects.toThrow(
      /须填写理由/,
    );
    await expect(correctKey(f.ctx, 'admin', f.batchId, { item: 'Q999', key: 'A', reason: 'x' })).rejects.toThrow(
      /没有试题 Q999/,
    );
    await expect(correctKey(f.ctx, 'admin', f.batchId, { item: 'Q005', key: 'F', reason: 'x' })).rejects.toThrow(
      /只有 4 个选项/,
    );

    const report = await correctKey(f.ctx, 'admin', f.batchId, {
      item: 'Q001',
      key: '正确',
      reason: '依据 GB/T 13869-2017 第 4.2 条，原答案有误',
    });
    const [a, b, c] = f.candidates as [
      ResultsFixture['candidates'][0],
      ResultsFixture['candidates'][0],
      ResultsFixture['candidates'][0],
    ];
    expect(report).toMatchObject({ papers: 1, before: '错误', after: '正确' });
    expect(report.rescored).toEqual([
      { ticket: a.ticket, name: a.name, before: 100, after: 91.7 },
      { ticket: b.ticket, name: b.name, before: 50, after: 58.3 },
      { ticket: c.ticket, name: c.name, before: 100, after: 91.7 },
    ]);
    expect(report.decisions.map((d) => [d.ticket, d.before?.composite, d.after.composite])).toEqual([
      [a.ticket, 86, 83.5],
      [b.ticket, 71, 73.5],
      [c.ticket, 86, 83.5],
    ]);
    expect(await theoryOf(f)).toEqual([91.7, 58.3, 91.7]);

    const audit = await auditRowsLike(f.ctx.db, 'results.');
    const correction = audit.find((r) => r.action === 'results.key.correct')!;
    expect(JSON.parse(correction.detail_json)).toEqual({
      item: 'Q001',
      original: '错误',
      before: '错误',
      after: '正确',
      reason: '依据 GB/T 13869-2017 第 4.2 条，原答案有误',
    });
    const rescores = audit
      .filter((r) => r.action === 'results.theory.rescore')
      .map((r) => JSON.parse(r.detail_json) as { before: number; after: number; items: unknown[] });
    expect(rescores.map((r) => [r.before, r.after, r.items])).toEqual([
      [100, 91.7, [{ code: 'Q001', before: 'correct 1', after: 'wrong 0' }]],
      [50, 58.3, [{ code: 'Q001', before: 'wrong 0', after: 'correct 1' }]],
      [100, 91.7, [{ code: 'Q001', before: 'correct 1', after: 'wrong 0' }]],
    ]);
    expect(audit.at(-1)?.action).toBe('results.compute');
    expect((await verifyAuditTrail(f.ctx.db)).broken).toBeNull();
  });
});
