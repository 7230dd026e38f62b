import { type Database, isPostgres } from '@kaowu/db';
import type { Selectable, Kysely, Transaction } from 'kysely';
import type { Paper } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { coalesced } from './coalesce.ts';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import { requireSafeExamBrowser, type SebRequest } from './batch-settings.ts';
import { batchForms } from './batches.ts';
import { KaowuError } from '@kaowu/domain';
import { fail } from '../shared/failures.ts';
import { controlled } from './live-hub.ts';
import { newLiveAttempt, paperOf, rememberAttempt, type ExamRuntime } from './runtime.ts';
import { formForSeat } from './seating.ts';
import { randomToken } from './tokens.ts';

export const candidateLoginInput = z.strictObject({
  ticket: z.string().trim().min(1, { message: '请输入准考证号' }).max(32),
  idNumber: z.string().trim().min(1, { message: '请输入身份证号' }).max(32),
  /** Chosen by the exam client once per machine and kept there: one device at a time per attempt. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '设备标识应为 8–64 位字母、数字、- 或 _' }),
});
export type CandidateLoginInput = z.infer<typeof candidateLoginInput>;

/**
 * An attempts row as the first login creates it: no clock yet (start time, duration and deadline are set when the
 * candidate starts), nothing submitted.
 */
export function newAttempt(a: {
  id: string;
  candidateId: string;
  paperId: string;
  deviceId: string;
  sessionId: string | null;
}): Selectable<Database['attempts']> {
  return {
    id: a.id,
    candidate_id: a.candidateId,
    paper_id: a.paperId,
    status: 'not_started',
    started_at: null,
    duration_ms: 0,
    extension_ms: 0,
    paused_ms: 0,
    paused_since: null,
    deadline_at: null,
    self_paused: 0,
    device_id: a.deviceId,
    session_id: a.sessionId,
    submitted_at: null,
    submitted_by: null,
    submit_reason: null,
    score: null,
    score_json: null,
  };
}

export interface CandidateLogin {
  readonly token: string;
  readonly expiresAt: number;
  readonly attemptId: string;
}

type Outcome =
  | {
      kind: 'ok';
      attemptId: string;
      sessionId: string;
      created: boolean;
      /** No other login of the same candidate in the same group (which would change its session after this). */
      alone: boolean;
    }
  | { kind: 'other_device'; transferId: string }
  | { kind: 'submitted' };

const wrongCredentials = () => new KaowuError('unauthorized', '准考证号或身份证号不正确', 'wrong ticket or ID number');

/**
 * 准考证号 + 身份证号, only inside the room's window and after a proctor opened the room.
 * The first login creates the attempt, not yet started: the paper is fixed but no clock runs while the candidate checks
 * the confirmation screen (startAttempt starts it). Later logins resume it, started or not. A login from another device
 * than the attempt's is refused and files a transfer request (换机) for the proctor; once approved, the new device
 * logs in and resumes.
 * `seb`: the request as Safe Exam Browser signs it, checked when the candidate's batch requires SEB.
 */
export async function candidateLogin(
  rt: ExamRuntime,
  input: CandidateLoginInput,
  seb: SebRequest = { url: '', configKeyHash: undefined },
): Promise<CandidateLogin> {
  const { ctx } = rt;
  const now = ctx.now();
  const person = await personFinder(rt)(input.ticket);
  if (!person || person.id_number !== input.idNumber.toUpperCase()) throw wrongCredentials();
  // Before anything about the attempt happens: a batch that requires Safe Exam Browser admits only SEB.
  await requireSafeExamBrowser(rt, person.batch_id, seb);
  if (person.absent === 1)
    throw new KaowuError('candidate_absent', '您已被登记为缺考，请联系监考员', 'candidate marked absent');
  const t = now.getTime();
  if (t < Date.parse(person.starts_at) || t > Date.parse(person.ends_at))
    throw new KaowuError(
      'outside_window',
      `不在考试时间内（${person.starts_at} 至 ${person.ends_at}）`,
      'outside the exam window',
    );
  if (person.status !== 'open')
    throw new KaowuError('room_not_open', '考场尚未开放，请等待监考员开考', 'the room is not open');
  const forms = rt.forms.get(person.batch_id) ?? (await formsOf(rt, person.batch_id));
  const form = formForSeat(
    person.seat,
    person.columns,
    forms.map((f) => f.form),
  );
  const paperId = forms.find((f) => f.form === form)?.paperId;
  if (paperId === undefined)
    throw fail.conflict('本批次尚未配置试卷，请联系考务人员', 'no paper attached to the batch');
  const paper = await paperOf(rt, paperId);

  const outcome = await loginWriter(rt)({
    candidateId: person.id,
    ticket: input.ticket,
    deviceId: input.deviceId,
    paperId,
    paper,
    now,
  });
  controlled(rt.hub, person.room_id);
  // An attempt exists now, so the batch's papers are fixed (attachPapers refuses from here on).
  rt.forms.set(person.batch_id, forms);
  if (outcome.kind === 'submitted')
    throw new KaowuError('attempt_submitted', '您已交卷，不能再次登录答题', 'attempt already submitted');
  if (outcome.kind === 'other_device')
    throw new KaowuError(
      'device_conflict',
      '您的考试正在另一台电脑上进行。已向监考员申请换机，批准后请重新登录',
      'attempt is bound to another device; transfer requested',
      [{ transferId: outcome.transferId }],
    );
  const cached = rt.attempts.get(outcome.attemptId);
  if (cached) cached.sessionId = outcome.sessionId;
  // A new attempt is known whole: cache it now, so 开始答题 and the paper read nothing to find it. Not on
  // PostgreSQL, where the start may reach another server behind the balancer and the paper this one again before
  // that start's notification does: a copy cached here at login would still say not started.
  else if (outcome.created && outcome.alone && !shared(rt))
    rememberAttempt(
      rt,
      newLiveAttempt(paper, {
        ...newAttempt({
          id: outcome.attemptId,
          candidateId: person.id,
          paperId,
          deviceId: input.deviceId,
          sessionId: outcome.sessionId,
        }),
        room_id: person.room_id,
        batch_id: person.batch_id,
      }),
    );
  rt.presence.set(outcome.attemptId, t);
  const signed = await rt.tokens.sign({
    kind: 'candidate',
    attemptId: outcome.attemptId,
    candidateId: person.id,
    deviceId: input.deviceId,
    sessionId: outcome.sessionId,
  });
  return { token: signed.token, expiresAt: signed.expiresAt, attemptId: outcome.attemptId };
}

/** What a login writes, once its candidate, window and paper are checked. */
interface LoginWrite {
  readonly candidateId: string;
  readonly ticket: string;
  readonly deviceId: string;
  readonly paperId: string;
  readonly paper: Paper;
  readonly now: Date;
}

const loginWriters = new WeakMap<ExamRuntime, (w: LoginWrite) => Promise<Outcome>>();

/** The logins of one turn of the event loop, written by one group-commit work (see loginWrites). */
function loginWriter(rt: ExamRuntime): (w: LoginWrite) => Promise<Outcome> {
  let writer = loginWriters.get(rt);
  if (writer === undefined) {
    writer = coalesced<LoginWrite, Outcome>((writes) => rt.commit.write((trx) => loginWrites(rt.ctx, trx, writes)));
    loginWriters.set(rt, writer);
  }
  return writer;
}

/**
 * The first login of each candidate creates the attempt: one multi-row insert for all of them (a room logging in
 * at once: one statement, one round trip on PostgreSQL), doing nothing for a candidate who has one already
 * (attempts.candidate_id is unique). Those are then handled one by one, in order: resumed on the same device,
 * refused once submitted, a transfer (换机) requested from another device. No outcome throws: a refusal is a value,
 * so one candidate's refusal never rolls back another's login.
 */
async function loginWrites(ctx: ServiceContext, trx: Transaction<Database>, writes: readonly LoginWrite[]) {
  const fresh = writes.map(() => ({ attemptId: ctx.newId(), sessionId: randomToken() }));
  const created = new Set<string>();
  for (let k = 0; k < writes.length; k += 500) {
    const rows = await trx
      .insertInto('attempts')
      .values(
        writes.slice(k, k + 500).map((w, i) =>
          newAttempt({
            id: fresh[k + i]!.attemptId,
            candidateId: w.candidateId,
            paperId: w.paperId,
            deviceId: w.deviceId,
            sessionId: fresh[k + i]!.sessionId,
          }),
        ),
      )
      .onConflict((oc) => oc.column('candidate_id').doNothing())
      .returning('id')
      .execute();
    for (const r of rows) created.add(r.id);
  }
  const logins = new Map<string, number>();
  for (const w of writes) logins.set(w.candidateId, (logins.get(w.candidateId) ?? 0) + 1);
  const outcomes: Outcome[] = [];
  for (const [i, w] of writes.entries()) {
    const { attemptId, sessionId } = fresh[i]!;
    const alone = logins.get(w.candidateId) === 1;
    if (created.has(attemptId)) {
      await audit(trx, ctx, {
        actor: `candidate:${w.ticket}`,
        action: 'attempt.create',
        entity: 'attempt',
        entityId: attemptId,
        detail: { paper: w.paper.hash, form: w.paper.inputs.form, device: w.deviceId },
      });
      outcomes.push({ kind: 'ok', attemptId, sessionId, created: true, alone });
    } else outcomes.push(await existingAttemptLogin(ctx, trx, w, sessionId, alone));
  }
  return outcomes;
}

/** A later login: resumes the attempt on the same device, or files a transfer request from another one. */
async function existingAttemptLogin(
  ctx: ServiceContext,
  trx: Transaction<Database>,
  w: LoginWrite,
  sessionId: string,
  alone: boolean,
): Promise<Outcome> {
  const attempt = await trx
    .selectFrom('attempts')
    .selectAll()
    .where('candidate_id', '=', w.candidateId)
    .executeTakeFirstOrThrow();
  if (attempt.status === 'submitted') return { kind: 'submitted' };
  if (attempt.device_id !== w.deviceId) {
    const pending = await trx
      .selectFrom('device_transfers')
      .select('id')
      .where('attempt_id', '=', attempt.id)
      .where('to_device', '=', w.deviceId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) return { kind: 'other_device', transferId: pending.id };
    const transferId = ctx.newId();
    await trx
      .insertInto('device_transfers')
      .values({
        id: transferId,
        attempt_id: attempt.id,
        from_device: attempt.device_id,
        to_device: w.deviceId,
        status: 'pending',
        requested_at: w.now.toISOString(),
        decided_by: null,
        decided_at: null,
      })
      .execute();
    // The request is part of the record too, not only its approval: who asked, from which device to which.
    await audit(trx, ctx, {
      actor: `candidate:${w.ticket}`,
      action: 'attempt.transfer_request',
      entity: 'attempt',
      entityId: attempt.id,
      detail: { transfer: transferId, from: attempt.device_id, to: w.deviceId },
    });
    return { kind: 'other_device', transferId };
  }
  await trx.updateTable('attempts').set({ session_id: sessionId }).where('id', '=', attempt.id).execute();
  return { kind: 'ok', attemptId: attempt.id, sessionId, created: false, alone };
}

/** The candidate a login names, with their room's state and window (looked up by ticket). */
const findPeople = (db: Executor, tickets: readonly string[]) =>
  db
    .selectFrom('candidates as c')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .innerJoin('exam_windows as w', 'w.id', 'r.window_id')
    .select([
      'c.ticket',
      'c.id',
      'c.batch_id',
      'c.id_number',
      'c.seat',
      'c.absent',
      'c.room_id',
      'r.status',
      'r.columns',
      'w.starts_at',
      'w.ends_at',
    ])
    .where('c.ticket', 'in', tickets)
    .execute();
type Person = Awaited<ReturnType<typeof findPeople>>[number];

const personFinders = new WeakMap<ExamRuntime, (ticket: string) => Promise<Person | null>>();

/** The logins of one turn of the event loop look their candidates up in one query (500 tickets at most each). */
function personFinder(rt: ExamRuntime): (ticket: string) => Promise<Person | null> {
  let finder = personFinders.get(rt);
  if (finder === undefined) {
    finder = coalesced<string, Person | null>(async (tickets) => {
      const found = new Map<string, Person>();
      const distinct = [...new Set(tickets)];
      for (let k = 0; k < distinct.length; k += 500)
        for (const p of await findPeople(rt.ctx.db, distinct.slice(k, k + 500))) found.set(p.ticket, p);
      return tickets.map((t) => found.get(t) ?? null);
    });
    personFinders.set(rt, finder);
  }
  return finder;
}

/** Forms being read per runtime and batch: a room logging in at once shares one read (until the first attempt). */
const formsReading = new WeakMap<ExamRuntime, Map<string, ReturnType<typeof batchForms>>>();

async function formsOf(rt: ExamRuntime, batchId: string): ReturnType<typeof batchForms> {
  let inFlight = formsReading.get(rt);
  if (inFlight === undefined) formsReading.set(rt, (inFlight = new Map()));
  const pending = inFlight.get(batchId);
  if (pending !== undefined) return pending;
  const read = batchForms(rt.ctx.db, batchId);
  inFlight.set(batchId, read);
  try {
    return await read;
  } finally {
    inFlight.delete(batchId);
  }
}

/** Whether other processes may serve this database's candidates too (PostgreSQL), so a copy cached early can lag. */
const shared = (rt: ExamRuntime): boolean => isPostgres(rt.ctx.db as unknown as Kysely<unknown>);
