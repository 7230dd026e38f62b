import { canonicalJson, OPTION_LETTERS, parseAnswerKey } from '@kaowu/domain';
import type { AnswerKey } from '@kaowu/grading';
import { toJson } from '@kaowu/db';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { loadPaper } from '../papers/papers.ts';
import { batchCandidates, batchToChange, findPlan } from './batch.ts';
import { computeInTransaction, type DecisionChange } from './decisions.ts';
import { gradingBasis, theoryRun } from './theory.ts';

/** A key as the reports write it (正确/错误, B, ACD). */
const keyText = (key: AnswerKey): string =>
  typeof key === 'boolean'
    ? key
      ? '正确'
      : '错误'
    : (Array.isArray(key) ? key : [key]).map((k) => OPTION_LETTERS[k] ?? '?').join('');

export interface KeyCorrectionInput {
  readonly item: string;
  /** As users write keys: B, ACD, 正确, × … */
  readonly key: string;
  readonly reason: string;
}

export interface KeyCorrectionReport {
  readonly papers: number;
  readonly before: string;
  readonly after: string;
  /** Attempts whose theory score changed, with the totals. */
  readonly rescored: readonly { ticket: string; name: string; before: number; after: number }[];
  /** Decisions recomputed in the same transaction (only when decisions had been computed). */
  readonly decisions: readonly DecisionChange[];
}

/**
 * Corrects an item's key (答案更正) in every paper of the batch that holds it, with a recorded reason, then
 * rescores every affected attempt and recomputes every decision — in one transaction, each change audited.
 */
export async function correctKey(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: KeyCorrectionInput,
): Promise<KeyCorrectionReport> {
  const batch = await batchToChange(ctx, by, 'results.write', batchRef);
  const reason = input.reason.trim();
  if (reason === '') throw fail.invalid('更正答案须填写理由', 'a reason is required');
  const plan = await findPlan(ctx.db, batch.id);
  if (!plan) throw fail.invalid(`批次 ${batch.planNumber} 尚未设置认定方案`, 'no plan');
  const paperRows = await ctx.db.selectFrom('papers').select('id').where('batch_id', '=', batch.id).execute();
  const holding: { id: string; key: AnswerKey; original: AnswerKey; current: AnswerKey }[] = [];
  for (const { id } of paperRows) {
    const { paper } = await loadPaper(ctx, id);
    const item = paper.sections.flatMap((s) => s.items).find((i) => i.code === input.item.trim());
    if (item === undefined) continue;
    const parsed = parseAnswerKey(item.content.type, input.key);
    if (!parsed.ok) throw fail.invalid(`试题 ${item.code}：${parsed.message}`, 'invalid key');
    const options = item.content.type === 'true_false' ? 2 : item.content.options.length;
    const indexes = typeof parsed.key === 'boolean' ? [] : Array.isArray(parsed.key) ? parsed.key : [parsed.key];
    if (indexes.some((k) => k >= options))
      throw fail.invalid(`试题 ${item.code} 只有 ${options} 个选项，答案“${input.key}”超出范围`, 'key out of range');
    const basis = await gradingBasis(ctx.db, id, plan.plan);
    const current = basis.items.find((i) => i.code === item.code)!.key;
    holding.push({ id, key: parsed.key, original: item.content.key, current });
  }
  const first = holding[0];
  if (first === undefined)
    throw fail.notFound(
      `批次 ${batch.planNumber} 的试卷中没有试题 ${input.item}`,
      `no item ${input.item} in the batch's papers`,
    );
  if (holding.every((h) => canonicalJson(h.current) === canonicalJson(h.key)))
    throw fail.conflict(`试题 ${input.item} 的答案已经是“${keyText(first.key)}”`, 'key unchanged');
  const hadDecisions =
    (await ctx.db
      .selectFrom('decisions')
      .select('candidate_id')
      .where('batch_id', '=', batch.id)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    const at = isoNow(ctx);
    for (const h of holding) {
      const keyJson = toJson(h.key);
      await trx
        .insertInto('key_corrections')
        .values({
          id: ctx.newId(),
          batch_id: batch.id,
          paper_id: h.id,
          item_code: input.item.trim(),
          key_json: keyJson,
          reason,
          corrected_by: by,
          corrected_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['paper_id', 'item_code'])
            .doUpdateSet({ key_json: keyJson, reason, corrected_by: by, corrected_at: at }),
        )
        .execute();
      await writer.append({
        actor: by,
        action: 'results.key.correct',
        entity: 'paper',
        entityId: h.id,
        detail: {
          item: input.item.trim(),
          original: keyText(h.original),
          before: keyText(h.current),
          after: keyText(h.key),
          reason,
        },
      });
    }
    let decisions: readonly DecisionChange[] = [];
    let rescored: { candidateId: string; before: number; after: number }[] = [];
    if (hadDecisions) {
      const summary = await computeInTransaction(trx, ctx, writer, by, batch, plan);
      decisions = summary.changed;
      rescored = [...summary.theory.changed];
    } else {
      // No decisions yet: rescore the attempts now anyway, so the stored scores follow the corrected key.
      rescored = [...(await theoryRun(trx, ctx, writer, by, batch, plan.plan)).changed];
    }
    await writer.flush();
    const people = new Map((await batchCandidates(trx, batch.id)).map((p) => [p.id, p]));
    return {
      papers: holding.length,
      before: keyText(first.current),
      after: keyText(first.key),
      rescored: rescored.map((r) => ({
        ticket: people.get(r.candidateId)?.ticket ?? r.candidateId,
        name: people.get(r.candidateId)?.name ?? '',
        before: r.before,
        after: r.after,
      })),
      decisions,
    };
  });
}
