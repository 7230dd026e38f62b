import { fromJson, openDatabase } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import {
  candidateLogin,
  checkIdentity,
  createContext,
  createExamRuntime,
  editCandidate,
  listRoster,
  setAccommodation,
  setCandidatePhoto,
} from '../index.ts';
import { auditRowsLike, seedExam, TINY_PNG } from '../testing/index.ts';

async function seeded() {
  const db = await openDatabase(':memory:');
  const ctx = createContext(db, { now: () => new Date('2026-11-02T01:00:00Z') });
  const exam = await seedExam(ctx, { rooms: [4, 2], forms: 2 });
  // Room 01 has two seats free beyond its four candidates.
  await db
    .updateTable('rooms')
    .set({ seats: 6 })
    .where('batch_id', '=', exam.batchId)
    .where('code', '=', '01')
    .execute();
  return { db, ctx, exam };
}

describe('the roster table', () => {
  it('lists each candidate with room, seat, the form of that seat and where they stand', async () => {
    const { ctx, exam } = await seeded();
    const rt = await createExamRuntime(ctx);
    const first = exam.candidates[0]!;
    await candidateLogin(rt, { ticket: first.ticket, idNumber: first.idNumber, deviceId: 'device-0000-0001' });
    const roster = await listRoster(ctx, 'proctor_a', exam.batchId);
    // Checkerboard over six columns: seats 1 and 3 sit form A, 2 and 4 form B.
    expect(roster.map((l) => [l.room, l.seat, l.form, l.statusName])).toEqual([
      ['01', 1, 'A', '已登录待开始'],
      ['01', 2, 'B', '未登录'],
      ['01', 3, 'A', '未登录'],
      ['01', 4, 'B', '未登录'],
      ['02', 1, 'A', '未登录'],
      ['02', 2, 'B', '未登录'],
    ]);
    expect(roster[0]).toMatchObject({ ticket: first.ticket, name: first.name, idNumber: first.idNumber });
    await rt.commit.drain();
  });

  it('carries each line’s photo, 实名核验 and 便利安排, so one table shows the roster whole', async () => {
    const { ctx, exam } = await seeded();
    const rt = await createExamRuntime(ctx);
    const [a, b, c] = exam.candidates as [
      (typeof exam.candidates)[0],
      (typeof exam.candidates)[0],
      (typeof exam.candidates)[0],
    ];
    await setCandidatePhoto(ctx, 'admin', a.id, { fileName: 'a.png', data: TINY_PNG });
    await setAccommodation(ctx, 'admin', b.id, { extraMinutes: 30, timeFactor: 1, largeFont: true });
    await checkIdentity(rt, 'proctor_a', a.id, { status: 'checked' });
    await checkIdentity(rt, 'proctor_a', c.id, { status: 'mismatch', note: '照片不符' });
    await rt.commit.drain();
    const roster = await listRoster(ctx, 'admin', exam.batchId);
    expect(roster.slice(0, 4).map((l) => [l.photo !== null, l.identityName, l.accommodation])).toEqual([
      [true, '已核验', ''],
      [false, '未核验', '延时 30 分钟，大字号'],
      [false, '人证不符', ''],
      [false, '未核验', ''],
    ]);
    expect(roster[0]!.photo).toBe(`/api/candidates/${a.id}/photo`);
    expect(roster.map((l) => l.identity)).toEqual(['checked', null, 'mismatch', null, null, null]);
  });

  it('corrects a line and audits each changed field with its before and after', async () => {
    const { db, ctx, exam } = await seeded();
    const c = exam.candidates[1]!;
    const line = await editCandidate(ctx, 'admin', exam.batchId, c.id, { name: '王 小明', unit: '检修二班', seat: 6 });
    expect([line.name, line.unit, line.seat, line.form]).toEqual(['王 小明', '检修二班', 6, 'B']);
    const [record] = await auditRowsLike(db, 'candidate.edit');
    expect(record).toMatchObject({ actor: 'admin', action: 'candidate.edit', entity_id: c.id });
    expect(fromJson(record!.detail_json)).toEqual({
      ticket: c.ticket,
      changes: {
        name: { before: c.name, after: '王 小明' },
        seat: { before: 2, after: 6 },
        unit: { before: expect.any(String), after: '检修二班' },
      },
    });
  });

  it('refuses a bad edit with its field and reason, and changes nothing', async () => {
    const { db, ctx, exam } = await seeded();
    const rt = await createExamRuntime(ctx);
    const [a, b] = exam.candidates as [(typeof exam.candidates)[0], (typeof exam.candidates)[0]];
    await candidateLogin(rt, { ticket: a.ticket, idNumber: a.idNumber, deviceId: 'device-0000-0002' });
    const before = await listRoster(ctx, 'admin', exam.batchId);
    const refusals: [string, string, Parameters<typeof editCandidate>[4], RegExp][] = [
      ['admin', b.id, { name: '  ' }, /^姓名：姓名不能为空$/],
      ['admin', b.id, { seat: 7 }, /^座位号：考场 01 只有 6 个座位$/],
      ['admin', b.id, { seat: 3 }, /^座位号：考场 01 座位 3 已有考生 /],
      ['admin', a.id, { seat: 5 }, /^座位号：考生 .* 已登录考试，座位和卷别不能再改$/],
      ['admin', b.id, { name: b.name }, /信息没有变化$/],
      ['admin', b.id, {}, /^没有要修改的内容$/],
      ['admin', 'nobody', { name: '甲' }, /不在本批次中$/],
      ['proctor_a', b.id, { name: '甲' }, /无权|没有/],
    ];
    for (const [by, id, edit, message] of refusals)
      await expect(editCandidate(ctx, by, exam.batchId, id, edit), JSON.stringify(edit)).rejects.toThrow(message);
    expect(await listRoster(ctx, 'admin', exam.batchId)).toEqual(before);
    expect(await auditRowsLike(db, 'candidate.edit')).toEqual([]);
    await rt.commit.drain();
  });
});
