import {
  chinaDate,
  isoDate,
  KaowuError,
  maskIdNumber,
  maskName,
  type ObjectionOutcome,
  OBJECTION_OUTCOMES,
} from '@kaowu/domain';
import { fromJson, toJson } from '@kaowu/db';
import { addDays, publicityWindow, type PublicityWindow } from '@kaowu/grading';
import { candidateListReport } from '@kaowu/reports';
import { auditChainHead } from '../audit/writer.ts';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { batchCandidates, findBatch, type ResultsBatch } from './batch.ts';
import {
  addNoticeObjection,
  noticeWindowRow,
  CANDIDATE_LIST_NOTICE,
  noticeRecord,
  type ObjectionLine,
  resolveNoticeObjection,
} from './public-notice.ts';
import { getResultsSettings } from './settings.ts';

/**
 * The candidate list published before the exam (职工认定名单公示, Nanxun: 须公示5个工作日): masked, for at least
 * five working days counted like the results publicity (Chinese holidays and make-up workdays), with objections
 * recorded and handled. While the window runs the roster is frozen, and no room opens before it has ended unless
 * an administrator gives a written reason (proctor.ts).
 */

export interface CandidateListLine {
  readonly ticket: string;
  /** Masked as the settings say (公示信息脱敏). */
  readonly name: string;
  readonly idNumber: string;
  readonly unit: string;
}

export interface CandidateListView {
  readonly planNumber: string;
  readonly publishedOn: string;
  readonly window: PublicityWindow;
  /** open: today is within the window; ended: it has run its course. */
  readonly state: 'open' | 'ended';
  readonly daysLeft: number;
  /** The first day a room may open without an administrator's reason. */
  readonly opensFrom: string;
  readonly lines: readonly CandidateListLine[];
  readonly objections: readonly ObjectionLine[];
  /** False when the roster changed after publication: the list must be published again. */
  readonly matchesRoster: boolean;
}

export const candidateListPublishInput = z.strictObject({
  publishedOn: isoDate.optional(),
  workingDays: z.number().int().optional(),
});
export const candidateListObjectionInput = z.strictObject({
  text: z.string(),
  ticket: z.string().trim().min(1).optional(),
  raisedAt: z.iso.datetime({ offset: true }).optional(),
});
export const candidateListResolutionInput = z.strictObject({
  outcome: z.enum(OBJECTION_OUTCOMES),
  note: z.string(),
});

type ListRow = {
  published_on: string;
  working_days: number;
  count_publication_day: number;
  last_day: string;
  tickets_json: string;
};

async function listRow(db: Executor, batchId: string) {
  return db.selectFrom('candidate_lists').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
}

function windowOf(row: ListRow): PublicityWindow {
  const w = publicityWindow(row.published_on, row.working_days, row.count_publication_day === 1);
  if (!w.ok) throw refuse(w.error, PUBLICITY_ERRORS);
  return w.value;
}

async function loadRecord(db: Executor, batch: ResultsBatch) {
  const row = await listRow(db, batch.id);
  if (!row) throw fail.invalid(`批次 ${batch.planNumber} 的考生名单尚未公示`, 'candidate list not published');
  return { row, ...(await noticeRecord(db, CANDIDATE_LIST_NOTICE, batch, row)) };
}

async function view(ctx: ServiceContext, batch: ResultsBatch): Promise<CandidateListView> {
  const { row, lines } = await loadRecord(ctx.db, batch);
  const window = windowOf(row);
  const today = chinaDate(ctx.now());
  const settings = await getResultsSettings(ctx);
  const people = await batchCandidates(ctx.db, batch.id);
  const published = fromJson(row.tickets_json);
  return {
    planNumber: batch.planNumber,
    publishedOn: row.published_on,
    window,
    state: today <= window.lastDay ? 'open' : 'ended',
    daysLeft: window.days.filter((d) => d >= today).length,
    opensFrom: addDays(window.lastDay, 1),
    lines: people.map((p) => ({
      ticket: p.ticket,
      name: maskName(p.name, settings.masking),
      idNumber: maskIdNumber(p.id_number, settings.masking),
      unit: p.unit,
    })),
    objections: lines,
    matchesRoster: JSON.stringify(people.map((p) => p.ticket)) === JSON.stringify(published),
  };
}

/**
 * Publishes the batch's candidate list for N working days (the setting publicity.workingDays, at least 5).
 * Refused while a window is running; publishing again afterwards (after a correction) starts a new window.
 */
export async function publishCandidateList(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  raw: z.input<typeof candidateListPublishInput> = {},
): Promise<CandidateListView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'publicity.write', { batchId: batch.id });
  const input = candidateListPublishInput.parse(raw);
  const settings = await getResultsSettings(ctx);
  const publishedOn = input.publishedOn ?? chinaDate(ctx.now());
  const current = await listRow(ctx.db, batch.id);
  if (current && publishedOn <= current.last_day)
    throw new KaowuError(
      'candidate_list_frozen',
      `考生名单正在公示（至 ${current.last_day}），公示期间不得重新公示`,
      'the candidate list is being published',
    );
  const people = await batchCandidates(ctx.db, batch.id);
  if (people.length === 0) throw fail.invalid(`批次 ${batch.planNumber} 还没有考生名单`, 'no candidates');
  const row = {
    ...noticeWindowRow(ctx, by, batch, settings, publishedOn, input.workingDays),
    tickets_json: toJson(people.map((p) => p.ticket)),
  };
  const workingDays = row.working_days;
  await ctx.db.transaction().execute(async (trx) => {
    const { batch_id: _key, ...update } = row;
    await trx
      .insertInto('candidate_lists')
      .values(row)
      .onConflict((oc) => oc.column('batch_id').doUpdateSet(update))
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.list.publish',
      entity: 'batch',
      entityId: batch.id,
      detail: { publishedOn, workingDays, lastDay: row.last_day, candidates: people.length },
    });
  });
  return view(ctx, batch);
}

export async function getCandidateList(ctx: ServiceContext, by: string, batchRef: string): Promise<CandidateListView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'publicity.read', { batchId: batch.id });
  return view(ctx, batch);
}

/** The masked list as a workbook (公示名单), for posting. */
export async function candidateListWorkbook(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  const list = await getCandidateList(ctx, by, batchRef);
  const batch = await findBatch(ctx.db, batchRef);
  const settings = await getResultsSettings(ctx);
  const occupation = await ctx.db
    .selectFrom('occupations')
    .select('name')
    .where('code', '=', batch.occupationCode)
    .executeTakeFirst();
  return candidateListReport(
    {
      enterpriseName: settings.enterpriseName,
      planNumber: batch.planNumber,
      occupationName: occupation?.name ?? batch.occupationCode,
      level: batch.level,
      date: list.publishedOn,
      contact: settings.contact,
      auditHead: await auditChainHead(ctx.db),
    },
    list.lines,
    list.window,
  );
}

/** Records an objection received during the window (by whom it concerns, when given). */
export async function addCandidateListObjection(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  raw: z.input<typeof candidateListObjectionInput>,
): Promise<{ id: string }> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'publicity.write', { batchId: batch.id });
  const input = candidateListObjectionInput.parse(raw);
  const { row } = await loadRecord(ctx.db, batch);
  return addNoticeObjection(ctx, by, CANDIDATE_LIST_NOTICE, batch, row, input);
}

/** Upheld (correct the roster after the window and publish again) or dismissed, with the handling noted. */
export async function resolveCandidateListObjection(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  id: string,
  raw: { outcome: ObjectionOutcome; note: string },
): Promise<void> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'publicity.write', { batchId: batch.id });
  const input = candidateListResolutionInput.parse(raw);
  const { row } = await loadRecord(ctx.db, batch);
  await resolveNoticeObjection(ctx, by, CANDIDATE_LIST_NOTICE, batch, row, id, input);
}

/** The list's last day when today is within its window (the roster is frozen, rooms wait); else undefined. */
export async function candidateListRunning(db: Executor, batchId: string, now: Date): Promise<string | undefined> {
  const row = await listRow(db, batchId);
  const today = chinaDate(now);
  return row && row.published_on <= today && today <= row.last_day ? row.last_day : undefined;
}

/** The refusal of a roster change while the list is published (to its last day). */
export const candidateListFrozen = (lastDay: string): KaowuError =>
  new KaowuError(
    'candidate_list_frozen',
    `考生名单公示至 ${lastDay}，公示期间不得更改名单`,
    'the candidate list is frozen while published',
  );
