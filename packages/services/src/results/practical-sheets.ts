import { LEVELS, type PracticalCriterion } from '@kaowu/domain';
import { practicalSheetId, sheetTotal } from '@kaowu/grading';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { realnameOfBatch } from '../exam/realname-view.ts';
import { batchElectives } from './applications.ts';
import { findBatch, requirePlan, type ResultsBatch } from './batch.ts';
import { loadPanels, panelComponents } from './panels.ts';
import { enterScore } from './score-entry.ts';

/**
 * Practical score sheets (实操考评表, Nanxun: 理论试卷及实操考评表一人一份，实操考评表上考评员需签字): one per
 * candidate × assessor for each panel-scored component whose plan lists criteria. Scores are entered criterion by
 * criterion from the signed paper, by the sheet's identifier; the total becomes that assessor's entry, so the
 * panel and double-entry rules (双人复核) apply unchanged. The assessor's sign-off is recorded against the sheet.
 */

export interface PracticalSheet {
  readonly id: string;
  readonly planNumber: string;
  readonly occupation: string;
  readonly level: string;
  readonly room: { readonly code: string; readonly name: string };
  readonly candidate: {
    readonly id: string;
    readonly ticket: string;
    readonly name: string;
    readonly idNumber: string;
  };
  /** The roster has the candidate's photo (GET /candidates/:id/photo, candidatePhoto); else a marked slot to paste one. */
  readonly photo: boolean;
  readonly component: { readonly code: string; readonly name: string };
  readonly criteria: readonly PracticalCriterion[];
  readonly assessor: { readonly id: string; readonly name: string };
  readonly signedAt: string | null;
}

async function allSheets(ctx: ServiceContext, batch: ResultsBatch, roomId?: string): Promise<PracticalSheet[]> {
  const { plan } = await requirePlan(ctx.db, batch);
  const panels = await loadPanels(ctx.db, batch.id);
  const electives = await batchElectives(ctx.db, batch.id);
  let q = ctx.db
    .selectFrom('candidates as c')
    .innerJoin('rooms as r', 'r.id', 'c.room_id')
    .select(['c.id', 'c.ticket', 'c.name', 'c.id_number', 'r.code as room_code', 'r.name as room_name'])
    .where('c.batch_id', '=', batch.id);
  if (roomId !== undefined) q = q.where('c.room_id', '=', roomId);
  const people = await q.orderBy('r.code').orderBy('c.seat').execute();
  const signed = new Map(
    (
      await ctx.db
        .selectFrom('practical_sheet_signoffs')
        .select(['sheet_id', 'signed_at'])
        .where('batch_id', '=', batch.id)
        .execute()
    ).map((s) => [s.sheet_id, s.signed_at]),
  );
  const { photos } = await realnameOfBatch(ctx.db, batch.id);
  const level = LEVELS[batch.level];
  const components = panelComponents(plan).filter((c) => c.criteria !== undefined);
  return people.flatMap((p) =>
    components
      .filter((c) => c.group === undefined || Object.values(electives.get(p.id) ?? {}).some((g) => g.includes(c.code)))
      .flatMap((c) =>
        (panels[c.code]?.members ?? []).map((m): PracticalSheet => {
          const id = practicalSheetId({ batchId: batch.id, ticket: p.ticket, component: c.code, assessor: m.id });
          return {
            id,
            planNumber: batch.planNumber,
            occupation: plan.occupation.trade
              ? `${plan.occupation.name}（${plan.occupation.trade}）`
              : plan.occupation.name,
            level: `${level.name}/${level.title}`,
            room: { code: p.room_code, name: p.room_name },
            candidate: { id: p.id, ticket: p.ticket, name: p.name, idNumber: p.id_number },
            photo: photos.has(p.id),
            component: { code: c.code, name: c.name },
            criteria: c.criteria ?? [],
            assessor: m,
            signedAt: signed.get(id) ?? null,
          };
        }),
      ),
  );
}

/** A batch's sheets (optionally one room's, to print in one go): administrators and the batch's assessors. */
export async function practicalSheets(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  roomId?: string,
): Promise<PracticalSheet[]> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const sheets = await allSheets(ctx, batch, roomId);
  if (sheets.length === 0)
    throw fail.invalid(
      '没有实操考评表：认定方案的操作技能部分须列出考评细则（分值合计 100 分），并设置考评组',
      'no practical sheets',
    );
  return sheets;
}

async function sheetById(ctx: ServiceContext, batch: ResultsBatch, sheetId: string): Promise<PracticalSheet> {
  const sheet = (await allSheets(ctx, batch)).find((s) => s.id === sheetId.trim().toUpperCase());
  if (!sheet) throw fail.notFound(`批次 ${batch.planNumber} 中没有考评表 ${sheetId}`, `no sheet ${sheetId}`);
  return sheet;
}

export const sheetScoresInput = z.strictObject({
  sheetId: z.string().trim().min(1),
  /** Criterion code → the points given; or 'absent' when the candidate did not sit the practical test. */
  scores: z.union([z.record(z.string(), z.number()), z.literal('absent')]),
});

/**
 * One person's entry of a sheet, criterion by criterion. Every problem is named (which criterion, why) and
 * nothing is entered while any remains; the total is that assessor's score, entered like any other.
 */
export async function enterSheetScores(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  raw: z.input<typeof sheetScoresInput>,
): Promise<{ sheetId: string; total: number | 'absent' }> {
  const input = sheetScoresInput.parse(raw);
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.write', { batchId: batch.id });
  const sheet = await sheetById(ctx, batch, input.sheetId);
  let total: number | 'absent' = 'absent';
  if (input.scores !== 'absent') {
    const computed = sheetTotal(sheet.criteria, input.scores);
    if (!computed.ok)
      throw fail.invalid(
        `考评表 ${sheet.id} 有 ${computed.error.length} 处错误，未录入：${computed.error.join('；')}`,
        'the sheet has problems',
        computed.error.map((message) => ({ sheet: sheet.id, message })),
      );
    total = computed.value;
  }
  await enterScore(
    ctx,
    by,
    batch.id,
    { ticket: sheet.candidate.ticket, component: sheet.component.code, assessor: sheet.assessor.id, value: total },
    { source: `sheet:${sheet.id}`, detail: { sheetId: sheet.id, criteria: input.scores } },
  );
  return { sheetId: sheet.id, total };
}

/**
 * The assessor's sign-off of their own sheet (考评员签字), once its scores have been entered from it: recorded
 * with the total they signed for, and audited.
 */
export async function signPracticalSheet(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  sheetId: string,
): Promise<{ sheetId: string; total: number; signedAt: string }> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const sheet = await sheetById(ctx, batch, sheetId);
  if (sheet.assessor.id !== by)
    throw fail.forbidden(
      `考评表 ${sheet.id} 属于考评员 ${sheet.assessor.name}，只有本人可以签字确认`,
      'only the sheet’s assessor signs it',
    );
  if (sheet.signedAt !== null) throw fail.conflict(`考评表 ${sheet.id} 已于 ${sheet.signedAt} 签字`, 'already signed');
  const entry = await ctx.db
    .selectFrom('score_entries')
    .select(['value', 'candidate_id'])
    .where('batch_id', '=', batch.id)
    .where('source', '=', `sheet:${sheet.id}`)
    .where('value', 'is not', null)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!entry || entry.value === null)
    throw fail.invalid(`考评表 ${sheet.id} 尚未录入分数，不能签字`, 'no scores entered from the sheet');
  const signedAt = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('practical_sheet_signoffs')
      .values({
        sheet_id: sheet.id,
        batch_id: batch.id,
        candidate_id: entry.candidate_id,
        component_code: sheet.component.code,
        assessor: by,
        total: entry.value!,
        signed_at: signedAt,
      })
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.sheet.sign',
      entity: 'candidate',
      entityId: entry.candidate_id,
      detail: { sheetId: sheet.id, component: sheet.component.code, total: entry.value },
    });
  });
  return { sheetId: sheet.id, total: entry.value, signedAt };
}
