import { openDatabase } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import {
  addCandidateListObjection,
  closeRoom,
  confirmStaffChange,
  createContext,
  createExamRuntime,
  createUser,
  batchEligibility,
  editCandidate,
  getBatch,
  getCandidateList,
  getSupervision,
  importPhotos,
  importRoster,
  listRoster,
  listStaffChanges,
  openRoom,
  proposeStaffChange,
  publishCandidateList,
  resolveCandidateListObjection,
  saveSupervision,
  setAccommodation,
  setBatchStaff,
  setCandidatePhoto,
  setResultsSetting,
  type ServiceContext,
  type StaffAssignment,
} from '../index.ts';
import { auditRowsLike, refusal } from '../testing/bank.ts';
import { rosterWorkbook, seedExam, syntheticPerson, TINY_PNG, zipOf, type SeededExam } from '../testing/index.ts';

/** A batch of two closed rooms (proctor_a/b in 01, proctor_c in 02) and three staff with no system role. */
async function world(start = '2026-11-02T08:00:00+08:00') {
  let clock = Date.parse(start);
  let id = 0;
  const ctx: ServiceContext = createContext(await openDatabase(':memory:'), {
    now: () => new Date(clock),
    newId: () => `id-${String(++id).padStart(6, '0')}`,
  });
  const exam: SeededExam = await seedExam(ctx, { planNumber: 'DAY-001', open: false, rooms: [3, 2] });
  for (const [username, displayName] of [
    ['qian', '钱督导'],
    ['he', '何督导'],
    ['zheng', '郑督导'],
  ] as const)
    await createUser(ctx, 'admin', { username, displayName, roles: [] });
  const rt = await createExamRuntime(ctx);
  const room = (code: string) => exam.rooms.find((r) => r.code === code)!.id;
  const setNow = (iso: string): void => void (clock = Date.parse(iso));
  return { ctx, rt, exam, room, setNow };
}

const PROCTORS: StaffAssignment[] = [
  { username: 'proctor_a', duty: 'proctor', room: '01' },
  { username: 'proctor_b', duty: 'proctor', room: '01' },
  { username: 'proctor_c', duty: 'proctor', room: '02' },
];
const supervisors = (...names: string[]): StaffAssignment[] =>
  names.map((username) => ({ username, duty: 'supervisor' as const }));

const roomStatus = async (ctx: ServiceContext, roomId: string) =>
  (await ctx.db.selectFrom('rooms').select('status').where('id', '=', roomId).executeTakeFirstOrThrow()).status;

describe('opening a room needs the internal supervisors (Nanxun: at least 2 per occupation)', () => {
  it('refuses with the count and the number needed, and the setting can be raised but never lowered', async () => {
    const w = await world();
    expect(await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).toMatchObject({
      code: 'supervisors_missing',
      message: '本批次（电工）只有 0 名内部督导员，开考须每个职业至少 2 名',
    });
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [...PROCTORS, ...supervisors('qian')]);
    expect((await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).message).toContain('只有 1 名内部督导员');
    expect(await refusal(setResultsSetting(w.ctx, 'admin', 'staffing.minSupervisors', '1'))).toMatchObject({
      code: 'invalid',
      message: '设置 staffing.minSupervisors 的值“1”无效：每个职业的内部督导员不得少于 2 名',
    });
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [...PROCTORS, ...supervisors('qian', 'he')]);
    await setResultsSetting(w.ctx, 'admin', 'staffing.minSupervisors', '3');
    expect((await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).message).toBe(
      '本批次（电工）只有 2 名内部督导员，开考须每个职业至少 3 名',
    );
    expect(await roomStatus(w.ctx, w.room('01'))).toBe('closed');
    await setResultsSetting(w.ctx, 'admin', 'staffing.minSupervisors', '2');
    await openRoom(w.rt, 'proctor_a', w.room('01'));
    expect(await roomStatus(w.ctx, w.room('01'))).toBe('open');
  });
});

describe('staff frozen once the first room opens (认定时不得随意更改考评人员、内部质量督导人员)', () => {
  async function started() {
    const w = await world();
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [...PROCTORS, ...supervisors('qian', 'he')]);
    await openRoom(w.rt, 'proctor_a', w.room('01'));
    const staff = async () =>
      (await getBatch(w.ctx, 'admin', w.exam.batchId)).staff.map((s) => `${s.username}:${s.duty}`).sort();
    return { ...w, staff };
  }

  it('refuses a direct change, and applies a proposal only when a supervisor of the batch confirms it', async () => {
    const w = await started();
    const before = await w.staff();
    const next = [...PROCTORS, ...supervisors('qian', 'zheng')];
    expect((await refusal(setBatchStaff(w.ctx, 'admin', w.exam.batchId, next))).code).toBe('staff_frozen');
    expect(await w.staff()).toEqual(before);

    await expect(proposeStaffChange(w.ctx, 'admin', w.exam.batchId, { staff: next, reason: ' ' })).rejects.toThrow(
      /请填写更改工作人员的书面理由/,
    );
    expect(
      (await refusal(proposeStaffChange(w.ctx, 'qian', w.exam.batchId, { staff: next, reason: '何静病假' }))).code,
    ).toBe('forbidden');
    const change = await proposeStaffChange(w.ctx, 'admin', w.exam.batchId, { staff: next, reason: '何静病假' });
    expect(change).toMatchObject({ reason: '何静病假', proposedBy: 'admin', confirmedBy: null });
    expect(await w.staff()).toEqual(before);

    // Neither a proctor nor the administrator is the second person; a supervisor not on the batch is not either.
    for (const who of ['proctor_a', 'admin', 'zheng'])
      expect((await refusal(confirmStaffChange(w.ctx, who, w.exam.batchId, change.id))).code).toBe('forbidden');
    const confirmed = await confirmStaffChange(w.ctx, 'qian', w.exam.batchId, change.id);
    expect(confirmed).toMatchObject({ confirmedBy: 'qian' });
    expect(await w.staff()).toEqual(next.map((s) => `${s.username}:${s.duty}`).sort());
    expect((await refusal(confirmStaffChange(w.ctx, 'zheng', w.exam.batchId, change.id))).code).toBe('conflict');
    expect((await listStaffChanges(w.ctx, 'admin', w.exam.batchId)).map((c) => c.confirmedBy)).toEqual(['qian']);
    // People read by name: the proposer and confirmer with their role or duty, the new list with names.
    const [read] = await listStaffChanges(w.ctx, 'qian', w.exam.batchId);
    expect(read).toMatchObject({ proposedByName: '管理员（考务管理员）', confirmedByName: '钱督导（内部督导员）' });
    expect(read!.staff.filter((s) => s.duty === 'supervisor').map((s) => s.name)).toEqual(['钱督导', '郑督导']);

    const trail = await auditRowsLike(w.ctx.db, 'batch.staff_change.');
    expect(trail.map((r) => [r.actor, r.action])).toEqual([
      ['admin', 'batch.staff_change.propose'],
      ['qian', 'batch.staff_change.confirm'],
    ]);
    expect(JSON.parse(trail[1]!.detail_json)).toMatchObject({ reason: '何静病假', proposedBy: 'admin' });
  });

  it('does not let the proposer confirm their own change, even as a supervisor of the batch', async () => {
    const w = await started();
    await createUser(w.ctx, 'admin', { username: 'boss', displayName: '主任', roles: ['administrator'] });
    const withBoss = [...PROCTORS, ...supervisors('qian', 'he', 'boss')];
    const first = await proposeStaffChange(w.ctx, 'admin', w.exam.batchId, { staff: withBoss, reason: '增派督导' });
    await confirmStaffChange(w.ctx, 'qian', w.exam.batchId, first.id);
    const own = await proposeStaffChange(w.ctx, 'boss', w.exam.batchId, {
      staff: withBoss.slice(0, -1),
      reason: '撤回',
    });
    expect(await refusal(confirmStaffChange(w.ctx, 'boss', w.exam.batchId, own.id))).toMatchObject({
      code: 'forbidden',
      message: '提出更改的人不能自己确认，须由本批次另一名内部督导员确认',
    });
  });

  it('refuses a roster import once a room has opened, writing nothing; a line stays correctable', async () => {
    const w = await started();
    const people = async () =>
      (await w.ctx.db.selectFrom('candidates').select('name').orderBy('name').execute()).map((c) => c.name);
    const before = await people();
    const audited = (await auditRowsLike(w.ctx.db, 'batch.roster')).length;
    const p = syntheticPerson(60);
    const extra = await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]);
    expect(await refusal(importRoster(w.ctx, 'admin', w.exam.batchId, extra))).toMatchObject({
      code: 'roster_frozen',
      message: '考场 01 已开考，本批次不得再导入考生名单（个别考生信息可在考生列表中逐行更正）',
    });
    // A broken workbook gets the same answer: the batch's state is the reason, not the file.
    expect((await refusal(importRoster(w.ctx, 'admin', w.exam.batchId, new Uint8Array([1])))).code).toBe(
      'roster_frozen',
    );
    expect(await people()).toEqual(before);
    expect(await auditRowsLike(w.ctx.db, 'batch.roster')).toHaveLength(audited);
    // The same person, a corrected name: not a change of who sits the exam.
    const first = w.exam.candidates[0]!;
    expect(await editCandidate(w.ctx, 'admin', w.exam.batchId, first.id, { name: `${first.name}更` })).toMatchObject({
      name: `${first.name}更`,
      idNumber: first.idNumber,
    });
  });

  it('keeps every line as the candidates sat once the exam is over: edit, photo and 便利安排 refused, nothing written', async () => {
    const w = await started();
    await openRoom(w.rt, 'proctor_c', w.room('02'));
    const [a, b] = w.exam.candidates as [SeededExam['candidates'][0], SeededExam['candidates'][0]];
    // During the exam a proctor's findings at the door are still put right: a photo, a name, a late accommodation.
    await setCandidatePhoto(w.ctx, 'admin', a.id, { fileName: 'a.png', data: TINY_PNG });
    await setAccommodation(w.ctx, 'admin', b.id, { extraMinutes: 20, timeFactor: 1, largeFont: false });
    await editCandidate(w.ctx, 'admin', w.exam.batchId, b.id, { unit: '检修车间' });
    await closeRoom(w.rt, 'proctor_a', w.room('01'));
    await closeRoom(w.rt, 'proctor_c', w.room('02'));
    expect((await getBatch(w.ctx, 'admin', w.exam.batchId)).stage).toBe('scoring');

    const lines = () => listRoster(w.ctx, 'admin', w.exam.batchId);
    const trail = async () => (await auditRowsLike(w.ctx.db, 'candidate.')).length;
    const [before, audited] = [await lines(), await trail()];
    const closed = {
      code: 'roster_closed',
      message: '本批次考试已结束（评分），考生信息、照片和便利安排不得再更改',
    };
    expect(await refusal(editCandidate(w.ctx, 'admin', w.exam.batchId, b.id, { name: '改名' }))).toMatchObject(closed);
    // A bad input gets the same answer: the batch's state is the reason.
    expect(await refusal(editCandidate(w.ctx, 'admin', w.exam.batchId, b.id, { seat: 0 }))).toMatchObject(closed);
    expect(await refusal(setCandidatePhoto(w.ctx, 'admin', b.id, { fileName: 'b.png', data: TINY_PNG }))).toMatchObject(
      closed,
    );
    expect(
      await refusal(setAccommodation(w.ctx, 'admin', a.id, { extraMinutes: 30, timeFactor: 1, largeFont: true })),
    ).toMatchObject(closed);
    const zip = await zipOf({ [`${b.idNumber}.png`]: TINY_PNG });
    expect(await refusal(importPhotos(w.ctx, 'admin', w.exam.batchId, zip))).toMatchObject(closed);
    expect(await lines()).toEqual(before);
    expect(await trail()).toBe(audited);
    // The import is refused too, without pointing at line corrections that are no longer possible.
    const p = syntheticPerson(61);
    const extra = await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]);
    expect(await refusal(importRoster(w.ctx, 'admin', w.exam.batchId, extra))).toMatchObject({
      code: 'roster_frozen',
      message: '考场 01 已开考，本批次不得再导入考生名单',
    });
  });
});

describe('the candidate list published before the exam (职工认定名单公示 5 个工作日)', () => {
  it('counts the window across 国庆 2026, freezes the roster, and holds the rooms until it ends', async () => {
    // 国务院办公厅 2026 年节假日安排: 10-01 to 10-07 off, Saturday 10-10 a working day. Published on Tuesday 09-29,
    // the five working days are 09-30, 10-08, 10-09, 10-10 and 10-12 (the day of publication not counted).
    const w = await world('2026-09-29T09:00:00+08:00');
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [...PROCTORS, ...supervisors('qian', 'he')]);
    expect((await getBatch(w.ctx, 'admin', w.exam.batchId)).candidateListUntil).toBeNull();
    const list = await publishCandidateList(w.ctx, 'admin', 'DAY-001');
    expect(list.window.days).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(list).toMatchObject({ state: 'open', opensFrom: '2026-10-13', matchesRoster: true });
    expect(list.lines[0]).toMatchObject({ ticket: w.exam.candidates[0]!.ticket });
    expect(list.lines[0]!.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(list.lines[0]!.name).toBe(
      `${w.exam.candidates[0]!.name[0]}${'*'.repeat(w.exam.candidates[0]!.name.length - 1)}`,
    );
    expect((await refusal(publishCandidateList(w.ctx, 'admin', 'DAY-001'))).code).toBe('candidate_list_frozen');

    // The roster is frozen while the list is up; nothing is imported.
    const p = syntheticPerson(50);
    const extra = await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]);
    expect(await refusal(importRoster(w.ctx, 'admin', w.exam.batchId, extra))).toMatchObject({
      code: 'candidate_list_frozen',
      message: '考生名单公示至 2026-10-12，公示期间不得更改名单',
    });
    expect((await getCandidateList(w.ctx, 'admin', 'DAY-001')).lines).toHaveLength(5);
    // The console offers no import then: the batch says until when the list runs (rosterImportOpen reads it).
    expect(await getBatch(w.ctx, 'admin', w.exam.batchId)).toMatchObject({
      stage: 'roster',
      candidateListUntil: '2026-10-12',
    });

    // An objection, recorded within the window and handled.
    w.setNow('2026-10-08T10:00:00+08:00');
    const { id } = await addCandidateListObjection(w.ctx, 'admin', 'DAY-001', {
      text: '该考生为劳务派遣人员，在本企业工作不满一年',
      ticket: w.exam.candidates[1]!.ticket,
    });
    await resolveCandidateListObjection(w.ctx, 'admin', 'DAY-001', id, {
      outcome: 'dismissed',
      note: '经核查劳务派遣协议，已满一年',
    });
    expect((await getCandidateList(w.ctx, 'admin', 'DAY-001')).objections).toMatchObject([
      { ticket: w.exam.candidates[1]!.ticket, resolution: { outcome: 'dismissed', by: 'admin' } },
    ]);
    // One received after the window is refused with the window's dates, and nothing is recorded.
    expect(
      await refusal(
        addCandidateListObjection(w.ctx, 'admin', 'DAY-001', {
          text: '迟到的异议',
          raisedAt: '2026-10-13T09:00:00+08:00',
        }),
      ),
    ).toMatchObject({ message: '异议提出日期 2026-10-13 不在名单公示期内（2026-09-29 至 2026-10-12）' });
    expect((await getCandidateList(w.ctx, 'admin', 'DAY-001')).objections).toHaveLength(1);
    expect((await auditRowsLike(w.ctx.db, 'batch.list.objection.')).map((r) => r.action)).toEqual([
      'batch.list.objection.add',
      'batch.list.objection.resolve',
    ]);

    // On the last day: a proctor is refused with the date; an administrator opens with a written reason (audited).
    w.setNow('2026-10-12T08:00:00+08:00');
    expect(await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).toMatchObject({
      code: 'candidate_list_open',
      message: '考生名单公示期至 2026-10-12 结束，期满后方可开考；确需提前开考的，须由考务管理员填写书面理由',
    });
    expect((await refusal(openRoom(w.rt, 'proctor_a', w.room('01'), '赶工期'))).code).toBe('forbidden');
    await openRoom(w.rt, 'admin', w.room('01'), '上级安排本周完成认定，名单公示无异议');
    expect(await roomStatus(w.ctx, w.room('01'))).toBe('open');
    const opened = await auditRowsLike(w.ctx.db, 'room.open');
    expect(JSON.parse(opened.at(-1)!.detail_json)).toEqual({
      earlyOpening: { reason: '上级安排本周完成认定，名单公示无异议', listEndsOn: '2026-10-12' },
    });

    // The day after the window, a proctor opens the other room with no reason.
    w.setNow('2026-10-13T08:00:00+08:00');
    await openRoom(w.rt, 'proctor_c', w.room('02'));
    expect(await roomStatus(w.ctx, w.room('02'))).toBe('open');
  });
});

describe('external supervisors (外督人员): accounts with a read-only view of the batch', () => {
  it('read the batch and its 附件2, and change nothing', async () => {
    const w = await world();
    await createUser(w.ctx, 'admin', { username: 'wai', displayName: '外督甲', roles: [] });
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [
      ...PROCTORS,
      ...supervisors('qian', 'he'),
      { username: 'wai', duty: 'external_supervisor' },
    ]);
    expect((await getBatch(w.ctx, 'wai', w.exam.batchId)).staff).toContainEqual(
      expect.objectContaining({ username: 'wai', duty: 'external_supervisor' }),
    );
    expect((await getSupervision(w.ctx, 'wai', w.exam.batchId)).mayEdit).toBe(false);
    const report = { supervisedOn: '2026-11-02', supervisorUnit: '市评价指导中心', answers: {}, opinion: '' };
    expect((await refusal(saveSupervision(w.ctx, 'wai', w.exam.batchId, report))).code).toBe('forbidden');
    expect((await refusal(batchEligibility(w.ctx, 'wai', w.exam.batchId))).code).toBe('forbidden');
    expect((await refusal(setBatchStaff(w.ctx, 'wai', w.exam.batchId, PROCTORS))).code).toBe('forbidden');
    // An external supervisor is not one of the batch's (internal) supervisors: they do not count for opening.
    await setBatchStaff(w.ctx, 'admin', w.exam.batchId, [
      ...PROCTORS,
      ...supervisors('qian'),
      { username: 'wai', duty: 'external_supervisor' },
    ]);
    expect((await refusal(openRoom(w.rt, 'proctor_a', w.room('01')))).code).toBe('supervisors_missing');
  });
});
