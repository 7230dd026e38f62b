import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { describe, expect, it } from 'vitest';
import {
  approveTransfer,
  attemptPaper,
  attemptState,
  candidateLogin,
  createContext,
  createExamRuntime,
  pauseRoom,
  resumeRoom,
  saveAnswer,
  startAttempt,
  submitExpired,
  submitOwnAttempt,
  verifyAuditTrail,
  type ExamRuntime,
} from '../index.ts';
import { authenticateCandidate } from './attempts.ts';
import { seedExam, type SeedOptions } from '../testing/index.ts';

const MIN = 60_000;

/** A seeded batch (paper 60 minutes) and a runtime on a clock the test moves. */
async function sitting(options: SeedOptions = {}) {
  const db = await openDatabase(testDbTarget(':memory:'));
  let now = Date.parse('2026-11-02T01:00:00Z');
  let n = 0;
  const ctx = createContext(db, { now: () => new Date(now), newId: () => `id-${String(++n).padStart(5, '0')}` });
  const exam = await seedExam(ctx, { rooms: [6], forms: 1, durationMinutes: 60, ...options });
  const rt = await createExamRuntime(ctx);
  const person = (i: number) => exam.candidates[i]!;
  const login = async (i: number, device = `device-${i}-0000`, runtime: ExamRuntime = rt) => {
    const l = await candidateLogin(runtime, {
      ticket: person(i).ticket,
      idNumber: person(i).idNumber,
      deviceId: device,
    });
    return { ...l, auth: await authenticateCandidate(runtime, l.token) };
  };
  /** Logs candidate i in from a second device: refused as a device conflict that carries the transfer request. */
  const requestTransfer = async (i: number, device: string): Promise<string> => {
    const e = await login(i, device).then(
      () => undefined,
      (x: { code?: string; details?: { transferId: string }[] }) => x,
    );
    expect(e?.code).toBe('device_conflict');
    return e!.details![0]!.transferId;
  };
  const refusal = (p: Promise<unknown> | (() => unknown)) =>
    Promise.resolve()
      .then(() => (typeof p === 'function' ? p() : p))
      .then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
  const audits = async (action: string) =>
    (
      await db
        .selectFrom('audit_log')
        .select(['at', 'entity_id', 'detail_json'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute()
    ).map((r) => ({ at: r.at, attemptId: r.entity_id, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
  return {
    db,
    ctx,
    rt,
    exam,
    person,
    login,
    requestTransfer,
    refusal,
    audits,
    at: () => now,
    advance: (ms: number) => void (now += ms),
  };
}

describe('starting an attempt (开始答题)', () => {
  // Nothing counts down, no answer or item is served until the start.
  it('login creates the attempt with no clock', async () => {
    const s = await sitting();
    const loggedInAt = s.at();
    const { auth, attemptId } = await s.login(0);
    s.advance(3 * MIN); // reading the confirmation screen
    const before = await attemptState(s.rt, auth, attemptId);
    expect(before).toMatchObject({
      status: 'not_started',
      startedAt: null,
      deadline: null,
      remainingSeconds: 3600,
      roomPaused: false,
      answers: [],
    });
    expect(await s.refusal(saveAnswer(s.rt, auth, attemptId, { item: 'Q001', response: true, seq: 1 }))).toBe(
      'attempt_not_started',
    );
    expect(await s.refusal(() => attemptPaper(auth, attemptId))).toBe('attempt_not_started');
    expect(await s.refusal(submitOwnAttempt(s.rt, auth, attemptId))).toBe('attempt_not_started');
    // Nothing expires either, however long the candidate reads.
    s.advance(100 * MIN);
    expect(await submitExpired(s.rt)).toBe(0);

    const startedAt = s.at();
    const started = await startAttempt(s.rt, auth, attemptId);
    expect(started).toMatchObject({
      status: 'in_progress',
      startedAt: new Date(startedAt).toISOString(),
      deadline: new Date(startedAt + 60 * MIN).toISOString(),
      remainingSeconds: 3600,
    });
    expect(attemptPaper(auth, attemptId).sections.length).toBeGreaterThan(0);
    expect((await saveAnswer(s.rt, auth, attemptId, { item: 'Q001', response: true, seq: 1 })).storedSeq).toBe(1);

    // The audit trail: the attempt was created at login and started at the click.
    await s.rt.commit.drain();
    expect(await s.audits('attempt.create')).toEqual([
      expect.objectContaining({ at: new Date(loggedInAt).toISOString(), attemptId }),
    ]);
    expect(await s.audits('attempt.start')).toEqual([
      {
        at: new Date(startedAt).toISOString(),
        attemptId,
        detail: {
          device: 'device-0-0000',
          durationMs: 60 * MIN,
          deadline: new Date(startedAt + 60 * MIN).toISOString(),
          roomPaused: false,
        },
      },
    ]);
    expect((await verifyAuditTrail(s.db)).broken).toBeNull();
  });

  it('is idempotent: repeated and concurrent starts keep the first clock, with one audit record', async () => {
    const s = await sitting();
    const { auth, attemptId } = await s.login(1);
    const startedAt = s.at();
    const [a, b] = await Promise.all([startAttempt(s.rt, auth, attemptId), startAttempt(s.rt, auth, attemptId)]);
    expect(b.deadline).toBe(a.deadline);
    s.advance(5 * MIN);
    const again = await startAttempt(s.rt, auth, attemptId);
    expect(again).toMatchObject({
      status: 'in_progress',
      startedAt: new Date(startedAt).toISOString(),
      deadline: a.deadline,
      remainingSeconds: 55 * 60,
    });
    // A server restart reads the same clock from the database.
    const restarted = await createExamRuntime(s.ctx);
    const auth2 = await authenticateCandidate(restarted, (await s.login(1, 'device-1-0000')).token);
    expect(await startAttempt(restarted, auth2, attemptId)).toMatchObject({
      startedAt: new Date(startedAt).toISOString(),
      remainingSeconds: 55 * 60,
    });
    expect(await s.audits('attempt.start')).toHaveLength(1);
  });

  // After the end the start is refused and the sweep submits the blank attempt at the end.
  it('never runs past the end of the exam window', async () => {
    const s = await sitting({ window: { from: -60, to: 40 } });
    const windowEnd = s.at() + 40 * MIN;
    const late = await s.login(2);
    const never = await s.login(3);
    s.advance(25 * MIN);
    expect(await startAttempt(s.rt, late.auth, late.attemptId)).toMatchObject({
      status: 'in_progress',
      deadline: new Date(windowEnd).toISOString(),
      remainingSeconds: 15 * 60,
    });
    // Before starting, the time on offer already shows the cut.
    expect((await attemptState(s.rt, never.auth, never.attemptId)).remainingSeconds).toBe(15 * 60);

    s.advance(15 * MIN);
    expect(await s.refusal(startAttempt(s.rt, never.auth, never.attemptId))).toBe('outside_window');
    expect((await attemptState(s.rt, never.auth, never.attemptId)).status).toBe('not_started');
    s.advance(20_000); // past the grace
    expect(await submitExpired(s.rt)).toBe(2);
    const state = await attemptState(s.rt, never.auth, never.attemptId);
    expect(state).toMatchObject({
      status: 'submitted',
      startedAt: null,
      remainingSeconds: 0,
      submittedAt: new Date(windowEnd).toISOString(),
    });
    // Asking again changes nothing and says it is over.
    expect((await startAttempt(s.rt, never.auth, never.attemptId)).status).toBe('submitted');
    expect(
      await s.refusal(saveAnswer(s.rt, never.auth, never.attemptId, { item: 'Q001', response: true, seq: 1 })),
    ).toBe('attempt_submitted');
    const row = await s.db
      .selectFrom('attempts')
      .select(['submit_reason', 'submitted_by', 'score'])
      .where('id', '=', never.attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ submit_reason: 'expired', submitted_by: 'system', score: 0 });
    expect((await s.audits('attempt.submit')).find((a) => a.attemptId === never.attemptId)?.detail).toMatchObject({
      reason: 'expired',
      answered: 0,
      started: false,
    });
  });

  it('started while the room is paused, the clock waits for the resume', async () => {
    const s = await sitting();
    const { auth, attemptId } = await s.login(0);
    const room = s.exam.rooms[0]!.id;
    await pauseRoom(s.rt, 'proctor_a', room);
    expect((await attemptState(s.rt, auth, attemptId)).roomPaused).toBe(true);
    expect(await startAttempt(s.rt, auth, attemptId)).toMatchObject({
      status: 'paused',
      deadline: null,
      remainingSeconds: 3600,
    });
    s.advance(4 * MIN);
    await resumeRoom(s.rt, 'proctor_a', room);
    expect(await attemptState(s.rt, auth, attemptId)).toMatchObject({
      status: 'in_progress',
      roomPaused: false,
      deadline: new Date(s.at() + 60 * MIN).toISOString(),
    });
  });

  it('a transfer before the start moves the unstarted attempt: the new device starts the clock', async () => {
    const s = await sitting();
    const first = await s.login(4, 'device-old-0001');
    s.advance(2 * MIN);
    const transferId = await s.requestTransfer(4, 'device-new-0002');
    await approveTransfer(s.rt, 'proctor_a', transferId);
    expect(await s.refusal(authenticateCandidate(s.rt, first.token))).toBe('token_revoked');
    const moved = await s.login(4, 'device-new-0002');
    expect(moved.attemptId).toBe(first.attemptId);
    expect((await attemptState(s.rt, moved.auth, moved.attemptId)).status).toBe('not_started');
    s.advance(MIN);
    expect(await startAttempt(s.rt, moved.auth, moved.attemptId)).toMatchObject({
      status: 'in_progress',
      startedAt: new Date(s.at()).toISOString(),
      remainingSeconds: 3600,
    });
  });

  it('a transfer, a reload or a new login after the start resumes the running clock, never restarts it', async () => {
    const s = await sitting();
    const first = await s.login(5, 'device-old-0005');
    const started = await startAttempt(s.rt, first.auth, first.attemptId);
    await saveAnswer(s.rt, first.auth, first.attemptId, { item: 'Q002', response: false, seq: 4 });
    s.advance(10 * MIN);
    // The same device logs in again (a reload that lost its token): the clock runs on.
    const again = await s.login(5, 'device-old-0005');
    expect(await startAttempt(s.rt, again.auth, again.attemptId)).toMatchObject({
      startedAt: started.startedAt,
      deadline: started.deadline,
      remainingSeconds: 50 * 60,
    });

    const transferId = await s.requestTransfer(5, 'device-new-0006');
    await approveTransfer(s.rt, 'proctor_a', transferId);
    s.advance(MIN);
    const moved = await s.login(5, 'device-new-0006');
    const resumed = await attemptState(s.rt, moved.auth, moved.attemptId);
    expect(resumed).toMatchObject({
      status: 'in_progress',
      startedAt: started.startedAt,
      deadline: started.deadline,
      remainingSeconds: 49 * 60,
    });
    expect(resumed.answers).toEqual([{ item: 'Q002', response: false, seq: 4 }]);
    expect(await startAttempt(s.rt, moved.auth, moved.attemptId)).toMatchObject({
      deadline: started.deadline,
      remainingSeconds: 49 * 60,
    });
    expect(await s.audits('attempt.start')).toHaveLength(1);
  });
});
