import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { paperHash, sha256Hex } from '@kaowu/domain';
import { assemblePapers, changeStatus, exportPaper } from '../index.ts';
import { AssemblyFailure, listPapers, loadPaper, verifyStoredPaper } from './papers.ts';
import { createDemoFixture, DEMO_BANK, refusal } from '../testing/bank.ts';

const BLUEPRINT = readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8');
const bank = { occupationCode: '6-31-01-03', level: 5 as const };

describe('sealed papers from the demo bank', () => {
  it('same snapshot, blueprint and seed give the same papers in another database', async () => {
    const one = await createDemoFixture({ load: true });
    const two = await createDemoFixture({ load: true });
    const a = await assemblePapers(one.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '批次-1', forms: 2 });
    two.tick(60 * 24);
    const b = await assemblePapers(two.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '批次-1', forms: 2 });
    expect(b.papers.map((p) => p.hash)).toEqual(a.papers.map((p) => p.hash));
    expect(a.papers.map((p) => [p.form, p.items])).toEqual([
      ['A', 190],
      ['B', 190],
    ]);
    const c = await assemblePapers(one.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '批次-2' });
    expect(c.papers[0]?.hash).not.toBe(a.papers[0]?.hash);
  });

  it('re-assembles a stored paper from its recorded inputs, even after the bank has changed', async () => {
    const f = await createDemoFixture({ load: true });
    const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's' });
    const id = papers[0]!.id;
    const stored = await loadPaper(f.ctx, id);
    const someItem = stored.paper.sections[1]!.items[0]!.code;
    await changeStatus(f.ctx, 'admin', bank, [someItem], 'retire');
    // The demo blueprint measures exposure over the last 3 batches (with none yet, nothing was seen), and the
    // expected score and information at its cut (no calibration yet: every item at its band's logit).
    expect(papers[0]!.measures).toEqual({
      exposure: { batches: 3, seen: 0, items: 190 },
      atCut: { ability: 0.4, expectedScore: expect.any(Number), information: expect.any(Number), calibrated: 0 },
    });
    expect(await verifyStoredPaper(f.ctx, id)).toEqual({ hash: papers[0]!.hash, measures: papers[0]!.measures });
  });

  it('refuses a tampered paper and fails verification of altered inputs', async () => {
    const f = await createDemoFixture({ load: true });
    const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's', forms: 2 });
    const [a, b] = papers as [(typeof papers)[0], (typeof papers)[0]];
    await sql`update papers set paper_json = replace(paper_json, '"points":0.5', '"points":1')
      where id = ${a.id}`.execute(f.ctx.db);
    await expect(loadPaper(f.ctx, a.id)).rejects.toThrow(/与封存校验码不符/);
    await sql`update papers set seed = 'other',
      blueprint_json = replace(blueprint_json, '"target":2.7', '"target":2.8') where id = ${b.id}`.execute(f.ctx.db);
    const refused = await refusal(verifyStoredPaper(f.ctx, b.id));
    // The assembler's paper_other_blueprint becomes paper_mismatch (409), keeping its specific message.
    expect(refused).toMatchObject({ code: 'paper_mismatch', message: expect.stringMatching(/不是按该组卷方案组成的/) });
  });

  it('refuses an uncertified bank unless drafting', async () => {
    const f = await createDemoFixture({ load: true });
    await sql`delete from certifications`.execute(f.ctx.db);
    await expect(assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's' })).rejects.toThrow(
      /未通过题库难度认证/,
    );
    const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's', draft: true });
    expect((await listPapers(f.ctx, bank)).map((p) => p.draft)).toEqual([true]);
    expect(papers).toHaveLength(1);
  });

  it('excludes items used by the last batch when the blueprint says so', async () => {
    const f = await createDemoFixture({ load: true });
    const first = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 'one' });
    await sql`update papers set batch_id = 'B-1' where id = ${first.papers[0]!.id}`.execute(f.ctx.db);
    const second = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 'two' });
    const codes = async (id: string) =>
      new Set((await loadPaper(f.ctx, id)).paper.sections.flatMap((s) => s.items.map((i) => i.code)));
    const used = await codes(first.papers[0]!.id);
    const fresh = await codes(second.papers[0]!.id);
    expect([...fresh].filter((c) => used.has(c))).toEqual([]);
  });

  it('exports the canonical JSON whose bytes hash to the paper hash, and only to administrators', async () => {
    const f = await createDemoFixture({ load: true });
    const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's' });
    const json = (await exportPaper(f.ctx, 'admin', papers[0]!.id, 'json')) as string;
    const parsed = JSON.parse(json);
    expect(paperHash(parsed)).toBe(papers[0]!.hash);
    expect(json.trimEnd()).not.toContain('\n');
    expect(sha256Hex(json)).toMatch(/^[0-9a-f]{64}$/);
    const xlsx = await exportPaper(f.ctx, 'admin', papers[0]!.id, 'xlsx');
    expect((xlsx as Uint8Array).byteLength).toBeGreaterThan(1000);
    await expect(exportPaper(f.ctx, 'expert_wang', papers[0]!.id, 'json')).rejects.toThrow(/没有考务管理员权限/);
    const reads = await f.ctx.db.selectFrom('audit_log').select('actor').where('action', '=', 'paper.read').execute();
    expect(reads.map((r) => r.actor)).toEqual(['admin', 'admin']);
  });

  it('names the assembly failure when the bank cannot fill the blueprint', async () => {
    const f = await createDemoFixture({ load: true });
    const hard = BLUEPRINT.replace(
      /meanDifficulty:\n {2}target: 2.7\n {2}tolerance: 0.2/,
      'meanDifficulty:\n  target: 4.9\n  tolerance: 0.05',
    );
    const error = await assemblePapers(f.ctx, 'admin', bank, { blueprint: hard, seed: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssemblyFailure);
    expect((error as AssemblyFailure).error.problems.length).toBeGreaterThan(0);
    expect((error as AssemblyFailure).message).toMatch(/难度/);
    // The assembler's assembly_mean is translated, not passed through: a refusal with its own status.
    expect([(error as AssemblyFailure).error.code, (error as AssemblyFailure).code]).toEqual([
      'assembly_mean',
      'assembly_infeasible',
    ]);
  });
});
