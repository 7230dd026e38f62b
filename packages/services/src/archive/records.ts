import { sql } from 'kysely';
import { fromJson, type Database } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';
import { ofBatches } from '../audit/view.ts';
import type { ResultsBatch } from '../results/batch.ts';

/** Tables holding one batch's records, by the archive folder they go to (each as `<folder>/<table>.json`). */
const BATCH_TABLES = {
  batch: [
    'exam_windows',
    'rooms',
    'batch_staff',
    'batch_plans',
    'candidates',
    'candidate_applications',
    'candidate_electives',
    'staff_changes',
    'filing_steps',
  ],
  scores: [
    'panel_members',
    'panel_relations',
    'score_entries',
    'spread_resolutions',
    'key_corrections',
    'practical_sheet_signoffs',
    'theory_scores',
    'decisions',
  ],
  supervision: ['supervision_reports', 'supervision_signatures'],
  publicity: ['publicities', 'objections', 'candidate_lists', 'candidate_list_objections'],
  certificates: ['certificates'],
} as const satisfies Record<string, readonly (keyof Database)[]>;

/** Stored JSON text columns are parsed, so the archive reads as one JSON document per file. */
const parsed = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, k.endsWith('_json') && typeof v === 'string' ? fromJson(v as never) : v]),
  );

/**
 * The batch's records as archive files: its tables (by folder), the sealed papers with their keys, and one answer
 * record per candidate (attempt, every answer, the theory score and the decision).
 */
export async function batchRecords(db: Executor, batch: ResultsBatch): Promise<Map<string, unknown>> {
  const files = new Map<string, unknown>();
  const row = await db.selectFrom('batches').selectAll().where('id', '=', batch.id).executeTakeFirstOrThrow();
  files.set('batch/batches.json', parsed(row));
  for (const [folder, tables] of Object.entries(BATCH_TABLES))
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where batch_id = ${batch.id}`
        .execute(db)
        .then((r) => r.rows);
      files.set(`${folder}/${table}.json`, rows.map(parsed));
    }
  const papers = await db.selectFrom('papers').selectAll().where('batch_id', '=', batch.id).orderBy('form').execute();
  for (const p of papers) files.set(`papers/试卷${p.form}卷 ${p.paper_hash.slice(0, 12)}.json`, parsed(p));

  const candidates = await db
    .selectFrom('candidates')
    .select(['id', 'ticket', 'name', 'id_number'])
    .where('batch_id', '=', batch.id)
    .orderBy('ticket')
    .execute();
  const attempts = await db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .selectAll('a')
    .where('c.batch_id', '=', batch.id)
    .execute();
  const answers = await db
    .selectFrom('answers as x')
    .innerJoin('attempts as a', 'a.id', 'x.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .selectAll('x')
    .where('c.batch_id', '=', batch.id)
    .orderBy('x.attempt_id')
    .orderBy('x.item_code')
    .execute();
  const theory = await db.selectFrom('theory_scores').selectAll().where('batch_id', '=', batch.id).execute();
  const decisions = await db.selectFrom('decisions').selectAll().where('batch_id', '=', batch.id).execute();
  const group = <T extends Record<string, unknown>>(rows: readonly T[], key: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const attemptsOf = group(attempts, (a) => a.candidate_id);
  const answersOf = group(answers, (x) => x.attempt_id);
  const theoryOf = group(theory, (t) => t.candidate_id);
  const decisionOf = group(decisions, (d) => d.candidate_id);
  for (const c of candidates)
    files.set(`answers/${c.ticket}.json`, {
      candidate: c,
      attempts: (attemptsOf.get(c.id) ?? []).map((a) => ({
        ...parsed(a),
        answers: (answersOf.get(a.id) ?? []).map(parsed),
      })),
      theoryScore: (theoryOf.get(c.id) ?? []).map(parsed)[0] ?? null,
      decision: (decisionOf.get(c.id) ?? []).map(parsed)[0] ?? null,
    });
  return files;
}

export type AuditRow = Database['audit_log'];
/** A link of the chain: enough to check that the batch's records hang on the unbroken chain up to the head. */
export type ChainLink = { readonly seq: number; readonly prev: string; readonly hash: string };

/** The batch's audit records in full, and the whole chain's links up to `headSeq`. */
export async function batchAuditExtract(
  db: Executor,
  batch: ResultsBatch,
  headSeq: number,
): Promise<{ records: AuditRow[]; chain: ChainLink[] }> {
  const records = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => ofBatches(eb, [batch.id]))
    .where('seq', '<=', headSeq)
    .orderBy('seq')
    .execute();
  const chain = (
    await db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash'])
      .where('seq', '<=', headSeq)
      .orderBy('seq')
      .execute()
  ).map((r) => ({ seq: r.seq, prev: r.prev_hash, hash: r.hash }));
  return { records, chain };
}
