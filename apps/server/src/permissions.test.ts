import { type Action, allows, type Relation, type Role } from '@kaowu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.ts';
import { type Client, client, seedDemo, staffToken, tempDb } from './testing/harness.ts';

/**
 * Every staff role against every route family of the demo, through HTTP: what the permission table allows
 * answers 2xx (or, for a write on the completed batch, the state's own refusal), what it refuses answers 403.
 * The expectation is computed from the table with `allows`, so the table and the server cannot drift apart.
 */
const PEOPLE = ['admin', 'expert_wang', 'assessor_chen', 'proctor_sun', 'supervisor_qian', 'proctor_zhang'] as const;
type Person = (typeof PEOPLE)[number];

/** Each person's relations to DEMO-2026-001, its room 01 and the demo bank, as the demo sets them up. */
const RELATIONS: Record<Person, Relation[]> = {
  admin: [],
  expert_wang: [],
  assessor_chen: ['assessor', 'registered'], // on the batch's panel; registered for 电工
  proctor_sun: ['proctor'], // proctor of room 01
  supervisor_qian: ['supervisor'],
  proctor_zhang: [], // a proctor of the other (open) demo batch: no duty in this one
};

interface Row {
  readonly family: string;
  readonly action: Action;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: (ids: { batch: string; room: string }) => string;
  readonly body?: unknown;
  /** What an allowed request answers when the completed batch's state refuses it (default: 2xx). */
  readonly allowedStatus?: number;
}

const BANK = '/api/banks/6-31-01-03/5';
const BATCH = '/api/batches/DEMO-2026-001';
const ROWS: readonly Row[] = [
  { family: 'banks/items', action: 'bank.read', method: 'GET', path: () => `${BANK}/items` },
  { family: 'banks/certification', action: 'bank.read', method: 'GET', path: () => `${BANK}/certification` },
  { family: 'papers/blueprint', action: 'paper.read', method: 'GET', path: () => `${BANK}/blueprint` },
  { family: 'papers', action: 'paper.read', method: 'GET', path: () => `${BANK}/papers` },
  { family: 'batches', action: 'batch.read', method: 'GET', path: (i) => `/api/batches/${i.batch}` },
  { family: 'roster/tickets', action: 'batch.read', method: 'GET', path: (i) => `/api/batches/${i.batch}/seat-plan` },
  { family: 'rooms/live', action: 'room.run', method: 'GET', path: (i) => `/api/rooms/${i.room}` },
  { family: 'plan', action: 'plan.read', method: 'GET', path: () => `${BATCH}/plan` },
  { family: 'plan/panels', action: 'plan.read', method: 'GET', path: () => `${BATCH}/panels` },
  { family: 'results read', action: 'results.read', method: 'GET', path: () => `${BATCH}/results/decisions` },
  { family: 'results sheet', action: 'results.read', method: 'GET', path: () => `${BATCH}/results/sheet` },
  { family: 'eligibility', action: 'results.read', method: 'GET', path: () => `${BATCH}/results/eligibility` },
  {
    family: 'results write',
    action: 'results.write',
    method: 'POST',
    path: () => `${BATCH}/results/compute`,
    allowedStatus: 409, // final since the publicity closed
  },
  {
    family: 'results reports',
    action: 'results.export',
    method: 'GET',
    path: () => `${BATCH}/results/reports/summary`,
  },
  { family: 'publicity', action: 'publicity.read', method: 'GET', path: () => `${BATCH}/results/publicity` },
  {
    family: 'publicity write',
    action: 'publicity.write',
    method: 'POST',
    path: () => `${BATCH}/results/finalise`,
    allowedStatus: 409,
  },
  { family: 'certificates', action: 'certificate.read', method: 'GET', path: () => `${BATCH}/results/certificates` },
  { family: 'supervision', action: 'supervision.read', method: 'GET', path: () => `${BATCH}/supervision` },
  { family: 'audit', action: 'audit.read', method: 'GET', path: () => '/api/audit?batch=DEMO-2026-001' },
  { family: 'audit verify', action: 'audit.verify', method: 'GET', path: () => '/api/audit/verify' },
  // Filing, archive and retention (issue 16).
  { family: 'timeline', action: 'filing.read', method: 'GET', path: () => `${BATCH}/timeline` },
  {
    family: 'timeline mark',
    action: 'filing.write',
    method: 'POST',
    path: () => `${BATCH}/timeline/plan_filed`,
    body: {},
  },
  {
    family: 'destruction',
    action: 'archive.destroy',
    method: 'POST',
    path: () => `${BATCH}/destruction`,
    allowedStatus: 400, // never archived
  },
  { family: 'filing exports', action: 'filing.write', method: 'GET', path: () => `${BATCH}/filing/upload` },
  { family: 'destruction register', action: 'destruction.read', method: 'GET', path: () => '/api/destructions' },
];

let server: RunningServer;
let api: Client;
const tokens = new Map<Person, string>();
const roles = new Map<Person, Role[]>();
const ids = { batch: '', room: '' };

beforeAll(async () => {
  const dbPath = tempDb();
  await seedDemo(dbPath);
  server = await startServer({ dbPath, port: 0 });
  api = client(server.url);
  for (const who of PEOPLE) {
    const token = await staffToken(api, who);
    tokens.set(who, token);
    roles.set(who, (await api.get('/api/staff/me', { token })).body.roles);
  }
  const admin = tokens.get('admin')!;
  const batches = (await api.get('/api/batches', { token: admin })).body as { id: string; planNumber: string }[];
  ids.batch = batches.find((b) => b.planNumber === 'DEMO-2026-001')!.id;
  ids.room = (await api.get(`/api/batches/${ids.batch}`, { token: admin })).body.rooms[0].id;
}, 300_000);

afterAll(async () => {
  await server?.close();
});

const call = (who: Person, row: Row) =>
  api.call(row.method, row.path(ids), { token: tokens.get(who)!, ...(row.method === 'GET' ? {} : { body: {} }) });

describe('the permission table through HTTP, on the demo', () => {
  it('gives each person the demo says they are', () => {
    expect(Object.fromEntries(roles)).toEqual({
      admin: ['administrator'],
      expert_wang: ['author'],
      assessor_chen: ['assessor'],
      proctor_sun: ['proctor'],
      supervisor_qian: [],
      proctor_zhang: ['proctor'],
    });
  });

  for (const row of ROWS)
    it(`${row.family} (${row.action}): allowed as the table says, 403 otherwise`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number | string> = {};
      for (const who of PEOPLE) {
        const may = allows({ roles: roles.get(who)!, relations: RELATIONS[who] }, row.action);
        const { status } = await call(who, row);
        got[who] = status;
        want[who] = may ? (row.allowedStatus ?? '2xx') : 403;
        if (want[who] === '2xx' && status >= 200 && status < 300) got[who] = '2xx' as never;
      }
      expect(got).toEqual(want);
    });

  it('anchors from the issue: a supervisor reads decisions; a proctor gets no results or papers', async () => {
    const qian = tokens.get('supervisor_qian')!;
    const sun = tokens.get('proctor_sun')!;
    const decisions = await api.get(`${BATCH}/results/decisions`, { token: qian });
    expect(decisions.status).toBe(200);
    expect(decisions.body.length).toBe(30);
    expect((await api.get(`${BATCH}/results/decisions`, { token: sun })).status).toBe(403);
    expect((await api.get(`${BANK}/papers`, { token: sun })).status).toBe(403);
    const refused = await api.get(`${BATCH}/results/publicity`, { token: sun });
    expect(refused.body.error.message).toMatch(/proctor_sun 无权查看公示（批次 DEMO-2026-001）/);
  });
});
