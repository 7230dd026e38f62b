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
import {
  addDays,
  publicityWindow,
  recordObjection,
  resolveObjection as resolveInRecord,
  type Objection,
  type PublicityRecord,
  type PublicityWindow,
} from '@kaowu/grading';
import { candidateListReport } from '@kaowu/reports';
import { auditChainHead } from '../audit/writer.ts';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { batchCandidates, candidateByTicket, findBatch, type ResultsBatch } from './batch.ts';
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
  readonly objections: readonly (Objection & { ticket: string | null })[];
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
  const objections = await db
    .selectFrom('candidate_list_objections as o')
    .leftJoin('candidates as c', 'c.id', 'o.candidate_id')
    .select(['o.id', 'o.candidate_id', 'o.text', 'o.raised_at', 'o.outcome', 'o.note', 'o.resolved_by'])
    .select(['o.resolved_at', 'c.ticket'])
    .where('o.batch_id', '=', batch.id)
    .orderBy('o.raised_at')
    .orderBy('o.id')
    .execute();
  const record: PublicityRecord = {
    publishedOn: row.published_on,
    workingDays: row.working_days,
    countPublicationDay: row.count_publication_day === 1,
    objections: objections.map((o) => ({
      id: o.id,
      raisedAt: o.raised_at,
      candidateId: o.candidate_id ?? undefined,
      text: o.text,
      resolution:
        o.outcome === null
          ? undefined
          : { at: o.resolved_at ?? '', by: o.resolved_by ?? '', outcome: o.outcome, note: o.note ?? '' },
    })),
  };
  return { row, record, tickets: new Map(objections.map((o) => [o.id, o.ticket ?? null])) };
}

async function view(ctx: ServiceContext, batch: ResultsBatch): Promise<CandidateListView> {
  const { row, record, tickets } = await loadRecord(ctx.db, batch);
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
    objections: record.objections.map((o) => ({ ...o, ticket: tickets.get(o.id) ?? null })),
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
  const workingDays = input.workingDays ?? settings.publicityWorkingDays;
  const window = publicityWindow(publishedOn, workingDays, settings.countPublicationDay);
  if (!window.ok) throw refuse(window.error, PUBLICITY_ERRORS);
  const row = {
    batch_id: batch.id,
    published_on: publishedOn,
    working_days: workingDays,
    count_publication_day: settings.countPublicationDay ? 1 : 0,
    first_day: window.value.firstDay,
    last_day: window.value.lastDay,
    tickets_json: toJson(people.map((p) => p.ticket)),
    published_by: by,
    published_at: isoNow(ctx),
  };
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
  const { record, row } = await loadRecord(ctx.db, batch);
  const raisedAt = input.raisedAt === undefined ? isoNow(ctx) : new Date(input.raisedAt).toISOString();
  const day = chinaDate(new Date(raisedAt));
  if (day < row.published_on || day > row.last_day)
    throw fail.invalid(
      `异议提出日期 ${day} 不在名单公示期内（${row.published_on} 至 ${row.last_day}）`,
      'objection outside the window',
    );
  const person = input.ticket === undefined ? undefined : await candidateByTicket(ctx.db, batch, input.ticket);
  const id = ctx.newId();
  const next = recordObjection(record, { id, raisedAt, candidateId: person?.id, text: input.text.trim() });
  if (!next.ok) throw refuse(next.error, PUBLICITY_ERRORS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('candidate_list_objections')
      .values({
        id,
        batch_id: batch.id,
        candidate_id: person?.id ?? null,
        text: input.text.trim(),
        raised_at: raisedAt,
        recorded_by: by,
        outcome: null,
        note: null,
        resolved_by: null,
        resolved_at: null,
      })
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.list.objection.add',
      entity: 'objection',
      entityId: id,
      detail: { ticket: person?.ticket ?? null, raisedAt },
    });
  });
  return { id };
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
  const { record } = await loadRecord(ctx.db, batch);
  const at = isoNow(ctx);
  const next = resolveInRecord(record, id, { at, by, outcome: input.outcome, note: input.note.trim() });
  if (!next.ok) throw refuse(next.error, PUBLICITY_ERRORS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('candidate_list_objections')
      .set({ outcome: input.outcome, note: input.note.trim(), resolved_by: by, resolved_at: at })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.list.objection.resolve',
      entity: 'objection',
      entityId: id,
      detail: { outcome: input.outcome, note: input.note.trim() },
    });
  });
}

/** The list's last day when today is within its window (the roster is frozen, rooms wait); else undefined. */
export async function candidateListRunning(db: Executor, batchId: string, now: Date): Promise<string | undefined> {
  const row = await listRow(db, batchId);
  const today = chinaDate(now);
  return row && row.published_on <= today && today <= row.last_day ? row.last_day : undefined;
}

/** Refuses a roster change while the list is published. */
export async function requireListNotRunning(db: Executor, batchId: string, now: Date): Promise<void> {
  const lastDay = await candidateListRunning(db, batchId, now);
  if (lastDay !== undefined)
    throw new KaowuError(
      'candidate_list_frozen',
      `考生名单公示至 ${lastDay}，公示期间不得更改名单`,
      'the candidate list is frozen while published',
    );
}
