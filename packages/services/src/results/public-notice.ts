import { type AuditAction, chinaDate, type ObjectionOutcome } from '@kaowu/domain';
import {
  publicityWindow,
  recordObjection,
  resolveObjection as resolveInRecord,
  type Objection,
  type PublicityRecord,
} from '@kaowu/grading';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail, PUBLICITY_ERRORS, refuse } from '../shared/failures.ts';
import { candidateByTicket, type ResultsBatch } from './batch.ts';

/**
 * What the two public notices share (结果公示 after the exam, 名单公示 before it): a window of working days,
 * objections recorded within it and resolved by the committee. Each kind keeps its own tables, audit actions
 * and wording; publicity.ts and candidate-list.ts say what is published and what the window holds back.
 */
export interface NoticeKind {
  /** Both tables have the same columns (migrations 0004 and 0013). */
  readonly objectionTable: 'objections' | 'candidate_list_objections';
  /** The window's name in messages: 公示期, 名单公示期. */
  readonly windowName: string;
  readonly addAction: AuditAction;
  readonly resolveAction: AuditAction;
}

export const RESULTS_NOTICE: NoticeKind = {
  objectionTable: 'objections',
  windowName: '公示期',
  addAction: 'results.objection.add',
  resolveAction: 'results.objection.resolve',
};

export const CANDIDATE_LIST_NOTICE: NoticeKind = {
  objectionTable: 'candidate_list_objections',
  windowName: '名单公示期',
  addAction: 'batch.list.objection.add',
  resolveAction: 'batch.list.objection.resolve',
};

/** The published notice's row, as far as the two kinds share it. */
export interface NoticeRow {
  readonly published_on: string;
  readonly working_days: number;
  readonly count_publication_day: number;
  readonly last_day: string;
}

/**
 * The window's columns of a notice published on `publishedOn` for `workingDays` (default: the setting
 * publicity.workingDays), counted with Chinese holidays and make-up workdays; refused for a year without holiday data.
 */
export function noticeWindowRow(
  ctx: ServiceContext,
  by: string,
  batch: ResultsBatch,
  settings: { readonly publicityWorkingDays: number; readonly countPublicationDay: boolean },
  publishedOn: string,
  workingDays: number | undefined,
) {
  const days = workingDays ?? settings.publicityWorkingDays;
  const window = publicityWindow(publishedOn, days, settings.countPublicationDay);
  if (!window.ok) throw refuse(window.error, PUBLICITY_ERRORS);
  return {
    batch_id: batch.id,
    published_on: publishedOn,
    working_days: days,
    count_publication_day: settings.countPublicationDay ? 1 : 0,
    first_day: window.value.firstDay,
    last_day: window.value.lastDay,
    published_by: by,
    published_at: isoNow(ctx),
  };
}

export type ObjectionLine = Objection & { ticket: string | null };

/** The notice with its objections, as the pure publicity rules in @kaowu/grading take it. */
export async function noticeRecord(db: Executor, kind: NoticeKind, batch: ResultsBatch, row: NoticeRow) {
  const objections = await db
    .selectFrom(`${kind.objectionTable} as o` as 'objections as o')
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
          : {
              at: o.resolved_at ?? '',
              by: o.resolved_by ?? '',
              outcome: o.outcome as ObjectionOutcome,
              note: o.note ?? '',
            },
    })),
  };
  const tickets = new Map(objections.map((o) => [o.id, o.ticket ?? null]));
  const lines: ObjectionLine[] = record.objections.map((o) => ({ ...o, ticket: tickets.get(o.id) ?? null }));
  return { record, lines };
}

export interface NoticeObjectionInput {
  readonly text: string;
  /** The candidate the objection is about, if any. */
  readonly ticket?: string | undefined;
  /** When it was received (ISO 8601); default now. It must fall within the window. */
  readonly raisedAt?: string | undefined;
}

/** Records an objection received within the notice's window (the caller has checked who may). */
export async function addNoticeObjection(
  ctx: ServiceContext,
  by: string,
  kind: NoticeKind,
  batch: ResultsBatch,
  row: NoticeRow,
  input: NoticeObjectionInput,
): Promise<{ id: string }> {
  const { record } = await noticeRecord(ctx.db, kind, batch, row);
  const raisedAt = input.raisedAt === undefined ? isoNow(ctx) : new Date(input.raisedAt).toISOString();
  const day = chinaDate(new Date(raisedAt));
  if (day < row.published_on || day > row.last_day)
    throw fail.invalid(
      `异议提出日期 ${day} 不在${kind.windowName}内（${row.published_on} 至 ${row.last_day}）`,
      'objection outside the window',
    );
  const person = input.ticket === undefined ? undefined : await candidateByTicket(ctx.db, batch, input.ticket);
  const id = ctx.newId();
  const text = input.text.trim();
  const next = recordObjection(record, { id, raisedAt, candidateId: person?.id, text });
  if (!next.ok) throw refuse(next.error, PUBLICITY_ERRORS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto(kind.objectionTable)
      .values({
        id,
        batch_id: batch.id,
        candidate_id: person?.id ?? null,
        text,
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
      action: kind.addAction,
      entity: 'objection',
      entityId: id,
      detail: { ticket: person?.ticket ?? null, raisedAt },
    });
  });
  return { id };
}

/** The committee's resolution of an objection: upheld or dismissed, with a note (the caller has checked who may). */
export async function resolveNoticeObjection(
  ctx: ServiceContext,
  by: string,
  kind: NoticeKind,
  batch: ResultsBatch,
  row: NoticeRow,
  id: string,
  input: { outcome: ObjectionOutcome; note: string },
): Promise<void> {
  const { record } = await noticeRecord(ctx.db, kind, batch, row);
  const at = isoNow(ctx);
  const note = input.note.trim();
  const next = resolveInRecord(record, id, { at, by, outcome: input.outcome, note });
  if (!next.ok) throw refuse(next.error, PUBLICITY_ERRORS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable(kind.objectionTable)
      .set({ outcome: input.outcome, note, resolved_by: by, resolved_at: at })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: kind.resolveAction,
      entity: 'objection',
      entityId: id,
      detail: { outcome: input.outcome, note },
    });
  });
}
