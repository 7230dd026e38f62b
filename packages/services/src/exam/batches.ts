import type { Database } from '@kaowu/db';
import type { Insertable, Selectable } from 'kysely';
import {
  allows,
  type BatchStage,
  chinaDate,
  examIsOver,
  ERROR_MESSAGES,
  KaowuError,
  levelCode,
  occupationCode,
  STAFF_DUTIES,
  type LevelCode,
  type StaffDuty,
} from '@kaowu/domain';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { loadPaper } from '../papers/papers.ts';
import { loadActor } from '../accounts/users.ts';
import { sebConfigKey } from './batch-settings.ts';
import { formForSeat, seatRows, staffingWarnings } from './seating.ts';
import { realnameOfBatch } from './realname-view.ts';
import { authorize, mayInBatch } from '../shared/authorize.ts';
import { batchProgress, type BatchProgress } from './stage.ts';
import { candidateListRunning } from '../results/candidate-list.ts';

const instant = z.iso
  .datetime({ offset: true, message: '时间应为 ISO 8601 格式，例如 2026-11-02T09:00:00+08:00' })
  .transform((s) => new Date(s).toISOString());

export { STAFF_DUTIES, STAFF_DUTY_NAMES, type StaffDuty } from '@kaowu/domain';
/** A batch_staff row before it names its batch. */
type StaffRow = Omit<Insertable<Database['batch_staff']>, 'batch_id'>;

export const staffAssignment = z.strictObject({
  username: z.string().trim().min(1),
  duty: z.enum(STAFF_DUTIES),
  /** A proctor's room code; absent: the whole batch. */
  room: z.string().trim().min(1).optional(),
});
export type StaffAssignment = z.infer<typeof staffAssignment>;

export const roomInput = z.strictObject({
  code: z.string().regex(/^[0-9A-Za-z]{1,8}$/, { message: '考场编号只能是 1–8 位字母或数字' }),
  name: z.string().trim().min(1),
  seats: z.number().int().min(1).max(500),
  columns: z.number().int().min(1).max(50).default(6),
  /** Index into the batch's windows. */
  window: z.number().int().min(0).default(0),
});

export const batchInput = z
  .strictObject({
    planNumber: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    occupationCode,
    level: levelCode,
    /** Generated 准考证号 begin with it; default: the first window's date and a sequence. */
    ticketPrefix: z
      .string()
      .regex(/^\d{4,12}$/, { message: '准考证号前缀应为 4–12 位数字' })
      .optional(),
    windows: z
      .array(z.strictObject({ startsAt: instant, endsAt: instant }))
      .min(1, { message: '至少需要一个考试时段' }),
    rooms: z.array(roomInput).min(1, { message: '至少需要一个考场' }),
    staff: z.array(staffAssignment).default([]),
    /** Safe Exam Browser Config Key: when set, every candidate request must carry the matching hash. */
    sebConfigKey: sebConfigKey.optional(),
    /** Candidates see their theory score on submitting (default: no, scores are published later). */
    showScore: z.boolean().default(false),
  })
  .superRefine((b, c) => {
    b.windows.forEach((w, i) => {
      if (w.endsAt <= w.startsAt)
        c.addIssue({ code: 'custom', path: ['windows', i, 'endsAt'], message: '考试时段的结束时间应晚于开始时间' });
    });
    const codes = new Set<string>();
    b.rooms.forEach((r, i) => {
      if (codes.has(r.code))
        c.addIssue({ code: 'custom', path: ['rooms', i, 'code'], message: `考场编号 ${r.code} 重复` });
      codes.add(r.code);
      if (r.window >= b.windows.length)
        c.addIssue({
          code: 'custom',
          path: ['rooms', i, 'window'],
          message: `考场 ${r.code} 的考试时段 ${r.window} 不存在`,
        });
    });
  });
export type BatchInput = z.input<typeof batchInput>;

/** Stores the batch's checked staff rows; the same duty listed twice is one assignment. */
async function insertStaff(trx: Executor, batchId: string, rows: readonly StaffRow[]): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('batch_staff')
      .values(rows.map((s) => ({ batch_id: batchId, ...s })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

async function checkStaff(
  ctx: ServiceContext,
  staff: readonly StaffAssignment[],
  roomIds: ReadonlyMap<string, string>,
): Promise<StaffRow[]> {
  const rows: StaffRow[] = [];
  for (const s of staff) {
    const actor = await loadActor(ctx, s.username);
    // Supervisors are enterprise staff of any role; proctors and assessors need the role.
    if (s.duty === 'proctor' && !actor.roles.includes('proctor'))
      throw fail.invalid(`用户 ${s.username} 没有监考角色`, `${s.username} is not a proctor`);
    if (s.duty === 'assessor' && !actor.roles.includes('assessor'))
      throw fail.invalid(`用户 ${s.username} 不是考评员`, `${s.username} is not an assessor`);
    if (s.room !== undefined && s.duty !== 'proctor')
      throw fail.invalid(`只有监考分配到考场（${s.username}）`, 'only proctors are assigned to rooms');
    const roomId = s.room === undefined ? '' : roomIds.get(s.room);
    if (roomId === undefined) throw fail.invalid(`考场 ${s.room} 不存在`, `no room ${s.room}`);
    rows.push({ username: s.username, duty: s.duty, room_id: roomId });
  }
  return rows;
}

async function defaultPrefix(db: Executor, firstWindow: string): Promise<string> {
  // The first window's date (China time) and a two-digit sequence: 2026110201, 2026110202, …
  const day = chinaDate(new Date(firstWindow)).replaceAll('-', '');
  const taken = await db
    .selectFrom('batches')
    .select('ticket_prefix')
    .where('ticket_prefix', 'like', `${day}%`)
    .execute();
  for (let n = 1; n < 100; n++) {
    const prefix = `${day}${String(n).padStart(2, '0')}`;
    if (!taken.some((t) => t.ticket_prefix === prefix)) return prefix;
  }
  throw fail.conflict(`${day} 的批次已满 99 个，请指定准考证号前缀`, 'ticket prefixes exhausted');
}

/** A batch with its windows, rooms (all closed) and staff. Administrators only; audited. */
export async function createBatch(ctx: ServiceContext, by: string, raw: BatchInput): Promise<{ id: string }> {
  await authorize(ctx, by, 'batch.create');
  const input = batchInput.parse(raw);
  const exists = await ctx.db
    .selectFrom('batches')
    .select('id')
    .where('plan_number', '=', input.planNumber)
    .executeTakeFirst();
  if (exists) throw fail.conflict(`认定计划号 ${input.planNumber} 已存在`, 'plan number exists');
  const occupation = await ctx.db
    .selectFrom('occupations')
    .select('code')
    .where('code', '=', input.occupationCode)
    .executeTakeFirst();
  if (!occupation)
    throw fail.notFound(`职业 ${input.occupationCode} 不存在`, `unknown occupation ${input.occupationCode}`);
  const id = ctx.newId();
  const prefix = input.ticketPrefix ?? (await defaultPrefix(ctx.db, input.windows[0]!.startsAt));
  const clash = await ctx.db.selectFrom('batches').select('id').where('ticket_prefix', '=', prefix).executeTakeFirst();
  if (clash) throw fail.conflict(`准考证号前缀 ${prefix} 已被其他批次使用`, 'ticket prefix taken');
  const windowIds = input.windows.map(() => ctx.newId());
  const roomIds = new Map(input.rooms.map((r) => [r.code, ctx.newId()]));
  const staff = await checkStaff(ctx, input.staff, roomIds);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('batches')
      .values({
        id,
        plan_number: input.planNumber,
        name: input.name,
        occupation_code: input.occupationCode,
        level: input.level,
        ticket_prefix: prefix,
        seb_config_key: input.sebConfigKey ?? null,
        show_score: input.showScore ? 1 : 0,
        created_by: by,
        created_at: isoNow(ctx),
      })
      .execute();
    await trx
      .insertInto('exam_windows')
      .values(
        input.windows.map((w, i) => ({ id: windowIds[i]!, batch_id: id, starts_at: w.startsAt, ends_at: w.endsAt })),
      )
      .execute();
    await trx
      .insertInto('rooms')
      .values(
        input.rooms.map((r) => ({
          id: roomIds.get(r.code)!,
          batch_id: id,
          code: r.code,
          name: r.name,
          seats: r.seats,
          columns: r.columns,
          window_id: windowIds[r.window]!,
          status: 'closed',
          paused_at: null,
          opened_at: null,
          closed_at: null,
        })),
      )
      .execute();
    await insertStaff(trx, id, staff);
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.create',
      entity: 'batch',
      entityId: id,
      detail: { planNumber: input.planNumber, rooms: input.rooms.length, staff: staff.length },
    });
  });
  return { id };
}

/**
 * Replaces the batch's staff list; answers the batch as it now is. Once a room has opened the staff are frozen:
 * a change then goes through proposeStaffChange and a supervisor's confirmation (staff-changes.ts).
 */
export async function setBatchStaff(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  staff: readonly StaffAssignment[],
): Promise<BatchView> {
  await authorize(ctx, by, 'batch.manage', { batchId });
  if (await batchStarted(ctx.db, batchId))
    throw new KaowuError('staff_frozen', ERROR_MESSAGES.staff_frozen.zh, ERROR_MESSAGES.staff_frozen.en);
  await replaceStaff(ctx, batchId, staff, async (trx, rows) => {
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.staff',
      entity: 'batch',
      entityId: batchId,
      detail: { staff: rows.map((r) => `${r.username}:${r.duty}`).sort() },
    });
  });
  return getBatch(ctx, by, batchId);
}

/** Checks and stores a whole new staff list, with the caller's audit record in the same transaction. */
export async function replaceStaff(
  ctx: ServiceContext,
  batchId: string,
  staff: readonly StaffAssignment[],
  record: (trx: Executor, rows: readonly StaffRow[]) => Promise<void>,
): Promise<void> {
  const rooms = await ctx.db.selectFrom('rooms').select(['id', 'code']).where('batch_id', '=', batchId).execute();
  if (rooms.length === 0) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  const rows = await checkStaff(
    ctx,
    staff.map((s) => staffAssignment.parse(s)),
    new Map(rooms.map((r) => [r.code, r.id])),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('batch_staff').where('batch_id', '=', batchId).execute();
    await insertStaff(trx, batchId, rows);
    await record(trx, rows);
  });
}

/** Whether any room of the batch has ever opened: from then on its staff are frozen. */
export async function batchStarted(db: Executor, batchId: string): Promise<boolean> {
  const opened = await db
    .selectFrom('rooms')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('opened_at', 'is not', null)
    .executeTakeFirst();
  return opened !== undefined;
}

/**
 * Attaches sealed papers (one per form) to a batch. Draft papers never; a paper of another bank or already
 * used by another batch never; and not once any candidate has started. Answers the batch as it now is.
 */
export async function attachPapers(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  paperIds: readonly string[],
): Promise<BatchView> {
  await authorize(ctx, by, 'batch.manage', { batchId });
  const batch = await ctx.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  if (paperIds.length === 0) throw fail.invalid('至少选择一套试卷', 'no papers given');
  const started = await ctx.db
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select('a.id')
    .where('c.batch_id', '=', batchId)
    .limit(1)
    .executeTakeFirst();
  if (started) throw fail.conflict('已有考生开始答题，不能再更换试卷', 'attempts already started');
  const forms = new Set<string>();
  for (const id of paperIds) {
    const stored = await loadPaper(ctx, id);
    if (stored.draft)
      throw fail.invalid(`试卷 ${id} 是草稿（题库未就绪时试组），不能用于考试`, 'draft papers cannot be attached');
    if (stored.batchId !== null && stored.batchId !== batchId)
      throw fail.conflict(`试卷 ${id} 已用于其他批次`, 'paper used by another batch');
    if (stored.paper.occupation !== batch.occupation_code || stored.paper.level !== batch.level)
      throw fail.invalid(
        `试卷 ${id} 属于 ${stored.paper.occupation} 等级 ${stored.paper.level}，与批次不符`,
        'paper is for another bank',
      );
    const form = stored.paper.inputs.form;
    if (forms.has(form)) throw fail.invalid(`两套试卷都是 ${form} 卷`, `form ${form} given twice`);
    forms.add(form);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('papers').set({ batch_id: null }).where('batch_id', '=', batchId).execute();
    await trx
      .updateTable('papers')
      .set({ batch_id: batchId })
      .where('id', 'in', [...paperIds])
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.papers',
      entity: 'batch',
      entityId: batchId,
      detail: { papers: [...paperIds].sort() },
    });
  });
  return getBatch(ctx, by, batchId);
}

/** The batch's forms in letter order, with their paper ids. */
export async function batchForms(
  db: Executor,
  batchId: string,
): Promise<{ form: string; paperId: string; hash: string }[]> {
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'form', 'paper_hash'])
    .where('batch_id', '=', batchId)
    .where('draft', '=', 0)
    .orderBy('form')
    .execute();
  return rows.map((r) => ({ form: r.form, paperId: r.id, hash: r.paper_hash }));
}

/** What a batch is known by: its id, 认定计划号, name, occupation and level. */
export interface BatchIdentity {
  readonly id: string;
  readonly planNumber: string;
  readonly name: string;
  readonly occupationCode: string;
  readonly level: LevelCode;
}

type BatchRow = Selectable<Database['batches']>;

export function batchIdentity(
  row: Pick<BatchRow, 'id' | 'plan_number' | 'name' | 'occupation_code' | 'level'>,
): BatchIdentity {
  return {
    id: row.id,
    planNumber: row.plan_number,
    name: row.name,
    occupationCode: row.occupation_code,
    level: row.level as LevelCode,
  };
}

export interface BatchView extends BatchIdentity {
  readonly ticketPrefix: string;
  /** Whether Safe Exam Browser is required (the key itself stays with the administrators' settings). */
  readonly sebRequired: boolean;
  readonly showScore: boolean;
  /** 开考拍照: one webcam frame at 开始答题, with consent (issue 17). */
  readonly webcamFrame: boolean;
  readonly windows: readonly { id: string; startsAt: string; endsAt: string }[];
  readonly rooms: readonly {
    id: string;
    code: string;
    name: string;
    seats: number;
    columns: number;
    windowId: string;
    status: string;
    paused: boolean;
    candidates: number;
    proctors: string[];
    /** The proctors by name (孙丽), for people to read; `proctors` holds their login names. */
    proctorNames: string[];
  }[];
  /** Each assignment with the person's name (孙丽) beside the login name. */
  readonly staff: readonly { username: string; name: string; duty: StaffDuty; room: string | null }[];
  readonly papers: readonly { form: string; paperId: string; hash: string }[];
  /** Staffing warnings, only while the exam is ahead or running: a completed batch reads as closed. */
  readonly warnings: readonly string[];
  readonly stage: BatchStage;
  /** The candidate list's last day while it is published (the roster takes no import then), else null. */
  readonly candidateListUntil: string | null;
  readonly occupationName: string | null;
}

export async function getBatch(ctx: ServiceContext, by: string, batchId: string): Promise<BatchView> {
  const batch = await ctx.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  await authorize(ctx, by, 'batch.read', { batchId });
  const windows = await ctx.db
    .selectFrom('exam_windows')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('starts_at')
    .execute();
  const rooms = await ctx.db.selectFrom('rooms').selectAll().where('batch_id', '=', batchId).orderBy('code').execute();
  const staff = await ctx.db
    .selectFrom('batch_staff')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('username')
    .execute();
  const people = await ctx.db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('username', 'in', staff.map((s) => s.username).concat(['']))
    .execute();
  const nameOf = new Map(people.map((p) => [p.username, p.display_name]));
  const named = (username: string): string => nameOf.get(username) || username;
  const counts = await ctx.db
    .selectFrom('candidates')
    .select(['room_id', (e) => e.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batchId)
    .groupBy('room_id')
    .execute();
  const count = new Map(counts.map((c) => [c.room_id, Number(c.n)]));
  const code = new Map(rooms.map((r) => [r.id, r.code]));
  const roomViews = rooms.map((r) => {
    const proctors = staff
      .filter((s) => s.duty === 'proctor' && (s.room_id === r.id || s.room_id === ''))
      .map((s) => s.username);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      seats: r.seats,
      columns: r.columns,
      windowId: r.window_id,
      status: r.status,
      paused: r.paused_at !== null,
      candidates: count.get(r.id) ?? 0,
      proctors,
      proctorNames: proctors.map(named),
    };
  });
  const supervisors = new Set(staff.filter((s) => s.duty === 'supervisor').map((s) => s.username)).size;
  const progress = (await batchProgress(ctx.db, [batchId])).get(batchId)!;
  return {
    ...batchIdentity(batch),
    ticketPrefix: batch.ticket_prefix,
    sebRequired: batch.seb_config_key !== null,
    showScore: batch.show_score === 1,
    webcamFrame: batch.webcam_frame === 1,
    windows: windows.map((w) => ({ id: w.id, startsAt: w.starts_at, endsAt: w.ends_at })),
    rooms: roomViews,
    staff: staff.map((s) => ({
      username: s.username,
      name: named(s.username),
      duty: s.duty,
      room: s.room_id === '' ? null : (code.get(s.room_id) ?? null),
    })),
    papers: await batchForms(ctx.db, batchId),
    warnings: examIsOver(progress.stage)
      ? []
      : staffingWarnings(
          roomViews.map((r) => ({ code: r.code, candidates: r.candidates, proctors: r.proctors.length })),
          supervisors,
        ),
    stage: progress.stage,
    candidateListUntil: (await candidateListRunning(ctx.db, batchId, ctx.now())) ?? null,
    occupationName: progress.occupationName,
  };
}

/** A batch in the list: who it is, where it stands (stage), when, how many candidates, which occupation by name. */
export interface BatchSummary extends BatchIdentity, BatchProgress {}

export async function listBatches(ctx: ServiceContext, by: string): Promise<BatchSummary[]> {
  const actor = await loadActor(ctx, by);
  let q = ctx.db
    .selectFrom('batches')
    .select(['id', 'plan_number', 'name', 'occupation_code', 'level'])
    .orderBy('created_at', 'desc');
  // Everyone sees the batches the table lets them read: all of them for a role that may, else those they staff.
  if (!allows(actor, 'batch.read'))
    q = q.where('id', 'in', ctx.db.selectFrom('batch_staff').select('batch_id').where('username', '=', by));
  const rows = [];
  for (const r of await q.execute()) if (await mayInBatch(ctx.db, actor, 'batch.read', r.id)) rows.push(r);
  const progress = await batchProgress(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...batchIdentity(r), ...progress.get(r.id)! }));
}

export interface SeatPlanEntry {
  readonly candidateId: string;
  readonly seat: number;
  readonly form: string | null;
  readonly ticket: string;
  readonly name: string;
  readonly sex: string;
  readonly idNumber: string;
  readonly unit: string;
  readonly absent: boolean;
  /** Whether the roster has the candidate's photo (GET /api/candidates/:id/photo). */
  readonly photo: boolean;
  /** Extra time or large font, in words ('' when none). */
  readonly accommodation: string;
}

export interface RoomPlan {
  readonly batch: { planNumber: string; name: string; occupationCode: string; level: number };
  readonly room: {
    id: string;
    code: string;
    name: string;
    seats: number;
    columns: number;
    /** The seat numbers row by row, front row first, as the seat plan numbers them (for the seating chart). */
    rows: readonly (readonly number[])[];
  };
  readonly window: { startsAt: string; endsAt: string };
  readonly candidates: readonly SeatPlanEntry[];
}

/** Each room's seat plan with forms alternated (checkerboard), for printing tickets and sign-in sheets. */
export async function seatPlans(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  roomId?: string,
): Promise<RoomPlan[]> {
  await authorize(ctx, by, 'batch.read', { batchId });
  const batch = await ctx.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  const forms = (await batchForms(ctx.db, batchId)).map((f) => f.form);
  let roomsQ = ctx.db
    .selectFrom('rooms as r')
    .innerJoin('exam_windows as w', 'w.id', 'r.window_id')
    .select(['r.id', 'r.code', 'r.name', 'r.seats', 'r.columns', 'w.starts_at', 'w.ends_at'])
    .where('r.batch_id', '=', batchId)
    .orderBy('r.code');
  if (roomId !== undefined) roomsQ = roomsQ.where('r.id', '=', roomId);
  const rooms = await roomsQ.execute();
  if (roomId !== undefined && rooms.length === 0)
    throw fail.notFound(`考场 ${roomId} 不在该批次中`, 'room not in batch');
  const people = await ctx.db
    .selectFrom('candidates')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('seat')
    .execute();
  const extras = await realnameOfBatch(ctx.db, batchId);
  return rooms.map((r) => ({
    batch: {
      planNumber: batch.plan_number,
      name: batch.name,
      occupationCode: batch.occupation_code,
      level: batch.level,
    },
    room: {
      id: r.id,
      code: r.code,
      name: r.name,
      seats: r.seats,
      columns: r.columns,
      rows: seatRows(r.seats, r.columns),
    },
    window: { startsAt: r.starts_at, endsAt: r.ends_at },
    candidates: people
      .filter((p) => p.room_id === r.id)
      .map((p) => ({
        candidateId: p.id,
        seat: p.seat,
        form: formForSeat(p.seat, r.columns, forms),
        ticket: p.ticket,
        name: p.name,
        sex: p.sex,
        idNumber: p.id_number,
        unit: p.unit,
        absent: p.absent === 1,
        photo: extras.photos.has(p.id),
        accommodation: extras.accommodations.get(p.id) ?? '',
      })),
  }));
}
