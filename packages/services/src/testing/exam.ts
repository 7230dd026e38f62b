import { contentHash, ITEM_TYPE_NAMES, paperHash, type ItemContent, type ItemType, type Paper } from '@kaowu/domain';
import { type Json, toJson } from '@kaowu/db';
import type { ServiceContext } from '../shared/context.ts';
import { createUser } from '../accounts/users.ts';
import { audit } from '../audit/writer.ts';
import { attachPapers, createBatch, replaceStaff, type StaffAssignment } from '../exam/batches.ts';
import { syntheticPerson } from '../exam/people.ts';
import { importRoster, rosterWorkbook } from '../exam/roster.ts';

/**
 * Test and benchmark fixtures: a small synthetic paper (no bank needed), staff with passwords, and a batch
 * with two open rooms and a roster. Exported for the server's HTTP tests and benchmark.
 */
export const TEST_PASSWORD = 'kaowu-test';

function content(type: ItemType, n: number): ItemContent {
  const base = { point: 'A001', difficulty: ((n % 5) + 1) as 1 | 2 | 3 | 4 | 5, stem: `第 ${n} 题`, explanation: '' };
  if (type === 'true_false') return { type, ...base, key: n % 2 === 0 };
  const options = ['甲', '乙', '丙', '丁'].map((o) => `${o}${n}`);
  if (type === 'single') return { type, ...base, options, key: n % 4, shuffle: 'all' };
  return { type, ...base, options, key: [0, 2], shuffle: 'all' };
}

/** A sealed paper of `perType` items of each type (1 point each), items coded Q001…; form A, B, …. */
export function syntheticPaper(form: string, perType = 4, durationMinutes = 60, image?: string): Paper {
  let number = 0;
  const types: ItemType[] = ['true_false', 'single', 'multiple'];
  const sections = types.map((type, t) => ({
    type,
    name: ITEM_TYPE_NAMES[type],
    points: 1,
    items: Array.from({ length: perType }, (_, i) => {
      const n = t * perType + i + 1;
      const plain = content(type, n);
      const c = image !== undefined && n === 1 ? { ...plain, stem: `${plain.stem} ![电路图](asset:${image})` } : plain;
      return {
        number: ++number,
        code: `Q${String(n).padStart(3, '0')}`,
        version: 1,
        contentHash: contentHash(c),
        area: 'A',
        points: 1,
        content: c,
      };
    }),
  }));
  const zero = '0'.repeat(64);
  const body: Omit<Paper, 'hash'> = {
    kind: 'kaowu-paper/1',
    occupation: '6-31-01-03',
    level: 5,
    title: '测试试卷',
    durationMinutes,
    totalScore: perType * 3,
    inputs: {
      snapshotHash: zero,
      blueprintHash: zero,
      usageHash: zero,
      seed: `test-${form}`,
      form,
      assemblerVersion: 'test',
    },
    sections,
  };
  return { ...body, hash: paperHash(body) };
}

/**
 * A synthetic paper was not assembled, so it has no blueprint, usage or outline to record: those columns hold
 * `{}`. `Json<never>` fits any JSON column; nothing trusts them here (the blueprint reader validates what it
 * reads, and verification refuses a synthetic paper first, its snapshot being unknown).
 */
const NOT_ASSEMBLED = '{}' as Json<never>;

export async function insertPaper(
  ctx: ServiceContext,
  paper: Paper,
  options: { draft?: boolean; by?: string } = {},
): Promise<string> {
  const id = ctx.newId();
  await ctx.db
    .insertInto('papers')
    .values({
      id,
      occupation_code: paper.occupation,
      level: paper.level,
      form: paper.inputs.form,
      assembly_id: 'test',
      snapshot_hash: paper.inputs.snapshotHash,
      blueprint_json: NOT_ASSEMBLED,
      blueprint_hash: paper.inputs.blueprintHash,
      seed: paper.inputs.seed,
      usage_json: NOT_ASSEMBLED,
      outline_json: NOT_ASSEMBLED,
      paper_json: toJson(paper),
      paper_hash: paper.hash,
      draft: options.draft ? 1 : 0,
      batch_id: null,
      created_by: options.by ?? 'admin',
      created_at: ctx.now().toISOString(),
    })
    .execute();
  return id;
}

export interface SeededExam {
  readonly batchId: string;
  readonly rooms: { readonly id: string; readonly code: string }[];
  readonly paperIds: string[];
  readonly candidates: {
    readonly id: string;
    readonly ticket: string;
    readonly idNumber: string;
    readonly name: string;
    readonly roomCode: string;
    readonly seat: number;
  }[];
}

export interface SeedOptions {
  /** Candidates in room 01 and room 02. */
  readonly rooms?: readonly number[];
  readonly forms?: number;
  readonly perType?: number;
  readonly durationMinutes?: number;
  /** Window relative to now, in minutes. */
  readonly window?: { readonly from: number; readonly to: number };
  readonly open?: boolean;
  readonly planNumber?: string;
  /** Put an image (a bank asset of this name, a 1×1 PNG) into item Q001's stem. */
  readonly image?: string;
}

/** A 1×1 transparent PNG. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** Users (admin; proctor_a and proctor_b for room 01, proctor_c for room 02), then a batch ready to sit. */
export async function seedExam(ctx: ServiceContext, options: SeedOptions = {}): Promise<SeededExam> {
  const anyone = await ctx.db.selectFrom('users').select('username').where('username', '=', 'admin').executeTakeFirst();
  if (!anyone) {
    await createUser(ctx, 'system', {
      username: 'admin',
      displayName: '管理员',
      roles: ['administrator'],
      password: TEST_PASSWORD,
    });
    for (const p of ['proctor_a', 'proctor_b', 'proctor_c'])
      await createUser(ctx, 'admin', { username: p, displayName: p, roles: ['proctor'], password: TEST_PASSWORD });
  }
  await ctx.db
    .insertInto('occupations')
    .values({ code: '6-31-01-03', edition: 2022, name: '电工', trades_json: toJson([]) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const sizes = options.rooms ?? [6, 2];
  const now = ctx.now().getTime();
  const window = options.window ?? { from: -60, to: 300 };
  const at = (min: number): string => new Date(now + min * 60_000).toISOString();
  const rooms = sizes.map((n, i) => ({
    code: String(i + 1).padStart(2, '0'),
    name: `第 ${i + 1} 考场`,
    seats: Math.max(n, 1),
    columns: 6,
  }));
  const { id: batchId } = await createBatch(ctx, 'admin', {
    planNumber: options.planNumber ?? `TEST-${ctx.newId()}`,
    name: '测试批次',
    occupationCode: '6-31-01-03',
    level: 5,
    windows: [{ startsAt: at(window.from), endsAt: at(window.to) }],
    rooms,
    staff: [
      { username: 'proctor_a', duty: 'proctor', room: '01' },
      { username: 'proctor_b', duty: 'proctor', room: '01' },
      ...(rooms.length > 1 ? [{ username: 'proctor_c', duty: 'proctor' as const, room: '02' }] : []),
    ],
  });
  const paperIds: string[] = [];
  for (let f = 0; f < (options.forms ?? 2); f++)
    paperIds.push(
      await insertPaper(
        ctx,
        syntheticPaper('ABCDEFGH'[f]!, options.perType ?? 4, options.durationMinutes ?? 60, options.image),
      ),
    );
  if (options.image !== undefined)
    await ctx.db
      .insertInto('assets')
      .values({
        occupation_code: '6-31-01-03',
        level: 5,
        name: options.image,
        mime: 'image/png',
        data: TINY_PNG,
        hash: 'test',
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  await attachPapers(ctx, 'admin', batchId, paperIds);
  let n = 0;
  const rows = sizes.flatMap((size, r) =>
    Array.from({ length: size }, () => {
      const p = syntheticPerson(n++);
      return [p.name, p.idNumber, p.education, p.unit, p.years, null, rooms[r]!.code, null];
    }),
  );
  await importRoster(ctx, 'admin', batchId, await rosterWorkbook(rows));
  const roomRows = await ctx.db
    .selectFrom('rooms')
    .select(['id', 'code'])
    .where('batch_id', '=', batchId)
    .orderBy('code')
    .execute();
  if (options.open ?? true)
    await ctx.db
      .updateTable('rooms')
      .set({ status: 'open', opened_at: ctx.now().toISOString() })
      .where('batch_id', '=', batchId)
      .execute();
  const people = await ctx.db
    .selectFrom('candidates as c')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .select(['c.id', 'c.ticket', 'c.id_number', 'c.name', 'r.code', 'c.seat'])
    .where('c.batch_id', '=', batchId)
    .orderBy('r.code')
    .orderBy('c.seat')
    .execute();
  return {
    batchId,
    rooms: roomRows,
    paperIds,
    candidates: people.map((p) => ({
      id: p.id,
      ticket: p.ticket,
      idNumber: p.id_number,
      name: p.name,
      roomCode: p.code,
      seat: p.seat,
    })),
  };
}

/**
 * Staffs a seeded batch as an administrator would have before its rooms opened: seedExam opens them directly, and
 * once a room has opened setBatchStaff refuses (the staff are frozen). Audited as the same 'batch.staff' record.
 */
export async function staffSeededBatch(
  ctx: ServiceContext,
  batchId: string,
  staff: readonly StaffAssignment[],
): Promise<void> {
  await replaceStaff(ctx, batchId, staff, async (trx, rows) => {
    await audit(trx, ctx, {
      actor: 'admin',
      action: 'batch.staff',
      entity: 'batch',
      entityId: batchId,
      detail: { staff: rows.map((r) => `${r.username}:${r.duty}`).sort() },
    });
  });
}
