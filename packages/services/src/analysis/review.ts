import { fromJson } from '@kaowu/db';
import type { Finding } from '@kaowu/analysis';
import { type ItemStatus, STATS_REVIEW_MARK } from '@kaowu/domain';
import { AuditWriter } from '../audit/writer.ts';
import { itemHeads } from '../bank/items.ts';
import type { BankRef } from '../bank/outlines.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';
import { statsRules } from './rules.ts';

export interface FlaggedItem {
  readonly code: string;
  /** the version the statistics are of */
  readonly version: number;
  /** the batch whose statistics flag it: the newest one that showed the item */
  readonly planNumber: string;
  readonly batchId: string;
  readonly facility: number | null;
  readonly discrimination: number | null;
  readonly flags: readonly Finding[];
  /** the item's newest version and its status now (a newer version: already revised or sent for review) */
  readonly headVersion: number;
  readonly headStatus: ItemStatus;
}

/**
 * The bank's items with statistical findings: for each item, the pooled statistics of the newest batch that
 * showed it to enough candidates to judge it (stats.minResponses), when they carry flags. What the bank's 统计 column, its filter and the review queue's
 * 需复核（统计） read.
 */
export async function flaggedItems(ctx: ServiceContext, by: string, bank: BankRef): Promise<FlaggedItem[]> {
  await authorize(ctx, by, 'stats.read', { occupationCode: bank.occupationCode });
  const rows = await ctx.db
    .selectFrom('item_stats as s')
    .innerJoin('batches as b', 'b.id', 's.batch_id')
    .select([
      'b.id',
      'b.plan_number',
      'b.created_at',
      's.item_code',
      's.item_version',
      's.facility',
      's.discrimination',
      's.flag_count',
      's.flags_json',
    ])
    .where('s.form', '=', '')
    // a batch with too few presenters to judge the item says nothing about it: an older batch's findings stand
    .where('s.n', '>=', (await statsRules(ctx.db)).minResponses)
    .where('b.occupation_code', '=', bank.occupationCode)
    .where('b.level', '=', bank.level)
    .orderBy('b.created_at', 'desc')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.item_code)) newest.set(r.item_code, r);
  const flagged = [...newest.values()].filter((r) => r.flag_count > 0);
  const heads = await itemHeads(
    ctx.db,
    bank,
    flagged.map((r) => r.item_code),
  );
  return flagged
    .flatMap((r): FlaggedItem[] => {
      const head = heads.get(r.item_code);
      if (!head) return [];
      return [
        {
          code: r.item_code,
          version: r.item_version,
          planNumber: r.plan_number,
          batchId: r.id,
          facility: r.facility,
          discrimination: r.discrimination,
          flags: fromJson(r.flags_json),
          headVersion: head.version,
          headStatus: head.status,
        },
      ];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The review queue's 需复核（统计）: flagged items nobody has acted on yet — the version the statistics are of is
 * still the approved head (not returned for review, edited or retired since), and nobody kept it (保留) for
 * that batch's findings. Acting on one (退回修改, 停用, 保留 with a comment) takes it off.
 */
export async function statsReviewQueue(ctx: ServiceContext, by: string, bank: BankRef): Promise<FlaggedItem[]> {
  const flagged = await flaggedItems(ctx, by, bank);
  const pending = flagged.filter((f) => f.headStatus === 'approved' && f.headVersion === f.version);
  if (pending.length === 0) return [];
  const kept = await ctx.db
    .selectFrom('item_stats_decisions')
    .select(['batch_id', 'item_code', 'item_version'])
    .where('batch_id', 'in', [...new Set(pending.map((f) => f.batchId))])
    .execute();
  const done = new Set(kept.map((k) => `${k.batch_id}|${k.item_code}|${k.item_version}`));
  return pending.filter((f) => !done.has(`${f.batchId}|${f.code}|${f.version}`));
}

/**
 * 保留: a reviewer looked at an item's statistical findings and keeps it as it is, saying why (the comment is
 * required). Recorded for that batch's findings of that version and audited; a later batch that flags it again
 * puts it back in the queue. Only an item waiting in the queue.
 */
export async function keepFlaggedItem(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  code: string,
  comment: string,
): Promise<{ code: string; version: number; batch: string }> {
  await authorize(ctx, by, 'item.review', bank);
  const text = comment.trim();
  if (text === '') throw fail.invalid('保留试题时必须填写意见', 'a comment is required to keep a flagged item');
  const waiting = (await statsReviewQueue(ctx, by, bank)).find((f) => f.code === code);
  if (!waiting)
    throw fail.invalid(
      `试题 ${code} 不在“需复核（统计）”中（没有统计异常，或已处理）`,
      `item ${code} is not waiting for a statistics review`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('item_stats_decisions')
      .values({
        batch_id: waiting.batchId,
        item_code: code,
        item_version: waiting.version,
        decision: 'keep',
        comment: text,
        decided_by: by,
        decided_at: isoNow(ctx),
      })
      .execute();
    const writer = new AuditWriter(trx, ctx);
    await writer.append({
      actor: by,
      action: 'item.stats_keep',
      entity: 'item',
      entityId: `${bank.occupationCode}/${bank.level}/${code}`,
      detail: {
        version: waiting.version,
        comment: text,
        batch: waiting.planNumber,
        flags: waiting.flags.map((f) => f.flag),
      },
    });
    await writer.flush();
    return { code, version: waiting.version, batch: waiting.planNumber };
  });
}

/**
 * 退回修改 of an approved item because of its statistics: a new version with the same content goes into the
 * review queue (待审核, marked 需复核（统计） with the comment and the findings), where a reviewer approves it
 * as it is or returns it to its author to edit (the ordinary lifecycle); the approved version stays in use
 * until then. Only an approved item whose newest statistics flag it, and only with a comment.
 */
export async function sendFlaggedForReview(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  code: string,
  comment: string,
): Promise<{ code: string; version: number }> {
  await authorize(ctx, by, 'item.review', bank);
  const text = comment.trim();
  if (text === '') throw fail.invalid('退回试题时必须填写意见', 'a comment is required to return an item');
  const flagged = (await flaggedItems(ctx, by, bank)).find((f) => f.code === code);
  if (!flagged)
    throw fail.invalid(`试题 ${code} 最近的统计分析没有异常，无需按统计退回`, `item ${code} has no statistical flags`);
  return ctx.db.transaction().execute(async (trx) => {
    const head = (await itemHeads(trx, bank, [code])).get(code);
    if (!head) throw fail.notFound(`试题 ${code} 不在题库中`, `no item ${code}`);
    if (head.status !== 'approved')
      throw fail.invalid(
        `试题 ${code} 已有第 ${head.version} 版在修改或审核中，请在审核中处理`,
        'only the approved head can be sent for review',
      );
    const current = await trx
      .selectFrom('item_versions')
      .selectAll()
      .where('item_id', '=', head.itemId)
      .where('version', '=', head.version)
      .executeTakeFirstOrThrow();
    const now = isoNow(ctx);
    const version = head.version + 1;
    await trx
      .insertInto('item_versions')
      .values({
        item_id: head.itemId,
        version,
        status: 'in_review',
        content_json: current.content_json,
        content_hash: current.content_hash,
        author: current.author,
        reviewer: null,
        review_comment: `${STATS_REVIEW_MARK}：${text}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const writer = new AuditWriter(trx, ctx);
    await writer.append({
      actor: by,
      action: 'item.stats_review',
      entity: 'item',
      entityId: `${bank.occupationCode}/${bank.level}/${code}`,
      beforeHash: head.contentHash,
      afterHash: head.contentHash,
      detail: {
        version,
        from: head.version,
        comment: text,
        batch: flagged.planNumber,
        flags: flagged.flags.map((f) => f.flag),
      },
    });
    await writer.flush();
    return { code, version };
  });
}
