import {
  analyseByForm,
  calibrate,
  dichotomize,
  type Finding,
  flagItem,
  type RaschResult,
  type ResponseMatrix,
} from '@kaowu/analysis';
import { fromJson, type StoredItemStats, type StoredTestStats, toJson } from '@kaowu/db';
import type { Insertable } from 'kysely';
import type { Database } from '@kaowu/db';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { chunksOf } from '../shared/chunks.ts';
import { fail } from '../shared/failures.ts';
import { findBatch, type ResultsBatch } from '../results/batch.ts';
import { batchMatrix, type Excluded, type MatrixColumn } from './matrix.ts';
import { statsRules } from './rules.ts';

export interface ItemStatsLine extends StoredItemStats {
  readonly itemCode: string;
  readonly version: number;
  readonly flags: readonly Finding[];
}

export interface FormStats {
  /** '' = all forms pooled */
  readonly form: string;
  readonly test: StoredTestStats;
  readonly items: readonly ItemStatsLine[];
}

export interface BatchStatsReport {
  readonly batchId: string;
  readonly planNumber: string;
  readonly occupationCode: string;
  readonly level: number;
  readonly computedAt: string;
  readonly forms: readonly FormStats[];
}

const GROUPS = 5;

/**
 * Observed proportion correct (full marks) per score group: the item's presenters ranked by total score and
 * cut into fifths, each with its mean Rasch ability, so the console can draw it against the model curve.
 */
function iccOf(m: ResponseMatrix, i: number, totals: Float64Array, rasch: RaschResult): StoredItemStats['icc'] {
  const k = m.items.length;
  const max = m.items[i]!.maxScore;
  const who: number[] = [];
  for (let p = 0; p < m.persons; p++) if (!Number.isNaN(m.score[p * k + i]!)) who.push(p);
  who.sort((a, b) => totals[a]! - totals[b]!);
  return Array.from({ length: GROUPS }, (_, g) => {
    const part = who.slice(Math.floor((g * who.length) / GROUPS), Math.floor(((g + 1) * who.length) / GROUPS));
    const right = part.filter((p) => m.score[p * k + i]! >= max).length;
    const thetas = part.flatMap((p) => (rasch.persons[p]?.theta == null ? [] : [rasch.persons[p]!.theta!]));
    return {
      n: part.length,
      observed: part.length ? right / part.length : 0,
      theta: thetas.length ? thetas.reduce((a, b) => a + b, 0) / thetas.length : null,
    };
  });
}

function totalsOf(m: ResponseMatrix): Float64Array {
  const k = m.items.length;
  const t = new Float64Array(m.persons);
  for (let p = 0; p < m.persons; p++)
    for (let i = 0; i < k; i++) if (!Number.isNaN(m.score[p * k + i]!)) t[p]! += m.score[p * k + i]!;
  return t;
}

/**
 * Computes and stores a batch's item analysis (on demand, or after its results are final): test and item
 * statistics per form and pooled, a Rasch calibration within the batch for fit and the characteristic
 * curves, and each item's flags with their reasons. Replaces what was stored for the batch before.
 */
export async function computeBatchStats(ctx: ServiceContext, by: string, batchRef: string): Promise<BatchStatsReport> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'stats.compute', { batchId: batch.id });
  const stored = await storeBatchStats(ctx, by, batch, 'request');
  if ('none' in stored) {
    const { excluded } = stored.none;
    throw fail.invalid(
      `批次 ${batch.planNumber} 还没有已评分的理论答卷（缺考 ${excluded.absent}，未交卷 ${excluded.notSubmitted}，未评分 ${excluded.unscored}）；请先计算成绩`,
      'no scored theory attempts',
    );
  }
  return stored.report;
}

/** What the automatic statistics did when a batch's results became final. */
export type StatsAfterFinal =
  | { readonly status: 'computed'; readonly persons: number; readonly flagged: number }
  | { readonly status: 'none' }
  | { readonly status: 'failed'; readonly message: string };

/**
 * The statistics computed automatically once a batch's results are final (finaliseResults calls this right after
 * its transaction commits, on behalf of whoever finalised). A batch without scored theory attempts has nothing to
 * analyse. A failure never undoes the finalisation: it is returned, and written to the audit trail
 * (stats.compute_failed) where an administrator sees it and recomputes on demand.
 */
export async function statsAfterFinal(ctx: ServiceContext, by: string, batchId: string): Promise<StatsAfterFinal> {
  try {
    const stored = await storeBatchStats(ctx, by, await findBatch(ctx.db, batchId), 'results.finalise');
    if ('none' in stored) return { status: 'none' };
    const pooled = stored.report.forms[0]!;
    return {
      status: 'computed',
      persons: pooled.test.n,
      flagged: pooled.items.filter((i) => i.flags.length > 0).length,
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    try {
      await ctx.db.transaction().execute((trx) =>
        audit(trx, ctx, {
          actor: by,
          action: 'stats.compute_failed',
          entity: 'batch',
          entityId: batchId,
          detail: { trigger: 'results.finalise', message },
        }),
      );
    } catch {
      // the failure is still returned to the caller
    }
    return { status: 'failed', message };
  }
}

async function storeBatchStats(
  ctx: ServiceContext,
  by: string,
  batch: ResultsBatch,
  trigger: 'request' | 'results.finalise',
): Promise<{ report: BatchStatsReport } | { none: { excluded: Excluded } }> {
  const { matrix, columns, excluded } = await batchMatrix(ctx.db, batch.id, batch.planNumber);
  if (matrix.persons === 0) return { none: { excluded } };
  const rules = await statsRules(ctx.db);
  const analyses = analyseByForm(matrix);
  const rasch = calibrate(dichotomize(matrix));
  const totals = totalsOf(matrix);
  const at = isoNow(ctx);
  const forms: FormStats[] = analyses.map((a, n) => {
    const pooled = n === 0;
    return {
      form: pooled ? '' : (a.form ?? ''),
      test: { ...a.test, excluded },
      items: a.items.flatMap((s, i): ItemStatsLine[] => {
        if (s.n === 0) return [];
        const col: MatrixColumn = columns[i]!;
        const r = pooled ? (rasch.items[i] ?? null) : null;
        return [
          {
            ...s,
            itemCode: col.code,
            version: col.version,
            type: col.type,
            band: col.band,
            rasch: r,
            icc: pooled ? iccOf(matrix, i, totals, rasch) : [],
            flags: pooled ? flagItem(s, col.band, r, rules) : [],
          },
        ];
      }),
    };
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('item_stats').where('batch_id', '=', batch.id).execute();
    await trx.deleteFrom('batch_stats').where('batch_id', '=', batch.id).execute();
    for (const f of forms) {
      await trx
        .insertInto('batch_stats')
        .values({ batch_id: batch.id, form: f.form, test_json: toJson(f.test), computed_by: by, computed_at: at })
        .execute();
      const rows: Insertable<Database['item_stats']>[] = f.items.map(({ itemCode, version, flags, ...stats }) => ({
        batch_id: batch.id,
        form: f.form,
        item_code: itemCode,
        item_version: version,
        n: stats.n,
        facility: stats.facility,
        discrimination: stats.discrimination,
        flag_count: flags.length,
        stats_json: toJson(stats),
        flags_json: toJson(flags),
      }));
      for (const chunk of chunksOf(rows, 200)) await trx.insertInto('item_stats').values(chunk).execute();
    }
    await audit(trx, ctx, {
      actor: by,
      action: 'stats.compute',
      entity: 'batch',
      entityId: batch.id,
      detail: {
        persons: matrix.persons,
        excluded,
        alpha: forms[0]!.test.alpha,
        flagged: forms[0]!.items.filter((i) => i.flags.length > 0).map((i) => i.itemCode),
        ...(trigger === 'request' ? {} : { trigger }),
      },
    });
  });
  return { report: report(batch, at, forms) };
}

const report = (batch: ResultsBatch, computedAt: string, forms: readonly FormStats[]): BatchStatsReport => ({
  batchId: batch.id,
  planNumber: batch.planNumber,
  occupationCode: batch.occupationCode,
  level: batch.level,
  computedAt,
  forms,
});

/** The stored item analysis of a batch, for the bank's people (authors, reviewers, assessors, administrators). */
export async function batchStats(ctx: ServiceContext, by: string, batchRef: string): Promise<BatchStatsReport> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'stats.read', { occupationCode: batch.occupationCode });
  const tests = await ctx.db.selectFrom('batch_stats').selectAll().where('batch_id', '=', batch.id).execute();
  if (tests.length === 0)
    throw fail.notFound(`批次 ${batch.planNumber} 尚未计算统计分析`, `no statistics for batch ${batch.planNumber}`);
  const items = await ctx.db
    .selectFrom('item_stats')
    .selectAll()
    .where('batch_id', '=', batch.id)
    .orderBy('item_code')
    .execute();
  const forms = tests
    .sort((a, b) => a.form.localeCompare(b.form))
    .map(
      (t): FormStats => ({
        form: t.form,
        test: fromJson(t.test_json),
        items: items
          .filter((i) => i.form === t.form)
          .map((i) => ({
            ...fromJson(i.stats_json),
            itemCode: i.item_code,
            version: i.item_version,
            flags: fromJson(i.flags_json),
          })),
      }),
    );
  return report(batch, tests[0]!.computed_at, forms);
}

export interface ItemHistoryLine {
  readonly planNumber: string;
  readonly batchName: string;
  readonly version: number;
  readonly n: number;
  readonly facility: number | null;
  readonly discrimination: number | null;
  readonly flags: readonly Finding[];
}

/** One item's statistics across batches (pooled figures), oldest batch first: the bank's 统计 history. */
export async function itemStatsHistory(
  ctx: ServiceContext,
  by: string,
  bank: { occupationCode: string; level: number },
  itemCode: string,
): Promise<ItemHistoryLine[]> {
  await authorize(ctx, by, 'stats.read', { occupationCode: bank.occupationCode });
  const rows = await ctx.db
    .selectFrom('item_stats as s')
    .innerJoin('batches as b', 'b.id', 's.batch_id')
    .select([
      'b.plan_number',
      'b.name',
      'b.created_at',
      's.item_version',
      's.n',
      's.facility',
      's.discrimination',
      's.flags_json',
    ])
    .where('s.item_code', '=', itemCode)
    .where('s.form', '=', '')
    .where('b.occupation_code', '=', bank.occupationCode)
    .where('b.level', '=', bank.level)
    .orderBy('b.created_at')
    .execute();
  return rows.map((r) => ({
    planNumber: r.plan_number,
    batchName: r.name,
    version: r.item_version,
    n: r.n,
    facility: r.facility,
    discrimination: r.discrimination,
    flags: fromJson(r.flags_json),
  }));
}

export interface AnalysedBatch {
  readonly batchId: string;
  readonly planNumber: string;
  readonly name: string;
  readonly computedAt: string;
  /** candidates analysed (all forms pooled) */
  readonly n: number;
  /** items with at least one flag */
  readonly flagged: number;
}

/**
 * The bank's batches whose item analysis is stored, newest first: where the bank's people (who do not run
 * batches) open a batch's 统计分析.
 */
export async function analysedBatches(
  ctx: ServiceContext,
  by: string,
  bank: { occupationCode: string; level: number },
): Promise<AnalysedBatch[]> {
  await authorize(ctx, by, 'stats.read', { occupationCode: bank.occupationCode });
  const rows = await ctx.db
    .selectFrom('batch_stats as s')
    .innerJoin('batches as b', 'b.id', 's.batch_id')
    .select(['b.id', 'b.plan_number', 'b.name', 'b.created_at', 's.computed_at', 's.test_json'])
    .where('s.form', '=', '')
    .where('b.occupation_code', '=', bank.occupationCode)
    .where('b.level', '=', bank.level)
    .orderBy('b.created_at', 'desc')
    .execute();
  const flagged = await ctx.db
    .selectFrom('item_stats')
    .select(['batch_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('form', '=', '')
    .where('flag_count', '>', 0)
    .where('batch_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
    .groupBy('batch_id')
    .execute();
  const count = new Map(flagged.map((f) => [f.batch_id, Number(f.count)]));
  return rows.map((r) => ({
    batchId: r.id,
    planNumber: r.plan_number,
    name: r.name,
    computedAt: r.computed_at,
    n: fromJson(r.test_json).n,
    flagged: count.get(r.id) ?? 0,
  }));
}
