import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fromJson, toJson } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import { BAND_LOGITS, calibrationHash, type Difficulty, type Paper } from '@kaowu/domain';
import { assemblePapers } from '../index.ts';
import { assemblyCalibration, loadPaper, verifyStoredPaper } from './papers.ts';
import { createDemoFixture, DEMO_BANK, type Fixture, refusal } from '../testing/bank.ts';

const bank = { occupationCode: '6-31-01-03', level: 5 as const };
/** The demo blueprint measured at θ = 0.4 (whether or not the file names a cut already). */
const BLUEPRINT = `${readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8').replace(/^cut:[^\n]*(\n {2}[^\n]*)*\n?/m, '')}
cut:
  ability: 0.4
`;

/** Stores a calibration as `kaowu stats calibrate` leaves it: one row per item version, logits or null. */
async function storeCalibration(f: Fixture, logit: (code: string, band: Difficulty, i: number) => number | null) {
  const versions = await f.ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.code', 'v.version', 'v.content_json'])
    .where('v.status', '=', 'approved')
    .orderBy('i.code')
    .execute();
  await f.ctx.db.deleteFrom('item_calibrations').execute();
  const rows = versions.map((v, i) => {
    const band = fromJson(v.content_json).difficulty;
    const d = logit(v.code, band, i);
    return {
      ...{ occupation_code: bank.occupationCode, level: bank.level, item_code: v.code, item_version: v.version },
      ...{ status: d === null ? ('too_few' as const) : ('calibrated' as const), n: 120, difficulty: d },
      ...{ se: d === null ? null : 0.2, infit: null, outfit: null, batches: 2, calibrated_at: '2026-12-01T00:00:00Z' },
    };
  });
  for (let k = 0; k < rows.length; k += 200)
    await f.ctx.db
      .insertInto('item_calibrations')
      .values(rows.slice(k, k + 200))
      .execute();
  return new Map(rows.filter((r) => r.difficulty !== null).map((r) => [r.item_code, r.difficulty!]));
}

/** Σ points × P(θ) and Σ P(1 − P) computed here from the paper's items, independently of the assembler. */
function expectedAt(paper: Paper, logits: ReadonlyMap<string, number>, theta: number) {
  let score = 0;
  let information = 0;
  for (const s of paper.sections)
    for (const i of s.items) {
      const b = logits.get(i.code) ?? BAND_LOGITS[i.content.difficulty];
      const p = 1 / (1 + Math.exp(b - theta));
      score += i.points * p;
      information += p * (1 - p);
    }
  return { score, information };
}

describe('papers measured with the bank’s stored calibration', () => {
  it('assembles with the calibrated difficulties, records their hash, and verification re-derives the measures', async () => {
    const f = await createDemoFixture({ load: true });
    // Every other item calibrated half a logit above its band; the rest (too few presenters) keep their band.
    const logits = await storeCalibration(f, (_code, band, i) => (i % 2 === 0 ? BAND_LOGITS[band] + 0.5 : null));
    const r = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '2027-01', forms: 2 });
    const snapshotItems = await f.ctx.db.selectFrom('items').select('code').execute();
    expect(logits.size).toBe(Math.ceil(snapshotItems.length / 2));
    const calibration = Object.fromEntries(logits);
    expect(r.calibration).toEqual({ hash: calibrationHash(calibration), items: logits.size });
    for (const p of r.papers) {
      const { paper } = await loadPaper(f.ctx, p.id);
      expect(paper.inputs.calibrationHash).toBe(calibrationHash(calibration));
      const mine = expectedAt(paper, logits, 0.4);
      const atCut = p.measures.atCut!;
      expect(atCut.ability).toBe(0.4);
      expect(atCut.expectedScore).toBeCloseTo(mine.score, 2);
      expect(atCut.information).toBeCloseTo(mine.information, 3);
      expect(atCut.calibrated).toBe(paper.sections.flatMap((s) => s.items).filter((i) => logits.has(i.code)).length);
      // The band-only figure is different: the calibration really was used.
      const bands = expectedAt(paper, new Map(), 0.4);
      expect(Math.abs(bands.score - atCut.expectedScore)).toBeGreaterThan(1);
    }
    // Recalibrating the bank afterwards changes nothing about the sealed paper: verification uses the stored numbers.
    await storeCalibration(f, (_code, band) => BAND_LOGITS[band] - 1);
    const a = r.papers[0]!;
    expect(await verifyStoredPaper(f.ctx, a.id)).toEqual({ hash: a.hash, measures: a.measures });
    // …while a new assembly reads the new calibration, so its measures differ.
    const next = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: '2027-01', forms: 2 });
    expect(next.calibration?.hash).not.toBe(r.calibration?.hash);
    expect(next.papers[0]!.measures.atCut!.expectedScore).toBeGreaterThan(a.measures.atCut!.expectedScore + 5);
  });

  it('uses a calibration only for the item version it was estimated on', async () => {
    const f = await createDemoFixture({ load: true });
    const logits = await storeCalibration(f, (_code, band) => BAND_LOGITS[band] + 0.25);
    const [first] = logits.keys();
    await sql`update item_calibrations set item_version = 2 where item_code = ${first!}`.execute(f.ctx.db);
    const snapshot = await f.ctx.db
      .selectFrom('items as i')
      .innerJoin('item_versions as v', 'v.item_id', 'i.id')
      .select(['i.code', 'v.version'])
      .execute();
    const used = await assemblyCalibration(f.ctx.db, bank, snapshot);
    expect(Object.keys(used)).toHaveLength(logits.size - 1);
    expect(used[first!]).toBeUndefined();
  });

  it('refuses a paper whose stored calibration was altered, and one verified against another calibration', async () => {
    const f = await createDemoFixture({ load: true });
    await storeCalibration(f, (_code, band) => BAND_LOGITS[band] + 0.5);
    const { papers } = await assemblePapers(f.ctx, 'admin', bank, { blueprint: BLUEPRINT, seed: 's' });
    const id = papers[0]!.id;
    const before = await f.ctx.db
      .selectFrom('papers')
      .select('calibration_json')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = fromJson(before.calibration_json!);
    const altered = toJson(Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, v + 0.1])));
    await f.ctx.db.updateTable('papers').set({ calibration_json: altered }).where('id', '=', id).execute();
    const r = await refusal(verifyStoredPaper(f.ctx, id));
    expect(r).toMatchObject({ code: 'paper_altered', message: '试卷记录的试题难度校准值已被改动' });
    await f.ctx.db.updateTable('papers').set({ calibration_json: null }).where('id', '=', id).execute();
    expect((await refusal(verifyStoredPaper(f.ctx, id))).code).toBe('paper_altered');
  });
});
