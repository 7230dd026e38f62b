import { createContext } from '@kaowu/services';
import { syntheticPerson, rosterWorkbook, insertPaper, syntheticPaper } from '@kaowu/services/testing';
import { openDatabase } from '@kaowu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, staffToken, startTestServer, type TestServer } from './testing/harness.ts';

let s: TestServer;
const api = client(() => s.url);

beforeAll(async () => {
  s = await startTestServer({ rooms: [4, 2] });
});
afterAll(() => s.close());

const cookieOf = (headers: Headers): string => (headers.get('set-cookie') ?? '').split(';')[0]!;

describe('staff sign-in', () => {
  it('sets an httpOnly SameSite=Strict cookie; state-changing cookie requests need the CSRF token', async () => {
    const login = await api.post('/api/staff/login', { username: 'proctor_a', password: 'kaowu-test' });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = cookieOf(login.headers);
    const room = s.exam.rooms[0]!.id;
    expect((await api.get(`/api/rooms/${room}`, { headers: { cookie } })).status).toBe(200);
    const forged = await api.post(`/api/rooms/${room}/pause`, {}, { headers: { cookie } });
    expect([forged.status, forged.body.error.code]).toEqual([403, 'csrf']);
    const wrong = await api.post(`/api/rooms/${room}/pause`, {}, { headers: { cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.status).toBe(403);
    const ok = await api.post(
      `/api/rooms/${room}/pause`,
      {},
      { headers: { cookie, 'x-csrf-token': login.body.csrfToken } },
    );
    expect(ok.status).toBe(200);
    await api.post(`/api/rooms/${room}/resume`, {}, { token: login.body.token }); // bearer tokens need no CSRF token
    expect((await api.get('/api/staff/me', { headers: { cookie } })).body).toMatchObject({
      username: 'proctor_a',
      roles: ['proctor'],
    });
    // Logout revokes the session: the same cookie and token are refused afterwards.
    await api.post('/api/staff/logout', {}, { headers: { cookie, 'x-csrf-token': login.body.csrfToken } });
    expect((await api.get('/api/staff/me', { headers: { cookie } })).status).toBe(401);
    expect((await api.get('/api/staff/me', { token: login.body.token })).body.error.code).toBe('token_revoked');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++)
      expect((await api.post('/api/staff/login', { username: 'proctor_b', password: 'wrong' })).status).toBe(401);
    const fifth = await api.post('/api/staff/login', { username: 'proctor_b', password: 'wrong' });
    expect([fifth.status, fifth.body.error.code]).toEqual([423, 'locked']);
    const right = await api.post('/api/staff/login', { username: 'proctor_b', password: 'kaowu-test' });
    expect([right.status, right.body.error.code]).toEqual([423, 'locked']);
    s.clock.advance(16);
    expect((await api.post('/api/staff/login', { username: 'proctor_b', password: 'kaowu-test' })).status).toBe(200);
    s.clock.advance(-16);
    const unknown = await api.post('/api/staff/login', { username: 'nobody', password: 'x' });
    expect([unknown.status, unknown.body.error.message]).toEqual([401, '用户名或密码错误']);
  });

  it('checks roles on every staff route', async () => {
    const proctor = await staffToken(api, 'proctor_c');
    const create = await api.post(
      '/api/batches',
      {
        planNumber: 'X',
        name: 'x',
        occupationCode: '6-31-01-03',
        level: 5,
        windows: [{ startsAt: '2026-11-02T01:00:00Z', endsAt: '2026-11-02T03:00:00Z' }],
        rooms: [{ code: '01', name: 'a', seats: 5 }],
      },
      { token: proctor },
    );
    expect(create.status).toBe(403);
    expect(
      (await api.call('POST', `/api/batches/${s.exam.batchId}/roster`, { token: proctor, raw: new Uint8Array([1]) }))
        .status,
    ).toBe(403);
    expect((await api.get('/api/batches')).status).toBe(401);
  });
});

describe('batches', () => {
  let admin: string;
  let batchId: string;
  beforeAll(async () => {
    admin = await staffToken(api, 'admin');
  });

  it('validates the plan with clear 400s and warns about thin staffing', async () => {
    const bad = await api.post(
      '/api/batches',
      {
        planNumber: 'P-1',
        name: '',
        occupationCode: '6-31',
        level: 7,
        windows: [],
        rooms: [{ code: '01', name: 'a', seats: 0 }],
      },
      { token: admin },
    );
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'occupationCode', 'level', 'windows', 'rooms.0.seats']));
    const made = await api.post(
      '/api/batches',
      {
        planNumber: '2026-电工-五级-01',
        name: '2026 年第一批电工五级认定',
        occupationCode: '6-31-01-03',
        level: 5,
        windows: [{ startsAt: '2026-11-02T09:00:00+08:00', endsAt: '2026-11-02T11:00:00+08:00' }],
        rooms: [
          { code: '01', name: '第一考场', seats: 6, columns: 3 },
          { code: '02', name: '第二考场', seats: 40 },
        ],
        staff: [
          { username: 'proctor_a', duty: 'proctor', room: '01' },
          { username: 'admin', duty: 'supervisor' },
        ],
      },
      { token: admin },
    );
    expect(made.status).toBe(201);
    batchId = made.body.id;
    const view = (await api.get(`/api/batches/${batchId}`, { token: admin })).body;
    expect(view.ticketPrefix).toBe('2026110202'); // the seeded batch took …01 for the same day
    expect(view.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('考场 01 只有 1 名监考'),
        expect.stringContaining('考场 02 只有 0 名监考'),
        expect.stringContaining('内部督导员'),
      ]),
    );
  });

  // Every bad row is reported; the imported roster is then seated A/B alternately and its tickets printed.
  it('imports a roster all-or-nothing, then seats it and prints tickets', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => {
      const p = syntheticPerson(100 + i);
      return [p.name, p.idNumber, p.education, p.unit, p.years, null, '01', null];
    });
    const broken = [...rows, ['王五', '440308199001011234', '高中', '车间', 2, null, '09', null]];
    const refused = await api.call('POST', `/api/batches/${batchId}/roster`, {
      token: admin,
      raw: await rosterWorkbook(broken),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ row: 7, column: 'B', field: '身份证号' })]);
    const again = await api.call('POST', `/api/batches/${batchId}/roster`, {
      token: admin,
      raw: await rosterWorkbook([...rows, [...rows[0]!]]),
    });
    expect(again.body.error.details).toEqual([expect.objectContaining({ row: 7, message: '身份证号与第 2 行重复' })]);
    const ok = await api.call('POST', `/api/batches/${batchId}/roster`, {
      token: admin,
      raw: await rosterWorkbook(rows),
    });
    expect(ok.body).toEqual({ imported: 5, photos: 0 });
    // Two sealed forms, then the seat plan alternates them like a checkerboard (3 seats to a row).
    const db = await openDatabase(s.dbPath);
    const ctx = createContext(db, { now: () => new Date(s.clock.now) });
    const ids = [await insertPaper(ctx, syntheticPaper('A')), await insertPaper(ctx, syntheticPaper('B'))];
    const draft = await insertPaper(ctx, syntheticPaper('C'), { draft: true });
    await db.destroy();
    expect(
      (await api.put(`/api/batches/${batchId}/papers`, { paperIds: [draft] }, { token: admin })).body.error.message,
    ).toContain('草稿');
    expect((await api.put(`/api/batches/${batchId}/papers`, { paperIds: ids }, { token: admin })).status).toBe(200);
    const plan = (await api.get(`/api/batches/${batchId}/seat-plan`, { token: admin })).body;
    expect(plan[0].candidates.map((c: { seat: number; form: string }) => `${c.seat}${c.form}`)).toEqual([
      '1A',
      '2B',
      '3A',
      '4B',
      '5A',
    ]);
    const tickets = await fetch(`${s.url}/api/batches/${batchId}/tickets`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const html = await tickets.text();
    expect(html).toContain('准考证');
    expect(html).toContain(`${plan[0].candidates[0].ticket}`);
    expect(html).toContain('2026-11-02 09:00');
    expect(tickets.headers.get('content-security-policy')).toContain("default-src 'none'");
    const sheet = await fetch(`${s.url}/api/batches/${batchId}/rooms/${plan[0].room.id}/sign-in`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const sheetHtml = await sheet.text();
    expect(sheetHtml).toContain('考场签到表');
    expect(sheetHtml).toContain('440308********');
    // The seating chart: the room row by row from the front, 3 seats to a row, each with its form.
    const chart = await (
      await fetch(`${s.url}/api/batches/${batchId}/rooms/${plan[0].room.id}/seating`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(chart).toContain('考场座次表');
    const seatRows = [...chart.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
      [...m[1]!.matchAll(/class="no">(\d+)</g)].map((n) => Number(n[1])),
    );
    expect(seatRows.slice(0, 2)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(chart).toContain(`${plan[0].candidates[1].name}（B 卷）`);
    expect(chart).not.toContain(plan[0].candidates[0].idNumber);
    const missing = await fetch(`${s.url}/api/batches/${batchId}/rooms/no-such-room/seating`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(missing.status).toBe(404);
  });
});
