import type { Transaction, Updateable } from 'kysely';
import type { Database } from '@kaowu/db';
import type { AuditAction } from '@kaowu/domain';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import { fail } from '../shared/failures.ts';
import { extendClock, pauseClock, resumeClock, type AttemptClock } from './clock.ts';
import { controlled } from './live-hub.ts';
import { CLOCK_COLUMNS, clockColumns, clockOfRow, type ExamRuntime } from './runtime.ts';
import { submitAttempt, type Submission } from './submit.ts';
import { authorize } from '../shared/authorize.ts';
import { openingChecks } from './opening.ts';

type Trx = Transaction<Database>;
type ClockChange = { clock: AttemptClock; selfPaused: boolean };

export const extendInput = z.strictObject({
  minutes: z.number().int().min(1, { message: '延长时间至少 1 分钟' }).max(240, { message: '延长时间最多 240 分钟' }),
});
export const incidentInput = z.strictObject({
  note: z.string().trim().min(1, { message: '请填写情况说明' }).max(2000),
  candidateId: z.string().min(1).optional(),
});
export const absentInput = z.strictObject({ absent: z.boolean() });

/** Rewrites the clocks of the given in-progress attempts; returns the new clocks for the cache. */
async function rewriteClocks(
  trx: Trx,
  where: { roomId?: string; attemptId?: string },
  change: (c: AttemptClock, selfPaused: boolean) => ClockChange,
): Promise<Map<string, ClockChange>> {
  let q = trx
    .selectFrom('attempts as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['a.id', ...CLOCK_COLUMNS, 'a.self_paused'])
    .where('a.status', '=', 'in_progress');
  if (where.roomId !== undefined) q = q.where('c.room_id', '=', where.roomId);
  if (where.attemptId !== undefined) q = q.where('a.id', '=', where.attemptId);
  const changed = new Map<string, ClockChange>();
  for (const row of await q.execute()) {
    const next = change(clockOfRow(row), row.self_paused === 1);
    await trx
      .updateTable('attempts')
      .set({ ...clockColumns(next.clock), self_paused: next.selfPaused ? 1 : 0 })
      .where('id', '=', row.id)
      .execute();
    changed.set(row.id, next);
  }
  return changed;
}

function applyClocks(rt: ExamRuntime, changed: ReadonlyMap<string, ClockChange>): void {
  for (const [id, c] of changed) {
    const live = rt.attempts.get(id);
    if (live) {
      live.clock = c.clock;
      live.selfPaused = c.selfPaused;
    }
  }
}

/** Runs a proctor action on a room in the group-commit queue, audited, then refreshes caches and live views. */
async function roomAction(
  rt: ExamRuntime,
  by: string,
  roomId: string,
  action: AuditAction,
  detail: Record<string, unknown>,
  work: (trx: Trx, now: number) => Promise<Map<string, ClockChange> | undefined>,
): Promise<void> {
  await authorize(rt.ctx, by, 'room.run', { roomId });
  const now = rt.ctx.now().getTime();
  const changed = await rt.commit.write(async (trx) => {
    const result = await work(trx, now);
    await audit(trx, rt.ctx, { actor: by, action, entity: 'room', entityId: roomId, detail });
    return result;
  });
  if (changed) applyClocks(rt, changed);
  controlled(rt.hub, roomId);
}

/** Writes the given columns of one room. */
async function setRoom(trx: Trx, roomId: string, values: Updateable<Database['rooms']>): Promise<void> {
  await trx.updateTable('rooms').set(values).where('id', '=', roomId).execute();
}

export const earlyOpenInput = z.strictObject({
  reason: z.string().trim().min(1, { message: '请填写提前开考的书面理由' }).max(2000),
});

/**
 * Opens a room. Its first opening needs the batch's internal supervisors (at least the setting, 2 by default) and
 * the candidate list's publicity to have ended; before then only an administrator may open it, with a written
 * reason that goes into the audit record (`reason`). Reopening a room closed earlier checks nothing again.
 */
export async function openRoom(rt: ExamRuntime, by: string, roomId: string, reason?: string): Promise<void> {
  await authorize(rt.ctx, by, 'room.run', { roomId });
  const detail = await openingChecks(rt.ctx, by, roomId, reason?.trim() || undefined);
  await roomAction(rt, by, roomId, 'room.open', detail, async (trx, now) => {
    await setRoom(trx, roomId, { status: 'open', opened_at: new Date(now).toISOString() });
  });
}

/** Closing stops new logins; attempts in progress run on to their deadlines. */
export async function closeRoom(rt: ExamRuntime, by: string, roomId: string): Promise<void> {
  await roomAction(rt, by, roomId, 'room.close', {}, async (trx, now) => {
    await setRoom(trx, roomId, { status: 'closed', closed_at: new Date(now).toISOString() });
  });
}

/** Stops the clock of everyone in the room (and of those who start while it is paused). */
export async function pauseRoom(rt: ExamRuntime, by: string, roomId: string): Promise<void> {
  await roomAction(rt, by, roomId, 'room.pause', {}, async (trx, now) => {
    const room = await trx.selectFrom('rooms').select('paused_at').where('id', '=', roomId).executeTakeFirstOrThrow();
    if (room.paused_at !== null) return;
    await setRoom(trx, roomId, { paused_at: new Date(now).toISOString() });
    return rewriteClocks(trx, { roomId }, (c, selfPaused) => ({ clock: pauseClock(c, now), selfPaused }));
  });
}

/** Restarts the clocks, except of candidates a proctor paused on their own. */
export async function resumeRoom(rt: ExamRuntime, by: string, roomId: string): Promise<void> {
  await roomAction(rt, by, roomId, 'room.resume', {}, async (trx, now) => {
    const room = await trx.selectFrom('rooms').select('paused_at').where('id', '=', roomId).executeTakeFirstOrThrow();
    if (room.paused_at === null) return;
    await setRoom(trx, roomId, { paused_at: null });
    return rewriteClocks(trx, { roomId }, (c, selfPaused) => ({
      clock: selfPaused ? c : resumeClock(c, now),
      selfPaused,
    }));
  });
}

export async function extendRoom(rt: ExamRuntime, by: string, roomId: string, minutes: number): Promise<void> {
  const { minutes: m } = extendInput.parse({ minutes });
  await roomAction(rt, by, roomId, 'room.extend', { minutes: m }, (trx) =>
    rewriteClocks(trx, { roomId }, (c, selfPaused) => ({ clock: extendClock(c, m * 60_000), selfPaused })),
  );
}

async function candidateInRoom(
  rt: ExamRuntime,
  by: string,
  candidateId: string,
): Promise<{ roomId: string; attemptId: string | null; status: string | null; ticket: string }> {
  const row = await rt.ctx.db
    .selectFrom('candidates as c')
    .leftJoin('attempts as a', 'a.candidate_id', 'c.id')
    .select(['c.room_id', 'c.ticket', 'a.id as attempt_id', 'a.status'])
    .where('c.id', '=', candidateId)
    .executeTakeFirst();
  if (!row) throw fail.notFound(`考生 ${candidateId} 不存在`, `no candidate ${candidateId}`);
  await authorize(rt.ctx, by, 'room.run', { roomId: row.room_id });
  return { roomId: row.room_id, attemptId: row.attempt_id, status: row.status, ticket: row.ticket };
}

async function candidateAction(
  rt: ExamRuntime,
  by: string,
  candidateId: string,
  action: AuditAction,
  detail: Record<string, unknown>,
  change: (c: AttemptClock, selfPaused: boolean, roomPaused: boolean, now: number) => ClockChange,
): Promise<void> {
  const { roomId, attemptId, status, ticket } = await candidateInRoom(rt, by, candidateId);
  if (attemptId === null) throw fail.conflict(`考生 ${ticket} 尚未登录开始答题`, 'the candidate has not started');
  // Logged in but not started: there is no clock to pause or extend yet.
  if (status === 'not_started')
    throw fail.conflict(`考生 ${ticket} 已登录，尚未开始答题`, 'the attempt has not started');
  const now = rt.ctx.now().getTime();
  const changed = await rt.commit.write(async (trx) => {
    const room = await trx.selectFrom('rooms').select('paused_at').where('id', '=', roomId).executeTakeFirstOrThrow();
    const result = await rewriteClocks(trx, { attemptId }, (c, selfPaused) =>
      change(c, selfPaused, room.paused_at !== null, now),
    );
    if (result.size === 0) throw fail.conflict(`考生 ${ticket} 已交卷`, 'the attempt is submitted');
    await audit(trx, rt.ctx, {
      actor: by,
      action,
      entity: 'attempt',
      entityId: attemptId,
      detail: { candidate: candidateId, ...detail },
    });
    return result;
  });
  applyClocks(rt, changed);
  controlled(rt.hub, roomId);
}

export const pauseCandidate = (rt: ExamRuntime, by: string, candidateId: string): Promise<void> =>
  candidateAction(rt, by, candidateId, 'attempt.pause', {}, (c, _s, _r, now) => ({
    clock: pauseClock(c, now),
    selfPaused: true,
  }));

export const resumeCandidate = (rt: ExamRuntime, by: string, candidateId: string): Promise<void> =>
  candidateAction(rt, by, candidateId, 'attempt.resume', {}, (c, _s, roomPaused, now) => ({
    clock: roomPaused ? c : resumeClock(c, now),
    selfPaused: false,
  }));

export async function extendCandidate(
  rt: ExamRuntime,
  by: string,
  candidateId: string,
  minutes: number,
): Promise<void> {
  const { minutes: m } = extendInput.parse({ minutes });
  await candidateAction(rt, by, candidateId, 'attempt.extend', { minutes: m }, (c, selfPaused) => ({
    clock: extendClock(c, m * 60_000),
    selfPaused,
  }));
}

export async function forceSubmit(rt: ExamRuntime, by: string, candidateId: string): Promise<Submission> {
  const { attemptId, status, ticket } = await candidateInRoom(rt, by, candidateId);
  if (attemptId === null) throw fail.conflict(`考生 ${ticket} 尚未登录开始答题`, 'the candidate has not started');
  // Nothing to collect before the start; a candidate who leaves without starting is marked absent instead.
  if (status === 'not_started')
    throw fail.conflict(`考生 ${ticket} 尚未开始答题，无需收卷；如不参加考试请登记缺考`, 'the attempt has not started');
  return submitAttempt(rt, attemptId, by, 'proctor');
}

/**
 * Marks (or clears) absence; a candidate who has started cannot be absent. One who logged in and left before
 * starting can (the start is then refused), as can one who never logged in.
 */
export async function markAbsent(rt: ExamRuntime, by: string, candidateId: string, absent: boolean): Promise<void> {
  const { roomId, attemptId, status, ticket } = await candidateInRoom(rt, by, candidateId);
  if (attemptId !== null && status !== 'not_started' && absent)
    throw fail.conflict(`考生 ${ticket} 已开始答题，不能登记缺考`, 'the candidate has started');
  await rt.commit.write(async (trx) => {
    await trx
      .updateTable('candidates')
      .set({ absent: absent ? 1 : 0 })
      .where('id', '=', candidateId)
      .execute();
    await audit(trx, rt.ctx, {
      actor: by,
      action: absent ? 'candidate.absent' : 'candidate.present',
      entity: 'candidate',
      entityId: candidateId,
    });
  });
  controlled(rt.hub, roomId);
}

/**
 * Approves a device transfer (换机): the attempt moves to the new device and the old device's token stops
 * working at once. The new device logs in again and resumes with every saved answer and the remaining time.
 */
export async function approveTransfer(rt: ExamRuntime, by: string, transferId: string): Promise<void> {
  const transfer = await rt.ctx.db
    .selectFrom('device_transfers as t')
    .innerJoin('attempts as a', 'a.id', 't.attempt_id')
    .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select(['t.id', 't.attempt_id', 't.to_device', 't.status', 'c.room_id'])
    .where('t.id', '=', transferId)
    .executeTakeFirst();
  if (!transfer) throw fail.notFound(`换机申请 ${transferId} 不存在`, `no transfer ${transferId}`);
  await authorize(rt.ctx, by, 'room.run', { roomId: transfer.room_id });
  if (transfer.status !== 'pending') throw fail.conflict('该换机申请已处理', 'transfer already decided');
  const at = rt.ctx.now().toISOString();
  await rt.commit.write(async (trx) => {
    await trx
      .updateTable('device_transfers')
      .set({ status: 'superseded', decided_by: by, decided_at: at })
      .where('attempt_id', '=', transfer.attempt_id)
      .where('status', '=', 'pending')
      .where('id', '!=', transferId)
      .execute();
    await trx
      .updateTable('device_transfers')
      .set({ status: 'approved', decided_by: by, decided_at: at })
      .where('id', '=', transferId)
      .execute();
    await trx
      .updateTable('attempts')
      .set({ device_id: transfer.to_device, session_id: null })
      .where('id', '=', transfer.attempt_id)
      .execute();
    await audit(trx, rt.ctx, {
      actor: by,
      action: 'attempt.transfer',
      entity: 'attempt',
      entityId: transfer.attempt_id,
      detail: { transfer: transferId, device: transfer.to_device },
    });
  });
  const live = rt.attempts.get(transfer.attempt_id);
  if (live) {
    live.deviceId = transfer.to_device;
    live.sessionId = null;
  }
  controlled(rt.hub, transfer.room_id);
}

export async function recordIncident(
  rt: ExamRuntime,
  by: string,
  roomId: string,
  input: z.input<typeof incidentInput>,
): Promise<{ id: string }> {
  const { note, candidateId } = incidentInput.parse(input);
  await authorize(rt.ctx, by, 'room.run', { roomId });
  if (candidateId !== undefined) {
    const c = await rt.ctx.db
      .selectFrom('candidates')
      .select('room_id')
      .where('id', '=', candidateId)
      .executeTakeFirst();
    if (!c || c.room_id !== roomId) throw fail.invalid('该考生不在这个考场', 'candidate not in this room');
  }
  const id = rt.ctx.newId();
  await rt.commit.write(async (trx) => {
    await trx
      .insertInto('incidents')
      .values({
        id,
        room_id: roomId,
        candidate_id: candidateId ?? null,
        note,
        recorded_by: by,
        recorded_at: rt.ctx.now().toISOString(),
      })
      .execute();
    await audit(trx, rt.ctx, {
      actor: by,
      action: 'room.incident',
      entity: 'room',
      entityId: roomId,
      detail: { incident: id, candidate: candidateId ?? null },
    });
  });
  rt.hub.changed(roomId);
  return { id };
}
