import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAssessor, setCandidatePhoto, setPanel, setPlan } from '@kaowu/services';
import { rosterWorkbook, syntheticPerson } from '@kaowu/services/testing';
import {
  addSupervisors,
  client,
  createStaff,
  staffTokens,
  startTestServer,
  type TestServer,
} from '../../testing/harness.ts';

/** A 1×1 PNG, the smallest picture the roster's photo check accepts. */
const ONE_PIXEL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (ch) => ch.charCodeAt(0),
);

let server: TestServer;
const api = client(() => server.url);
let tokens: Record<string, string>;
let list: string;

/** The seeded batch with its rooms still closed, two supervisors, on Monday 2026-11-02 (China). */
beforeAll(async () => {
  server = await startTestServer({ open: false });
  await addSupervisors(server, ['sup_qian', 'sup_he']);
  tokens = await staffTokens(api, ['admin', 'proctor_a', 'sup_qian']);
  list = `/api/batches/${server.exam.batchId}/candidate-list`;
});
afterAll(() => server.close());

describe('the exam day over HTTP', () => {
  it('publishes the masked list as a workbook and a print page, and holds the rooms until it ends', async () => {
    expect((await api.post(list, {}, { token: tokens.proctor_a })).status).toBe(403);
    const published = await api.post(list, {}, { token: tokens.admin });
    expect(published.status).toBe(201);
    expect(published.body.window).toMatchObject({ firstDay: '2026-11-03', lastDay: '2026-11-09' });

    const first = server.exam.candidates[0]!;
    const masked = `${first.name[0]}${'*'.repeat(first.name.length - 1)}`;
    const res = await fetch(`${server.url}${list}/workbook`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining([first.ticket, masked]));
    expect(cells.join('')).not.toContain(first.idNumber);
    const page = await api.get(`${list}/print`, { token: tokens.admin });
    expect(page.body).toContain('公示期：2026-11-03 至 2026-11-09（5 个工作日）');
    expect(page.body).toContain(masked);
    expect(page.body).not.toContain(first.idNumber);

    const room = server.exam.rooms[0]!.id;
    const early = await api.post(`/api/rooms/${room}/open`, {}, { token: tokens.proctor_a });
    expect([early.status, early.body.error.code]).toEqual([409, 'candidate_list_open']);
    expect(early.body.error.message).toContain('考生名单公示期至 2026-11-09 结束');
    const proctorReason = await api.post(
      `/api/rooms/${room}/open-early`,
      { reason: '急' },
      { token: tokens.proctor_a },
    );
    expect(proctorReason.status).toBe(403);
    const blank = await api.post(`/api/rooms/${room}/open-early`, { reason: ' ' }, { token: tokens.admin });
    expect(blank.status).toBe(400);
    const admin = await api.post(`/api/rooms/${room}/open-early`, { reason: '上级通知提前' }, { token: tokens.admin });
    expect(admin.status).toBe(200);
  });

  it('after the start, changes the staff only through a proposal a supervisor confirms', async () => {
    const staff = [
      { username: 'proctor_a', duty: 'proctor', room: '01' },
      { username: 'sup_qian', duty: 'supervisor' },
    ];
    const batch = `/api/batches/${server.exam.batchId}`;
    const direct = await api.put(`${batch}/staff`, { staff }, { token: tokens.admin });
    expect([direct.status, direct.body.error.code]).toEqual([409, 'staff_frozen']);
    const proposed = await api.post(`${batch}/staff-changes`, { staff, reason: '何督导借调' }, { token: tokens.admin });
    expect(proposed.status).toBe(201);
    const byAdmin = await api.post(`${batch}/staff-changes/${proposed.body.id}/confirm`, {}, { token: tokens.admin });
    expect(byAdmin.status).toBe(403);
    const confirmed = await api.post(
      `${batch}/staff-changes/${proposed.body.id}/confirm`,
      {},
      { token: tokens.sup_qian },
    );
    expect([confirmed.status, confirmed.body.confirmedBy]).toEqual([200, 'sup_qian']);
    const now = await api.get(batch, { token: tokens.admin });
    expect(now.body.staff.map((s: { username: string }) => s.username).sort()).toEqual(['proctor_a', 'sup_qian']);
  });

  it('after the start, refuses a roster import with 409 roster_frozen and seats nobody', async () => {
    const roster = `/api/batches/${server.exam.batchId}/roster`;
    const seated = async () =>
      (await api.get(`/api/batches/${server.exam.batchId}/seat-plan`, { token: tokens.admin })).body.flatMap(
        (r: { candidates: { name: string }[] }) => r.candidates.map((c) => c.name),
      );
    const before = await seated();
    const p = syntheticPerson(500);
    const refused = await api.call('POST', roster, {
      token: tokens.admin,
      raw: await rosterWorkbook([[p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null]]),
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'roster_frozen']);
    expect(refused.body.error.message).toBe(
      '考场 01 已开考，本批次不得再导入考生名单（个别考生信息可在考生列表中逐行更正）',
    );
    expect(await seated()).toEqual(before);
    expect(before).toHaveLength(server.exam.candidates.length);
  });
});

describe('practical score sheets over HTTP', () => {
  it('prints one room’s sheets at once, each with its id as QR code, and takes scores by criterion', async () => {
    const { ctx } = server.rt;
    await createStaff(ctx, ['assessor'], { as_chen: '陈考评', as_liu: '刘考评', as_zhou: '周考评' });
    for (const a of ['as_chen', 'as_liu', 'as_zhou']) await registerAssessor(ctx, 'admin', a, '6-31-01-03');
    await setPlan(ctx, 'admin', server.exam.batchId, {
      method: 'assessment',
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
        {
          code: 'skill',
          name: '操作技能',
          kind: 'practical',
          weight: 70,
          criteria: [
            { code: 'wiring', name: '线路敷设与接线', points: 60 },
            { code: 'safety', name: '安全文明生产', points: 40 },
          ],
        },
      ],
    });
    await setPanel(ctx, 'admin', server.exam.batchId, 'skill', {
      leader: 'as_chen',
      members: ['as_chen', 'as_liu', 'as_zhou'],
    });
    const sheets = `/api/batches/${server.exam.batchId}/practical-sheets`;
    const room = server.exam.rooms[0]!;
    const inRoom = server.exam.candidates.filter((c) => c.roomCode === room.code);
    const list = await api.get(`${sheets}?room=${room.id}`, { token: tokens.admin });
    expect(list.body).toHaveLength(inRoom.length * 3);
    const page = await api.get(`${sheets}/print?room=${room.id}`, { token: tokens.admin });
    expect(page.status).toBe(200);
    expect(page.body.match(/<section class="practical">/g)).toHaveLength(inRoom.length * 3);
    expect(page.body.match(/<svg/g)).toHaveLength(inRoom.length * 3);
    for (const s of list.body as { id: string }[]) expect(page.body).toContain(s.id);
    expect(page.body).toContain('贴照片处');
    expect(page.body).toContain('考评员签名');

    // With the roster's photo, the candidate's sheets show it (served by the photo use case); the others keep the slot.
    const pictured = inRoom[0]!;
    await setCandidatePhoto(ctx, 'admin', pictured.id, { fileName: 'photo.png', data: ONE_PIXEL_PNG });
    const withPhoto = (await api.get(`${sheets}/print?room=${room.id}`, { token: tokens.admin })).body as string;
    const img = `<img src="/api/candidates/${pictured.id}/photo"`;
    expect(withPhoto.split(img)).toHaveLength(1 + 3);
    expect(withPhoto.match(/贴照片处/g)).toHaveLength((inRoom.length - 1) * 3);
    const photo = await fetch(`${server.url}/api/candidates/${pictured.id}/photo`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const id = list.body[0].id;
    const bad = await api.post(`${sheets}/scores`, { sheetId: id, scores: { wiring: 61 } }, { token: tokens.admin });
    expect([bad.status, bad.body.error.details]).toEqual([
      400,
      [
        { sheet: id, message: '「线路敷设与接线」得分 61 超出范围（0–60 分）' },
        { sheet: id, message: '「安全文明生产」未评分' },
      ],
    ]);
    const ok = await api.post(
      `${sheets}/scores`,
      { sheetId: id, scores: { wiring: 50, safety: 35.5 } },
      { token: tokens.admin },
    );
    expect([ok.status, ok.body.total]).toEqual([201, 85.5]);
  });
});
