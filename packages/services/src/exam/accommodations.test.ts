import { openDatabase } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import {
  attemptInfo,
  candidateLogin,
  createContext,
  createExamRuntime,
  importRoster,
  setAccommodation,
  startAttempt,
} from '../index.ts';
import { rosterWorkbook, seedExam, syntheticPerson } from '../testing/index.ts';
import { authenticateCandidate } from './attempts.ts';
import { readRosterWorkbook } from './roster.ts';

const MIN = 60_000;

describe('accommodations', () => {
  it('reads extra minutes, a multiplier and large font from the roster columns, naming bad cells', async () => {
    const p = syntheticPerson(1);
    const base = [p.name, p.idNumber, p.education, p.unit, p.years, null, null, null];
    const ok = await readRosterWorkbook(await rosterWorkbook([[...base, 30, 1.5, '是']]));
    expect(ok.ok && ok.rows[0]!.accommodation).toEqual({ extraMinutes: 30, timeFactor: 1.5, largeFont: true });
    const blank = await readRosterWorkbook(await rosterWorkbook([[...base, null, null, null]]));
    expect(blank.ok && blank.rows[0]!.accommodation).toEqual({ extraMinutes: 0, timeFactor: 1, largeFont: false });
    const bad = await readRosterWorkbook(await rosterWorkbook([[...base, -5, 9, '也许']]));
    expect(bad.ok ? [] : bad.problems.map((x) => `${x.column} ${x.field}: ${x.message}`)).toEqual([
      'I 延时（分钟）: 延时“-5”应为 0–600 之间的整数分钟',
      'J 时间倍数: 时间倍数“9”应为 1–3 之间的数（如 1.5）',
      'K 大字号: 大字号“也许”应填“是”或留空',
    ]);
  });

  it('gives the accommodated candidate a later deadline than the neighbour, audited; frozen once started', async () => {
    const db = await openDatabase(':memory:');
    const now = Date.parse('2026-11-02T01:00:00Z');
    let n = 0;
    const ctx = createContext(db, { now: () => new Date(now), newId: () => `id-${++n}` });
    const exam = await seedExam(ctx, { rooms: [2, 1], forms: 1, durationMinutes: 60 });
    const rt = await createExamRuntime(ctx);
    const [plain, granted] = exam.candidates;
    await expect(
      setAccommodation(ctx, 'proctor_a', granted!.id, { extraMinutes: 30, timeFactor: 1, largeFont: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await setAccommodation(ctx, 'admin', granted!.id, { extraMinutes: 30, timeFactor: 1, largeFont: true });
    const start = async (c: typeof plain) => {
      const l = await candidateLogin(rt, { ticket: c!.ticket, idNumber: c!.idNumber, deviceId: `dev-${c!.ticket}` });
      const auth = await authenticateCandidate(rt, l.token);
      const info = await attemptInfo(rt, auth, l.attemptId);
      return { info, state: await startAttempt(rt, auth, l.attemptId) };
    };
    const a = await start(plain);
    const b = await start(granted);
    expect(a.info.durationMinutes).toBe(60);
    expect(b.info).toMatchObject({ durationMinutes: 90, accommodation: { extraMinutes: 30, largeFont: true } });
    expect(Date.parse(b.state.deadline!) - Date.parse(a.state.deadline!)).toBe(30 * MIN);
    await expect(
      setAccommodation(ctx, 'admin', granted!.id, { extraMinutes: 60, timeFactor: 1, largeFont: true }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'detail_json'])
      .where('action', 'in', ['candidate.accommodation', 'attempt.start'])
      .orderBy('seq')
      .execute();
    expect(audited.map((r) => r.action)).toEqual(['candidate.accommodation', 'attempt.start', 'attempt.start']);
    expect(JSON.parse(audited[2]!.detail_json)).toMatchObject({ accommodation: { extraMinutes: 30 } });
    await db.destroy();
  });

  it('imports the roster accommodation columns', async () => {
    const db = await openDatabase(':memory:');
    const ctx = createContext(db);
    const exam = await seedExam(ctx, { rooms: [1, 0], open: false });
    const p = syntheticPerson(50);
    await importRoster(
      ctx,
      'admin',
      exam.batchId,
      await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null, 15, null, null]]),
    );
    const row = await db.selectFrom('candidate_accommodations').selectAll().executeTakeFirstOrThrow();
    expect([row.extra_minutes, row.time_factor, row.large_font]).toEqual([15, 1, 0]);
    await db.destroy();
  });
});
