import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { describe, expect, it } from 'vitest';
import {
  attemptPaper,
  attemptState,
  candidateLogin,
  createContext,
  createExamRuntime,
  startAttempt,
  verifyAuditTrail,
} from '../index.ts';
import { authenticateCandidate } from './attempts.ts';
import { seedExam } from '../testing/index.ts';

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

/**
 * A whole room logging in and starting at once: the logins (and then the starts) of one turn are written together
 * in one transaction, yet each candidate gets their own outcome, a refusal stays that candidate's alone, and the
 * audit chain holds one record per login and start.
 */
describe('a room logging in and starting at once', () => {
  it('gives each candidate their own outcome, in few transactions, with an exact audit chain', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    const now = Date.parse('2026-11-02T01:00:00Z');
    const ctx = createContext(db, { now: () => new Date(now) });
    const exam = await seedExam(ctx, { rooms: [40], forms: 2, durationMinutes: 60 });
    const rt = await createExamRuntime(ctx);
    const c = exam.candidates;
    const login = (i: number, device = `device-${i}-0000`) =>
      candidateLogin(rt, { ticket: c[i]!.ticket, idNumber: c[i]!.idNumber, deviceId: device });
    const before = rt.commit.stats.transactions;

    // All at once: 40 first logins, candidate 0 twice on its own device, candidate 1 also from a second device,
    // a wrong ID number.
    const logins = c.map((_, i) => login(i));
    const again = login(0);
    const otherDevice = login(1, 'device-1-other');
    const wrong = candidateLogin(rt, { ticket: c[2]!.ticket, idNumber: 'X', deviceId: 'device-2-0000' });
    expect(await outcome(wrong)).toBe('unauthorized');
    expect(await outcome(otherDevice)).toBe('device_conflict');
    const first = await Promise.all(logins);
    const second = await again;
    expect(rt.commit.stats.transactions - before).toBeLessThanOrEqual(3);
    expect(new Set(first.map((l) => l.attemptId)).size).toBe(40);
    expect(second.attemptId).toBe(first[0]!.attemptId);
    // The later login on the same device holds the session: the earlier token is revoked.
    expect(await outcome(authenticateCandidate(rt, first[0]!.token))).toBe('token_revoked');
    const tokens = first.map((l) => l.token);
    tokens[0] = second.token;

    // Candidate 3 is marked absent (缺考) by the proctor before starting; candidate 4 clicks start twice.
    await db.updateTable('candidates').set({ absent: 1 }).where('id', '=', c[3]!.id).execute();
    const auths = await Promise.all(tokens.map((t) => authenticateCandidate(rt, t)));
    const starting = rt.commit.stats.transactions;
    const starts = auths.map((a) => outcome(startAttempt(rt, a, a.attempt.id)));
    const twice = startAttempt(rt, auths[4]!, auths[4]!.attempt.id);
    const results = await Promise.all(starts);
    const repeated = await twice;
    expect(rt.commit.stats.transactions - starting).toBeLessThanOrEqual(2);
    expect(results.filter((r) => r !== 'ok')).toEqual(['candidate_absent']);
    expect(results[3]).toBe('candidate_absent');
    expect(repeated.status).toBe('in_progress');

    // Each started clock as stored: the paper's 60 minutes from now, and the state read back says the same.
    const rows = await db
      .selectFrom('attempts')
      .select(['id', 'status', 'started_at', 'duration_ms', 'deadline_at', 'paused_since'])
      .execute();
    for (const [i, a] of auths.entries()) {
      const row = rows.find((r) => r.id === a.attempt.id)!;
      if (i === 3) {
        expect(row).toMatchObject({ status: 'not_started', started_at: null, deadline_at: null });
        continue;
      }
      expect(row).toMatchObject({
        status: 'in_progress',
        started_at: new Date(now).toISOString(),
        duration_ms: 60 * 60_000,
        deadline_at: new Date(now + 60 * 60_000).toISOString(),
        paused_since: null,
      });
      const state = await attemptState(rt, a, a.attempt.id);
      expect(state.deadline).toBe(row.deadline_at);
      expect(attemptPaper(a, a.attempt.id).sections.flatMap((s) => s.items).length).toBeGreaterThan(0);
    }

    const actions = await db.selectFrom('audit_log').select('action').execute();
    const count = (action: string) => actions.filter((r) => r.action === action).length;
    expect(count('attempt.create')).toBe(40);
    expect(count('attempt.transfer_request')).toBe(1);
    expect(count('attempt.start')).toBe(39);
    expect(await verifyAuditTrail(db)).toEqual({ records: actions.length, broken: null });
    await db.destroy();
  });
});
