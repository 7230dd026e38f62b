import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { assemblePapers } from '../papers/papers.ts';
import { attachPapers, createBatch } from './batches.ts';
import { syntheticPerson } from './people.ts';
import { importRoster, rosterWorkbook } from './roster.ts';
import { placeholderPortrait } from './portraits.ts';
import JSZip from 'jszip';

export const DEMO_PLAN_NUMBER = 'DEMO-6-31-01-03-5';
/** The demo candidate granted an accommodation, by seat. */
export const DEMO_ACCOMMODATED_SEAT = 2;
/** The demo window runs from an hour before loading for 30 days, so the demo can be sat whenever it is started. */
const DEMO_WINDOW_DAYS = 30;

export interface DemoExamOptions {
  /** The blueprint (YAML text) of the demo bank. */
  readonly blueprint: string;
  readonly proctors: readonly string[];
  readonly supervisors: readonly string[];
  readonly candidates?: number;
  readonly seed?: string;
}

export interface DemoExam {
  readonly batchId: string;
  readonly roomId: string;
  readonly papers: readonly { form: string; hash: string }[];
  readonly candidates: readonly { ticket: string; idNumber: string; name: string; seat: number }[];
}

/**
 * The demo exam batch on the demo bank: parallel forms A and B assembled and sealed, one room with 30
 * candidates (valid ID numbers) seated with the forms alternated, two proctors, and the room OPEN with a
 * window covering now — so a new user can log in as a candidate at once.
 */
export async function loadDemoExam(ctx: ServiceContext, by: string, options: DemoExamOptions): Promise<DemoExam> {
  const count = options.candidates ?? 30;
  const { papers } = await assemblePapers(
    ctx,
    by,
    { occupationCode: '6-31-01-03', level: 5 },
    { blueprint: options.blueprint, seed: options.seed ?? 'kaowu-demo-2026', forms: 2 },
  );
  const now = ctx.now().getTime();
  const { id: batchId } = await createBatch(ctx, by, {
    planNumber: DEMO_PLAN_NUMBER,
    name: '电工（五级/初级工）理论知识考试 演示批次',
    occupationCode: '6-31-01-03',
    level: 5,
    windows: [
      {
        startsAt: new Date(now - 3600_000).toISOString(),
        endsAt: new Date(now + DEMO_WINDOW_DAYS * 86_400_000).toISOString(),
      },
    ],
    rooms: [{ code: '01', name: '第一考场（机房 A）', seats: Math.max(count, 30), columns: 6 }],
    staff: [
      ...options.proctors.map((username) => ({ username, duty: 'proctor' as const, room: '01' })),
      ...options.supervisors.map((username) => ({ username, duty: 'supervisor' as const })),
    ],
  });
  await attachPapers(
    ctx,
    by,
    batchId,
    papers.map((p) => p.id),
  );
  // Seat 2 has an accommodation (30 extra minutes, large font), so the board shows a later deadline and why.
  const rows = Array.from({ length: count }, (_, i) => {
    const p = syntheticPerson(i);
    const accommodation = i === DEMO_ACCOMMODATED_SEAT - 1 ? [30, 1, '是'] : [null, null, null];
    return [p.name, p.idNumber, p.education, p.unit, p.years, null, '01', null, ...accommodation];
  });
  // Every demo candidate has a generated placeholder portrait (not a real person), packed as a roster zip.
  const zip = new JSZip();
  for (let i = 0; i < count; i++) {
    const p = syntheticPerson(i);
    zip.file(`${p.idNumber}.jpg`, await placeholderPortrait(p.name, i));
  }
  await importRoster(ctx, by, batchId, await rosterWorkbook(rows), await zip.generateAsync({ type: 'uint8array' }));
  const room = await ctx.db.selectFrom('rooms').select('id').where('batch_id', '=', batchId).executeTakeFirstOrThrow();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('rooms')
      .set({ status: 'open', opened_at: ctx.now().toISOString() })
      .where('id', '=', room.id)
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'room.open',
      entity: 'room',
      entityId: room.id,
      detail: { demo: true },
    });
  });
  return {
    batchId,
    roomId: room.id,
    papers: papers.map((p) => ({ form: p.form, hash: p.hash })),
    candidates: await demoCandidates(ctx),
  };
}

/** The demo batch's candidates (for printing the credentials), or an empty list when there is no demo batch. */
export async function demoCandidates(
  ctx: ServiceContext,
): Promise<{ ticket: string; idNumber: string; name: string; seat: number }[]> {
  const rows = await ctx.db
    .selectFrom('candidates as c')
    .innerJoin('batches as b', 'b.id', 'c.batch_id')
    .select(['c.ticket', 'c.id_number', 'c.name', 'c.seat'])
    .where('b.plan_number', '=', DEMO_PLAN_NUMBER)
    .orderBy('c.seat')
    .execute();
  return rows.map((r) => ({ ticket: r.ticket, idNumber: r.id_number, name: r.name, seat: r.seat }));
}

/** Keeps the demo window covering now when the demo is started again later (audited like any change). */
export async function refreshDemoWindow(ctx: ServiceContext): Promise<void> {
  const batch = await ctx.db
    .selectFrom('batches')
    .select('id')
    .where('plan_number', '=', DEMO_PLAN_NUMBER)
    .executeTakeFirst();
  if (!batch) return;
  const now = ctx.now().getTime();
  const windows = await ctx.db
    .selectFrom('exam_windows')
    .select(['id', 'ends_at'])
    .where('batch_id', '=', batch.id)
    .execute();
  const stale = windows.filter((w) => Date.parse(w.ends_at) < now + 86_400_000);
  if (stale.length === 0) return;
  const endsAt = new Date(now + DEMO_WINDOW_DAYS * 86_400_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const w of stale)
      await trx.updateTable('exam_windows').set({ ends_at: endsAt }).where('id', '=', w.id).execute();
    await audit(trx, ctx, {
      actor: 'system',
      action: 'batch.demo_window',
      entity: 'batch',
      entityId: batch.id,
      detail: { endsAt },
    });
  });
}
