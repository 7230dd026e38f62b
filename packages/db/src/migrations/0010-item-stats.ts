import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Item analysis (统计分析): a batch's test statistics per form ('' = all forms pooled), each item version's
 * statistics and flags per batch and form, and the bank's Rasch calibration per item version (logits,
 * normalised to Σ = 0 over the calibrated items of the bank). The figures most lists filter or sort on sit in
 * columns; the rest (options, reasons, the score distribution) is JSON in text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('batch_stats')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('form', t.text, (c) => c.notNull())
    .addColumn('test_json', t.text, (c) => c.notNull())
    .addColumn('computed_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('computed_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_stats_pk', ['batch_id', 'form'])
    .execute();
  await db.schema
    .createTable('item_stats')
    .addColumn('batch_id', t.text, (c) => c.notNull().references('batches.id'))
    .addColumn('form', t.text, (c) => c.notNull())
    .addColumn('item_code', t.text, (c) => c.notNull())
    .addColumn('item_version', t.integer, (c) => c.notNull())
    .addColumn('n', t.integer, (c) => c.notNull())
    .addColumn('facility', t.real)
    .addColumn('discrimination', t.real)
    .addColumn('flag_count', t.integer, (c) => c.notNull())
    .addColumn('stats_json', t.text, (c) => c.notNull())
    .addColumn('flags_json', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_stats_pk', ['batch_id', 'form', 'item_code', 'item_version'])
    .execute();
  await db.schema.createIndex('item_stats_item_idx').on('item_stats').columns(['item_code', 'item_version']).execute();
  await db.schema
    .createTable('item_calibrations')
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('item_code', t.text, (c) => c.notNull())
    .addColumn('item_version', t.integer, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('n', t.integer, (c) => c.notNull())
    .addColumn('difficulty', t.real)
    .addColumn('se', t.real)
    .addColumn('infit', t.real)
    .addColumn('outfit', t.real)
    .addColumn('batches', t.integer, (c) => c.notNull())
    .addColumn('calibrated_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_calibrations_pk', ['occupation_code', 'level', 'item_code', 'item_version'])
    .execute();
}
