import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The calibrated difficulties (item code → logit) a paper was assembled and measured with, so verification re-runs
 * the assembler with the very numbers it had, after the bank is calibrated again. Null on papers sealed before it
 * (and on papers assembled with no calibration): those re-run with every item at its band's logit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('papers').addColumn('calibration_json', t.text).execute();
}
