import { openDatabase } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import { closeRoom, createContext, createExamRuntime, createUser, getBatch, listBatches, openRoom } from '../index.ts';
import { seedExam, staffSeededBatch } from '../testing/index.ts';

describe('a batch shows where it stands: stage, dates, candidates, occupation by name', () => {
  it('moves from 名单 to 考试中 to 评分 as the proctors open and close its rooms; staffing warnings end with the exam', async () => {
    const db = await openDatabase(':memory:');
    const ctx = createContext(db, { now: () => new Date('2026-11-02T01:00:00Z') });
    const exam = await seedExam(ctx, { rooms: [6, 2], open: false, window: { from: 60, to: 180 } });
    const rt = await createExamRuntime(ctx);
    const row = async () => (await listBatches(ctx, 'admin')).find((b) => b.id === exam.batchId)!;

    expect(await row()).toMatchObject({
      stage: 'roster',
      candidates: 8,
      occupationName: '电工',
      occupationCode: '6-31-01-03',
      startsAt: '2026-11-02T02:00:00.000Z',
      endsAt: '2026-11-02T04:00:00.000Z',
    });
    // A room opens only with two internal supervisors on the batch (Nanxun); they hold no system role.
    for (const [username, displayName] of [
      ['supervisor_a', '钱敏'],
      ['supervisor_b', '何静'],
    ] as const)
      await createUser(ctx, 'admin', { username, displayName, roles: [] });
    await staffSeededBatch(ctx, exam.batchId, [
      { username: 'proctor_a', duty: 'proctor', room: '01' },
      { username: 'proctor_b', duty: 'proctor', room: '01' },
      { username: 'proctor_c', duty: 'proctor', room: '02' },
      { username: 'supervisor_a', duty: 'supervisor' },
      { username: 'supervisor_b', duty: 'supervisor' },
    ]);
    // People are read by name: the batch carries each one's name beside the login name.
    const staffed = await getBatch(ctx, 'admin', exam.batchId);
    expect(staffed.staff.filter((s) => s.duty === 'supervisor').map((s) => [s.username, s.name])).toEqual([
      ['supervisor_a', '钱敏'],
      ['supervisor_b', '何静'],
    ]);
    expect(staffed.rooms[0]!.proctorNames).toHaveLength(2);
    for (const r of exam.rooms) await openRoom(rt, 'admin', r.id);
    expect((await row()).stage).toBe('exam');
    // Room 02 has one proctor for two candidates: the rule asks for two per room while the exam runs.
    expect((await getBatch(ctx, 'admin', exam.batchId)).warnings).toEqual([
      expect.stringMatching(/^考场 02 只有 1 名监考/),
    ]);
    await closeRoom(rt, 'admin', exam.rooms[0]!.id);
    expect((await row()).stage).toBe('exam');
    await closeRoom(rt, 'admin', exam.rooms[1]!.id);
    expect((await row()).stage).toBe('scoring');
    const closed = await getBatch(ctx, 'admin', exam.batchId);
    expect([closed.stage, closed.warnings, closed.rooms.map((r) => r.status)]).toEqual([
      'scoring',
      [],
      ['closed', 'closed'],
    ]);
    await rt.commit.drain();
  });
});
