import { type BinaryMatrix, calibrate } from '@kaowu/analysis';
import { type CalibrationStatus, fromJson } from '@kaowu/db';
import { BAND_LOGITS, type CalibrationSource, type Difficulty, type ItemContent } from '@kaowu/domain';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { chunksOf } from '../shared/chunks.ts';
import { fail } from '../shared/failures.ts';
import { batchMatrix, columnKey, type MatrixColumn } from './matrix.ts';
import { statsRules } from './rules.ts';

export interface Bank {
  readonly occupationCode: string;
  readonly level: number;
}

export interface CalibratedItem {
  readonly code: string;
  readonly version: number;
  readonly band: Difficulty;
  readonly status: CalibrationStatus;
  readonly n: number;
  readonly difficulty: number | null;
  readonly se: number | null;
  readonly infit: number | null;
  readonly outfit: number | null;
  /** the stored difficulty before this calibration, if any */
  readonly before: number | null;
}

export interface CalibrationReport {
  readonly batches: readonly string[];
  readonly persons: number;
  readonly items: readonly CalibratedItem[];
  readonly calibratedAt: string;
}

/**
 * Calibrates a bank (occupation × level) on the Rasch scale from every batch of it with scored theory attempts:
 * one matrix of all their candidates × all item versions they saw, missing by design where a form or batch
 * did not show an item, so common items link forms and batches onto one scale (CML, @kaowu/analysis). Items
 * with fewer presenters than `stats.minResponses` are left out of the estimation and keep their band.
 * Replaces the bank's stored calibration and reports what moved.
 */
export async function calibrateBank(ctx: ServiceContext, by: string, bank: Bank): Promise<CalibrationReport> {
  await authorize(ctx, by, 'stats.calibrate', { occupationCode: bank.occupationCode });
  const rules = await statsRules(ctx.db);
  const batches = await ctx.db
    .selectFrom('batches')
    .select(['id', 'plan_number'])
    .where('occupation_code', '=', bank.occupationCode)
    .where('level', '=', bank.level)
    .orderBy('created_at')
    .execute();
  const columns: MatrixColumn[] = [];
  const index = new Map<string, number>();
  const people: { batch: number; cells: Map<number, number> }[] = [];
  const used: string[] = [];
  for (const b of batches) {
    const plan = await ctx.db
      .selectFrom('batch_plans')
      .select('batch_id')
      .where('batch_id', '=', b.id)
      .executeTakeFirst();
    if (!plan) continue;
    const { matrix, columns: cols } = await batchMatrix(ctx.db, b.id, b.plan_number);
    if (matrix.persons === 0) continue;
    used.push(b.plan_number);
    const local = cols.map((c) => {
      const key = columnKey(c.code, c.version);
      if (!index.has(key)) {
        index.set(key, columns.length);
        columns.push(c);
      }
      return index.get(key)!;
    });
    const k = cols.length;
    for (let p = 0; p < matrix.persons; p++) {
      const cells = new Map<number, number>();
      for (let i = 0; i < k; i++) {
        const s = matrix.score[p * k + i]!;
        if (!Number.isNaN(s)) cells.set(local[i]!, s >= matrix.items[i]!.maxScore ? 1 : 0);
      }
      people.push({ batch: used.length - 1, cells });
    }
  }
  if (people.length === 0)
    throw fail.invalid(
      `题库 ${bank.occupationCode} ${bank.level} 级还没有任何批次的已评分理论答卷，无法校准`,
      'no scored attempts to calibrate from',
    );
  const K = columns.length;
  const presented = new Array<number>(K).fill(0);
  for (const p of people) for (const i of p.cells.keys()) presented[i]!++;
  const enough = presented.map((n) => n >= rules.minResponses);
  const x = new Int8Array(people.length * K).fill(-1);
  people.forEach((p, r) => {
    for (const [i, v] of p.cells) if (enough[i]) x[r * K + i] = v;
  });
  const data: BinaryMatrix = { persons: people.length, items: K, x };
  const rasch = calibrate(data);
  const previous = new Map(
    (
      await ctx.db
        .selectFrom('item_calibrations')
        .select(['item_code', 'item_version', 'difficulty'])
        .where('occupation_code', '=', bank.occupationCode)
        .where('level', '=', bank.level)
        .execute()
    ).map((r) => [columnKey(r.item_code, r.item_version), r.difficulty]),
  );
  const items: CalibratedItem[] = columns.map((c, i) => {
    const r = rasch.items[i]!;
    const calibrated = enough[i] && r.status === 'calibrated';
    return {
      code: c.code,
      version: c.version,
      band: c.band,
      status: enough[i] ? r.status : 'too_few',
      n: presented[i]!,
      difficulty: calibrated ? r.difficulty : null,
      se: calibrated ? r.se : null,
      infit: calibrated ? r.infit : null,
      outfit: calibrated ? r.outfit : null,
      before: previous.get(columnKey(c.code, c.version)) ?? null,
    };
  });
  const at = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('item_calibrations')
      .where('occupation_code', '=', bank.occupationCode)
      .where('level', '=', bank.level)
      .execute();
    for (const chunk of chunksOf(items, 200))
      await trx
        .insertInto('item_calibrations')
        .values(
          chunk.map((it) => ({
            occupation_code: bank.occupationCode,
            level: bank.level,
            item_code: it.code,
            item_version: it.version,
            status: it.status,
            n: it.n,
            difficulty: it.difficulty,
            se: it.se,
            infit: it.infit,
            outfit: it.outfit,
            batches: used.length,
            calibrated_at: at,
          })),
        )
        .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'stats.calibrate',
      entity: 'bank',
      entityId: `${bank.occupationCode}/${bank.level}`,
      detail: {
        batches: used,
        persons: people.length,
        calibrated: items.filter((i) => i.difficulty !== null).length,
        items: items.length,
      },
    });
  });
  return { batches: used, persons: people.length, items, calibratedAt: at };
}

export interface ItemDifficulty {
  readonly code: string;
  readonly version: number;
  readonly band: Difficulty;
  /** logits on the bank's scale */
  readonly difficulty: number;
  readonly se: number | null;
  readonly source: CalibrationSource;
  /** when the calibration that gave this difficulty ran (null: the band's) */
  readonly calibratedAt: string | null;
}

/**
 * The difficulty of every approved item version of a bank on the logit scale, for the assembler: the Rasch
 * calibration where there is one, else its certified band mapped by BAND_LOGITS (one logit per band, 中等 = 0).
 */
export async function itemDifficulties(ctx: ServiceContext, by: string, bank: Bank): Promise<ItemDifficulty[]> {
  await authorize(ctx, by, 'stats.read', { occupationCode: bank.occupationCode });
  const versions = await ctx.db
    .selectFrom('item_versions as v')
    .innerJoin('items as i', 'i.id', 'v.item_id')
    .select(['i.code', 'v.version', 'v.content_json'])
    .where('i.occupation_code', '=', bank.occupationCode)
    .where('i.level', '=', bank.level)
    .where('v.status', '=', 'approved')
    .orderBy('i.code')
    .execute();
  const calibrated = new Map(
    (
      await ctx.db
        .selectFrom('item_calibrations')
        .select(['item_code', 'item_version', 'difficulty', 'se', 'calibrated_at'])
        .where('occupation_code', '=', bank.occupationCode)
        .where('level', '=', bank.level)
        .where('difficulty', 'is not', null)
        .execute()
    ).map((r) => [columnKey(r.item_code, r.item_version), r]),
  );
  return versions.map((v) => {
    const band = (fromJson(v.content_json) as ItemContent).difficulty;
    const c = calibrated.get(columnKey(v.code, v.version));
    return c
      ? {
          code: v.code,
          version: v.version,
          band,
          difficulty: c.difficulty!,
          se: c.se,
          source: 'calibrated' as const,
          calibratedAt: c.calibrated_at,
        }
      : {
          code: v.code,
          version: v.version,
          band,
          difficulty: BAND_LOGITS[band],
          se: null,
          source: 'band' as const,
          calibratedAt: null,
        };
  });
}
