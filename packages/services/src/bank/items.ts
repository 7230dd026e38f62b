import { type Database, fromJson, type Json, toJson } from '@kaowu/db';
import type { Insertable, Selectable } from 'kysely';
import type { Action, ErrorCode, ItemContent, ItemSaveOutcome, ItemStatus } from '@kaowu/domain';
import {
  allows,
  ITEM_STATUS_NAMES,
  itemContent,
  itemContentHash,
  itemContentProblems,
  KaowuError,
} from '@kaowu/domain';
import type { LifecycleAction } from '@kaowu/bank';
import { planEdit, transition } from '@kaowu/bank';
import type { Executor } from '../audit/writer.ts';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail, LIFECYCLE_ERRORS, refuse } from '../shared/failures.ts';
import type { BankRef } from './outlines.ts';
import { bankKey, bankName, getOutline } from './outlines.ts';
import { authorize } from '../shared/authorize.ts';
import { chunksOf, insertChunked } from '../shared/chunks.ts';

export interface ItemHead {
  readonly itemId: string;
  readonly code: string;
  readonly version: number;
  readonly status: ItemStatus;
  readonly contentHash: string;
  readonly author: string;
}

/** The newest version of every item of a bank (or of the given codes), keyed by code. */
export async function itemHeads(
  db: Executor,
  bank: BankRef,
  codes?: readonly string[],
): Promise<Map<string, ItemHead>> {
  const heads = new Map<string, ItemHead>();
  const chunks =
    codes === undefined
      ? [undefined]
      : Array.from({ length: Math.ceil(codes.length / 500) }, (_, i) => codes.slice(i * 500, i * 500 + 500));
  for (const chunk of chunks) {
    if (chunk?.length === 0) continue;
    let q = db
      .selectFrom('items as i')
      .innerJoin('item_versions as v', 'v.item_id', 'i.id')
      .select(['i.id', 'i.code', 'v.version', 'v.status', 'v.content_hash', 'v.author'])
      .where('i.occupation_code', '=', bank.occupationCode)
      .where('i.level', '=', bank.level)
      .where('v.version', '=', (eb) =>
        eb
          .selectFrom('item_versions as w')
          .select((e) => e.fn.max('w.version').as('m'))
          .whereRef('w.item_id', '=', 'i.id'),
      );
    if (chunk !== undefined) q = q.where('i.code', 'in', chunk);
    for (const r of await q.execute())
      heads.set(r.code, {
        itemId: r.id,
        code: r.code,
        version: r.version,
        status: r.status,
        contentHash: r.content_hash,
        author: r.author,
      });
  }
  return heads;
}

export interface ItemWrite {
  readonly code: string;
  readonly content: ItemContent;
  readonly author: string;
  /** Status of a newly written version. */
  readonly status: Exclude<ItemStatus, 'superseded'>;
  readonly reviewer?: string | null | undefined;
}

/**
 * The one write path for item content (editor, Excel import, bank files). Identical content changes nothing;
 * a draft head changes in place; an approved head gets a new version and stays readable; approving a new
 * version supersedes the previous approved one.
 */
export async function writeItems(
  trx: Executor,
  ctx: ServiceContext,
  writer: AuditWriter,
  by: string,
  bank: BankRef,
  writes: readonly ItemWrite[],
  heads: ReadonlyMap<string, ItemHead>,
  options: { readonly syncStatus: boolean } = { syncStatus: false },
): Promise<Map<string, ItemSaveOutcome>> {
  const now = isoNow(ctx);
  const outcomes = new Map<string, ItemSaveOutcome>();
  const newItems: Insertable<Database['items']>[] = [];
  const newVersions: Insertable<Database['item_versions']>[] = [];
  for (const w of writes) {
    const hash = itemContentHash(w.content);
    const head = heads.get(w.code);
    const version = (itemId: string, n: number) => ({
      item_id: itemId,
      version: n,
      status: w.status,
      content_json: toJson(w.content),
      content_hash: hash,
      author: w.author,
      reviewer: w.reviewer ?? null,
      review_comment: null,
      created_at: now,
      updated_at: now,
    });
    const entityId = `${bank.occupationCode}/${bank.level}/${w.code}`;
    if (head === undefined) {
      const id = ctx.newId();
      newItems.push({
        id,
        ...bankKey(bank),
        code: w.code,
        created_by: by,
        created_at: now,
      });
      newVersions.push(version(id, 1));
      await writer.append({
        actor: by,
        action: 'item.create',
        entity: 'item',
        entityId,
        afterHash: hash,
        detail: { version: 1, status: w.status },
      });
      outcomes.set(w.code, 'created');
      continue;
    }
    // The head version rewritten in place: its status and reviewer, and its content when that changes.
    const rewriteHead = (content: { content_json: Json<ItemContent>; content_hash: string } | null) =>
      trx
        .updateTable('item_versions')
        .set({ ...content, status: w.status, reviewer: w.reviewer ?? null, updated_at: now })
        .where('item_id', '=', head.itemId)
        .where('version', '=', head.version)
        .execute();
    if (head.contentHash === hash) {
      if (options.syncStatus && head.status !== w.status) {
        await rewriteHead(null);
        await writer.append({
          actor: by,
          action: 'item.status',
          entity: 'item',
          entityId,
          beforeHash: hash,
          afterHash: hash,
          detail: { version: head.version, from: head.status, to: w.status },
        });
        outcomes.set(w.code, 'status');
      } else outcomes.set(w.code, 'unchanged');
      continue;
    }
    const plan = planEdit(head.status);
    if (!plan.ok)
      throw refuse(plan.error, LIFECYCLE_ERRORS, { prefix: { zh: `试题 ${w.code}：`, en: `item ${w.code}: ` } });
    if (plan.value === 'in_place') {
      await rewriteHead({ content_json: toJson(w.content), content_hash: hash });
      await writer.append({
        actor: by,
        action: 'item.edit',
        entity: 'item',
        entityId,
        beforeHash: head.contentHash,
        afterHash: hash,
        detail: { version: head.version },
      });
      outcomes.set(w.code, 'updated');
    } else {
      newVersions.push(version(head.itemId, head.version + 1));
      await writer.append({
        actor: by,
        action: 'item.new_version',
        entity: 'item',
        entityId,
        beforeHash: head.contentHash,
        afterHash: hash,
        detail: { version: head.version + 1, status: w.status },
      });
      outcomes.set(w.code, 'new_version');
    }
    if (w.status === 'approved')
      await supersede(trx, head.itemId, head.version + (plan.value === 'in_place' ? 0 : 1), now);
  }
  await insertChunked(trx, 'items', newItems, 500);
  await insertChunked(trx, 'item_versions', newVersions, 500);
  return outcomes;
}

/** At most one approved version per item: older approved versions become superseded (still readable). */
async function supersede(trx: Executor, itemId: string, keepVersion: number, now: string): Promise<void> {
  await trx
    .updateTable('item_versions')
    .set({ status: 'superseded', updated_at: now })
    .where('item_id', '=', itemId)
    .where('status', '=', 'approved')
    .where('version', '<', keepVersion)
    .execute();
}

function validateContent(content: unknown, points: ReadonlySet<string>): ItemContent {
  const parsed = itemContent.safeParse(content);
  if (!parsed.success)
    throw fail.invalid(
      `试题内容无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
      'invalid item',
      parsed.error.issues,
    );
  const problems = itemContentProblems(parsed.data);
  if (!points.has(parsed.data.point)) problems.push(`鉴定点 ${parsed.data.point} 不在细目表中`);
  if (problems.length > 0) throw fail.invalid(`试题内容无效：${problems.join('；')}`, 'invalid item', problems);
  return parsed.data;
}

/** Next free code for a point: BA002-01, BA002-02, … */
export function nextCode(point: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const code = `${point}-${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
}

export async function bankCodes(db: Executor, bank: BankRef): Promise<Set<string>> {
  const rows = await db
    .selectFrom('items')
    .select('code')
    .where((eb) => eb.and(bankKey(bank)))
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Saves an item from the editor: a new draft, an in-place draft edit, or a new version of an approved item. */
export async function saveItem(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  input: { code?: string | undefined; content: unknown },
): Promise<{ code: string; outcome: ItemSaveOutcome }> {
  await authorize(ctx, by, 'item.write', bank);
  const { index } = await getOutline(ctx, bank);
  const content = validateContent(input.content, new Set(index.points.keys()));
  return ctx.db.transaction().execute(async (trx) => {
    const code = input.code ?? nextCode(content.point, await bankCodes(trx, bank));
    const heads = await itemHeads(trx, bank, [code]);
    const head = heads.get(code);
    if (head && head.author !== by && head.status === 'draft') {
      const owner = (await staffNames(trx)).get(head.author) ?? head.author;
      throw fail.forbidden(`试题 ${code} 的草稿属于 ${owner}`, 'draft belongs to another author');
    }
    const writer = new AuditWriter(trx, ctx);
    const outcomes = await writeItems(
      trx,
      ctx,
      writer,
      by,
      bank,
      [{ code, content, author: by, status: 'draft' }],
      heads,
    );
    await writer.flush();
    return { code, outcome: outcomes.get(code) ?? 'unchanged' };
  });
}

const LIFECYCLE_PERMISSION = {
  submit: 'item.submit',
  withdraw: 'item.submit',
  approve: 'item.review',
  return: 'item.review',
  retire: 'item.retire',
} as const satisfies Record<LifecycleAction, Action>;

/** Submit, withdraw, approve, return or retire items, all or nothing. */
export async function changeStatus(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  codes: readonly string[],
  action: LifecycleAction,
  comment?: string,
): Promise<void> {
  const actor = await authorize(ctx, by, LIFECYCLE_PERMISSION[action], bank);
  // The table says who may take the step; the lifecycle keeps the rules about the item (its author, no self-review).
  const lifecycleActor = { username: by, forOthers: allows(actor, 'item.submit.others') };
  if (action === 'return' && (comment ?? '').trim() === '')
    throw fail.invalid('退回试题时必须填写意见', 'a comment is required to return an item');
  await ctx.db.transaction().execute(async (trx) => {
    const heads = await itemHeads(trx, bank, codes);
    const writer = new AuditWriter(trx, ctx);
    const now = isoNow(ctx);
    const problems: string[] = [];
    const refusals = new Set<ErrorCode>();
    for (const code of codes) {
      const head = heads.get(code);
      if (!head) {
        problems.push(`试题 ${code} 不在题库 ${bankName(bank)} 中`);
        refusals.add('not_found');
        continue;
      }
      const next = transition(head.status, action, lifecycleActor, head.author);
      if (!next.ok) {
        problems.push(`试题 ${code}（${ITEM_STATUS_NAMES[head.status]}）：${next.error.zh}`);
        refusals.add(LIFECYCLE_ERRORS[next.error.code]);
        continue;
      }
      const review =
        action === 'approve' || action === 'return' ? { reviewer: by, review_comment: comment ?? null } : {};
      await trx
        .updateTable('item_versions')
        .set({ status: next.value, updated_at: now, ...review })
        .where('item_id', '=', head.itemId)
        .where('version', '=', head.version)
        .execute();
      if (next.value === 'approved') await supersede(trx, head.itemId, head.version, now);
      await writer.append({
        actor: by,
        action: `item.${action}`,
        entity: 'item',
        entityId: `${bank.occupationCode}/${bank.level}/${code}`,
        beforeHash: head.contentHash,
        afterHash: head.contentHash,
        detail: { version: head.version, from: head.status, to: next.value, ...(comment ? { comment } : {}) },
      });
    }
    // The batch is refused as a whole: with one kind of reason, by its code; with several, as invalid.
    const [only, ...others] = refusals;
    if (only !== undefined)
      throw new KaowuError(
        others.length === 0 ? only : 'invalid',
        problems.join('\n'),
        'status change refused',
        problems,
      );
    await writer.flush();
  });
}

export interface ItemVersionView {
  readonly code: string;
  readonly version: number;
  readonly status: ItemStatus;
  readonly content: ItemContent;
  readonly contentHash: string;
  readonly author: string;
  /** The author's and reviewer's names (王建国) for people to read; `author`/`reviewer` stay the login names. */
  readonly authorName: string;
  readonly reviewer: string | null;
  readonly reviewerName: string | null;
  readonly reviewComment: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The item's approved version (the one in the snapshot), also while a newer revision is drafted or reviewed. */
  readonly approvedVersion: number | null;
}

/** A version row (with its item's code) as the view; the caller parses the content (checked, or cast). */
const versionView = (
  r: Selectable<Database['item_versions']> & { code: string },
  content: ItemContent,
  approvedVersion: number | null,
  names: ReadonlyMap<string, string>,
): ItemVersionView => ({
  code: r.code,
  version: r.version,
  status: r.status,
  content,
  contentHash: r.content_hash,
  author: r.author,
  authorName: names.get(r.author) ?? r.author,
  reviewer: r.reviewer,
  reviewerName: r.reviewer === null ? null : (names.get(r.reviewer) ?? r.reviewer),
  reviewComment: r.review_comment,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  approvedVersion,
});

/** Login name → name (王建国) of every staff account; a bank's authors and reviewers are a few dozen at most. */
async function staffNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['username', 'display_name']).execute();
  return new Map(rows.map((u) => [u.username, u.display_name]));
}

/** Every version of an item, oldest first: old versions stay readable forever. */
export async function itemHistory(ctx: ServiceContext, bank: BankRef, code: string): Promise<ItemVersionView[]> {
  const rows = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .selectAll('v')
    .select('i.code')
    .where('i.occupation_code', '=', bank.occupationCode)
    .where('i.level', '=', bank.level)
    .where('i.code', '=', code)
    .orderBy('v.version')
    .execute();
  if (rows.length === 0) throw fail.notFound(`试题 ${code} 不在题库 ${bankName(bank)} 中`, `no item ${code}`);
  const approved = rows.find((r) => r.status === 'approved')?.version ?? null;
  const names = await staffNames(ctx.db);
  return rows.map((r) => versionView(r, itemContent.parse(fromJson(r.content_json)), approved, names));
}

export interface ItemFilter {
  readonly status?: ItemStatus | undefined;
  /** The author by login name or by name (expert_wang or 王建国). */
  readonly author?: string | undefined;
  readonly type?: ItemContent['type'] | undefined;
  readonly point?: string | undefined;
  readonly difficulty?: number | undefined;
  /** Text anywhere in the code, stem, options or explanation. */
  readonly text?: string | undefined;
}

function matches(v: ItemVersionView, f: ItemFilter): boolean {
  const c = v.content;
  if (f.type !== undefined && c.type !== f.type) return false;
  if (f.point !== undefined && !c.point.startsWith(f.point)) return false;
  if (f.difficulty !== undefined && c.difficulty !== f.difficulty) return false;
  if (f.text !== undefined && f.text.trim() !== '') {
    const needle = f.text.trim();
    const hay = [v.code, c.stem, c.explanation, ...(c.type === 'true_false' ? [] : c.options)];
    if (!hay.some((h) => h.includes(needle))) return false;
  }
  return true;
}

/** The head version of each item, optionally filtered. */
export async function listItems(
  ctx: ServiceContext,
  bank: BankRef,
  filter: ItemFilter = {},
): Promise<ItemVersionView[]> {
  const heads = await itemHeads(ctx.db, bank);
  const names = await staffNames(ctx.db);
  const author = filter.author?.trim() || undefined;
  const wanted = [...heads.values()].filter(
    (h) =>
      (filter.status === undefined || h.status === filter.status) &&
      (author === undefined || h.author === author || names.get(h.author) === author),
  );
  // Items whose head is a revision still have their approved version in the snapshot: counts must say so.
  const approvedRows = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.id', 'v.version'])
    .where('i.occupation_code', '=', bank.occupationCode)
    .where('i.level', '=', bank.level)
    .where('v.status', '=', 'approved')
    .execute();
  const approved = new Map(approvedRows.map((r) => [r.id, r.version]));
  const out: ItemVersionView[] = [];
  for (const chunk of chunksOf(wanted, 500)) {
    const rows = await ctx.db
      .selectFrom('item_versions as v')
      .innerJoin('items as i', 'i.id', 'v.item_id')
      .selectAll('v')
      .select('i.code')
      .where((eb) => eb.or(chunk.map((h) => eb.and([eb('v.item_id', '=', h.itemId), eb('v.version', '=', h.version)]))))
      .execute();
    for (const r of rows) out.push(versionView(r, fromJson(r.content_json), approved.get(r.item_id) ?? null, names));
  }
  return out.filter((v) => matches(v, filter)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
