import { assemble, NO_CALIBRATION, verifyPaper, type AssemblyError } from '@kaowu/assembler';
import type { AreaCount, Blueprint, Calibration, ItemType, LevelCode, Paper, UsageHistory } from '@kaowu/domain';
import { printPaper } from '@kaowu/reports';
import { fromJson, toJson } from '@kaowu/db';
import {
  areaCounts,
  blueprintHash,
  calibrationHash,
  DIFFICULTIES,
  ITEM_TYPES,
  canonicalJson,
  itemContent,
  KaowuError,
  outline as outlineSchema,
  paper as paperSchema,
  paperHash,
  parseBlueprint,
  snapshotHash,
  toBlueprint,
  usageHash,
} from '@kaowu/domain';
import { audit } from '../audit/writer.ts';
import type { Executor } from '../audit/writer.ts';
import { bankStatus } from '../bank/status.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { ASSEMBLY_ERRORS, fail, PAPER_CHECK_ERRORS, refuse } from '../shared/failures.ts';
import type { BankRef } from '../bank/outlines.ts';
import { bankKey, bankName, getOutline } from '../bank/outlines.ts';
import { latestRelease } from '../bank/release.ts';
import { currentSnapshot, parseMembers, rememberSnapshot } from '../bank/snapshots.ts';
import { authorize } from '../shared/authorize.ts';

export class AssemblyFailure extends KaowuError {
  constructor(readonly error: AssemblyError) {
    super(ASSEMBLY_ERRORS[error.code], error.zh, error.en, error.problems);
  }
}

/** The exposure history: item codes of the papers attached to each batch, newest batch first, and use counts. */
export async function paperUsage(db: Executor, bank: BankRef): Promise<UsageHistory> {
  const rows = await db
    .selectFrom('papers')
    .select(['batch_id', 'paper_json', 'created_at'])
    .where((eb) => eb.and(bankKey(bank)))
    .where('batch_id', 'is not', null)
    .execute();
  const batches = new Map<string, { latest: string; codes: Set<string> }>();
  const useCounts: Record<string, number> = {};
  for (const r of rows) {
    const p = fromJson(r.paper_json);
    const entry = batches.get(r.batch_id!) ?? { latest: '', codes: new Set<string>() };
    if (r.created_at > entry.latest) entry.latest = r.created_at;
    for (const s of p.sections)
      for (const i of s.items) {
        entry.codes.add(i.code);
        useCounts[i.code] = (useCounts[i.code] ?? 0) + 1;
      }
    batches.set(r.batch_id!, entry);
  }
  const ordered = [...batches].sort(([a, x], [b, y]) =>
    x.latest > y.latest ? -1 : x.latest < y.latest ? 1 : a < b ? -1 : 1,
  );
  return { recentBatches: ordered.map(([, b]) => [...b.codes].sort()), useCounts };
}

/**
 * The calibrated difficulties assembly reads: the bank's stored (pooled, latest) Rasch calibration, for exactly the
 * item versions of the snapshot assembled from. An item whose version was not calibrated (too few presenters, a
 * new version, no estimate) is left out, so the assembler places it at its band's logit (BAND_LOGITS).
 */
export async function assemblyCalibration(
  db: Executor,
  bank: BankRef,
  items: readonly { readonly code: string; readonly version: number }[],
): Promise<Calibration> {
  const rows = await db
    .selectFrom('item_calibrations')
    .select(['item_code', 'item_version', 'difficulty'])
    .where('occupation_code', '=', bank.occupationCode)
    .where('level', '=', bank.level)
    .where('difficulty', 'is not', null)
    .execute();
  const stored = new Map(rows.map((r) => [`${r.item_code}\u0000${r.item_version}`, r.difficulty!]));
  const calibration: Record<string, number> = {};
  for (const item of items) {
    const logit = stored.get(`${item.code}\u0000${item.version}`);
    if (logit !== undefined) calibration[item.code] = logit;
  }
  return calibration;
}

export interface AssembledPaper {
  readonly id: string;
  readonly form: string;
  readonly hash: string;
  readonly items: number;
  /** What the paper records of itself (exposure over the last K batches), as sealed; {} when nothing is measured. */
  readonly measures: NonNullable<Paper['measures']>;
}

/**
 * Assembles and seals the blueprint's forms from the bank's current snapshot. A bank that is not ready and
 * certified is refused unless `draft` is set, and draft papers can never be attached to a batch.
 */
interface AssemblyInput {
  readonly blueprint: string | Blueprint;
  readonly seed: string;
  readonly forms?: number | undefined;
  readonly draft?: boolean | undefined;
}

/**
 * What papers are assembled from: the newest certified release, so approved changes waiting for certification never
 * reach a formal paper. A draft assembly tries the current snapshot (the next release); before any release, both
 * read the current snapshot (and a formal assembly is refused by the readiness check).
 */
async function assemblySnapshot(ctx: ServiceContext, bank: BankRef, draft: boolean) {
  const current = await currentSnapshot(ctx, bank);
  if (draft) return current;
  return (await latestRelease(ctx, bank, current))?.snapshot ?? current;
}

/** Everything assembly reads: the parsed blueprint (checked against the bank), the snapshot and the usage history. */
async function prepareAssembly(ctx: ServiceContext, bank: BankRef, input: AssemblyInput) {
  if (input.seed.trim() === '') throw fail.invalid('组卷随机码不能为空', 'the seed must not be empty');
  const { outline } = await getOutline(ctx, bank);
  const parsed =
    typeof input.blueprint === 'string'
      ? parseBlueprint(input.blueprint, outline)
      : { ok: true as const, value: input.blueprint };
  if (!parsed.ok)
    throw fail.invalid(`组卷方案有误：${parsed.error.map((p) => p.zh).join('；')}`, 'invalid blueprint', parsed.error);
  let blueprint = parsed.value;
  if (blueprint.occupation !== bank.occupationCode || blueprint.level !== bank.level)
    throw fail.invalid(
      `组卷方案是 ${blueprint.occupation} 等级 ${blueprint.level} 的，不是 ${bankName(bank)}`,
      'blueprint is for another bank',
    );
  if (input.forms !== undefined) blueprint = { ...blueprint, forms: { ...blueprint.forms, count: input.forms } };
  const snapshot = await assemblySnapshot(ctx, bank, input.draft ?? false);
  const usage = await paperUsage(ctx.db, bank);
  const calibration = await assemblyCalibration(ctx.db, bank, snapshot.items);
  return { outline, blueprint, snapshot, usage, calibration };
}

/** Live feasibility for the blueprint editor: assembles without storing anything, and says why not when it cannot. */
export async function tryAssembly(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  input: AssemblyInput,
): Promise<
  | {
      ok: true;
      areas: AreaCount[];
      /**
       * Per form: its items, mean difficulty and, when the blueprint measures them, exposure over the last K batches
       * and the expected score and information at the cut.
       */
      forms: {
        form: string;
        items: number;
        meanDifficulty: number;
        exposure: { batches: number; seen: number; items: number } | null;
        /** When the blueprint names a cut: expected score and information there (as the sealed paper would record). */
        atCut: { ability: number; expectedScore: number; information: number; calibrated: number } | null;
      }[];
    }
  | { ok: false; areas: AreaCount[]; message: string; problems: AssemblyError['problems'] }
> {
  await authorize(ctx, by, 'paper.assemble', bank);
  const { outline, blueprint, snapshot, usage, calibration } = await prepareAssembly(ctx, bank, input);
  // The item count each area gets, as the assembler reads it: the editor shows it for weights and percentages.
  const areas = areaCounts(blueprint, outline);
  const result = assemble(snapshot, blueprint, input.seed, usage, calibration);
  if (!result.ok) return { ok: false, areas, message: result.error.zh, problems: result.error.problems };
  return {
    ok: true,
    areas,
    forms: result.value.map((p) => {
      const items = p.sections.flatMap((s) => s.items);
      const mean =
        items.reduce((sum, i) => sum + i.content.difficulty * i.points, 0) /
        items.reduce((sum, i) => sum + i.points, 0);
      return {
        form: p.inputs.form,
        items: items.length,
        meanDifficulty: Math.round(mean * 100) / 100,
        exposure: p.measures?.exposure ?? null,
        atCut: p.measures?.atCut ?? null,
      };
    }),
  };
}

/** Approved items of the release (assembly's source) in one cell of the blueprint grid: top-level area × type × difficulty. */
export interface ApprovedCell {
  readonly area: string;
  readonly type: ItemType;
  readonly difficulty: number;
  readonly count: number;
}

/** What the blueprint editor starts from: the bank's default blueprint, its top-level areas and its supply. */
export interface BankBlueprint {
  /** The blueprint of the bank's newest assembly (its default), or null before any paper was assembled from one. */
  readonly blueprint: Blueprint | null;
  readonly source: { readonly seed: string; readonly createdAt: string } | null;
  /** The occupation's name, for the title of a first blueprint. */
  readonly occupationName: string;
  /** Top-level outline areas with their theory weights (理论知识权重), in outline order. */
  readonly areas: readonly { code: string; name: string; weight: number }[];
  /** Cells with at least one approved item, in outline, type and difficulty order. */
  readonly approved: readonly ApprovedCell[];
}

/** Stored blueprints older than this many papers are not looked at: one valid one among the newest is enough. */
const BLUEPRINT_LOOKBACK = 50;

/** The blueprint editor's starting point for a bank (administrators only: it reveals the bank's supply). */
export async function bankBlueprint(ctx: ServiceContext, by: string, bank: BankRef): Promise<BankBlueprint> {
  await authorize(ctx, by, 'paper.read', bank);
  const { outline, index } = await getOutline(ctx, bank);
  const rows = await ctx.db
    .selectFrom('papers')
    .select(['blueprint_json', 'seed', 'created_at'])
    .where((eb) => eb.and(bankKey(bank)))
    .orderBy('created_at', 'desc')
    .orderBy('form')
    .limit(BLUEPRINT_LOOKBACK)
    .execute();
  let found: Pick<BankBlueprint, 'blueprint' | 'source'> = { blueprint: null, source: null };
  for (const r of rows) {
    // Papers written by other tools may carry no usable blueprint: the newest one that still fits the outline wins.
    const parsed = toBlueprint(fromJson(r.blueprint_json), outline);
    if (parsed.ok) {
      found = { blueprint: parsed.value, source: { seed: r.seed, createdAt: r.created_at } };
      break;
    }
  }
  const snapshot = await assemblySnapshot(ctx, bank, false);
  const counts = new Map<string, number>();
  for (const item of snapshot.items) {
    const area = index.points.get(item.content.point)?.areaPath[0];
    if (area === undefined) continue;
    const key = `${area}\u0000${item.content.type}\u0000${item.content.difficulty}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const approved: ApprovedCell[] = [];
  for (const a of index.topAreas)
    for (const type of ITEM_TYPES)
      for (const difficulty of DIFFICULTIES) {
        const count = counts.get(`${a.code}\u0000${type}\u0000${difficulty}`) ?? 0;
        if (count > 0) approved.push({ area: a.code, type, difficulty, count });
      }
  return { ...found, occupationName: outline.occupation.name, areas: index.topAreas, approved };
}

/**
 * Assembles and seals the blueprint's forms from the bank's current snapshot. A bank that is not ready and
 * certified is refused unless `draft` is set, and draft papers can never be attached to a batch.
 */
export async function assemblePapers(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  input: AssemblyInput,
): Promise<{
  assemblyId: string;
  snapshotHash: string;
  /** The calibration assembly read (its hash and how many items it places), or null: every item at its band. */
  calibration: { hash: string; items: number } | null;
  papers: AssembledPaper[];
}> {
  await authorize(ctx, by, 'paper.assemble', bank);
  const draft = input.draft ?? false;
  if (!draft) {
    const status = await bankStatus(ctx, bank);
    if (!status.ready)
      throw fail.invalid(
        `题库 ${bankName(bank)} 尚未就绪或未通过题库难度认证，不能正式组卷（可用草稿模式试组）`,
        'the bank is not ready and certified; use a draft assembly',
      );
  }
  const { outline, blueprint, snapshot, usage, calibration } = await prepareAssembly(ctx, bank, input);
  const result = assemble(snapshot, blueprint, input.seed, usage, calibration);
  if (!result.ok) throw new AssemblyFailure(result.error);
  const calibrated = Object.keys(calibration).length > 0;
  const assemblyId = ctx.newId();
  return ctx.db.transaction().execute(async (trx) => {
    await rememberSnapshot(trx, ctx, bank, snapshot.hash, snapshot.items);
    const papers: AssembledPaper[] = [];
    for (const p of result.value) {
      const id = ctx.newId();
      await trx
        .insertInto('papers')
        .values({
          id,
          ...bankKey(bank),
          form: p.inputs.form,
          assembly_id: assemblyId,
          snapshot_hash: snapshot.hash,
          blueprint_json: toJson(blueprint),
          blueprint_hash: blueprintHash(blueprint),
          seed: input.seed,
          usage_json: toJson(usage),
          outline_json: toJson(outline),
          calibration_json: calibrated ? toJson(calibration) : null,
          paper_json: toJson(p),
          paper_hash: p.hash,
          draft: draft ? 1 : 0,
          batch_id: null,
          created_by: by,
          created_at: isoNow(ctx),
        })
        .execute();
      await audit(trx, ctx, {
        actor: by,
        action: 'paper.assemble',
        entity: 'paper',
        entityId: id,
        afterHash: p.hash,
        detail: {
          form: p.inputs.form,
          seed: input.seed,
          snapshot: snapshot.hash,
          draft,
          ...(calibrated ? { calibration: calibrationHash(calibration) } : {}),
        },
      });
      papers.push({
        id,
        form: p.inputs.form,
        hash: p.hash,
        items: p.sections.reduce((n, s) => n + s.items.length, 0),
        measures: p.measures ?? {},
      });
    }
    const used = calibrated ? { hash: calibrationHash(calibration), items: Object.keys(calibration).length } : null;
    return { assemblyId, snapshotHash: snapshot.hash, calibration: used, papers };
  });
}

export interface StoredPaper {
  readonly id: string;
  readonly paper: Paper;
  readonly draft: boolean;
  readonly batchId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Reads a sealed paper; a paper whose content no longer matches its hash is refused, never served. */
export async function loadPaper(ctx: { db: Executor }, id: string): Promise<StoredPaper> {
  const row = await ctx.db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw fail.notFound(`试卷 ${id} 不存在`, `no paper ${id}`);
  const value = paperSchema.parse(fromJson(row.paper_json));
  if (paperHash(value) !== row.paper_hash || value.hash !== row.paper_hash)
    throw new KaowuError(
      'paper_altered',
      `试卷 ${id} 的内容与封存校验码不符，已被改动，拒绝使用`,
      `paper ${id} does not match its sealed hash`,
    );
  return {
    id,
    paper: value,
    draft: row.draft === 1,
    batchId: row.batch_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Keys are secret: only administrators read a whole paper, and every read is audited. */
export async function readPaperWithKeys(ctx: ServiceContext, by: string, id: string): Promise<StoredPaper> {
  await authorize(ctx, by, 'paper.read');
  const stored = await loadPaper(ctx, id);
  await audit(ctx.db, ctx, {
    actor: by,
    action: 'paper.read',
    entity: 'paper',
    entityId: id,
    afterHash: stored.paper.hash,
  });
  return stored;
}

export async function listPapers(
  ctx: ServiceContext,
  bank: BankRef,
): Promise<
  { id: string; form: string; hash: string; seed: string; draft: boolean; batchId: string | null; createdAt: string }[]
> {
  const rows = await ctx.db
    .selectFrom('papers')
    .select(['id', 'form', 'paper_hash', 'seed', 'draft', 'batch_id', 'created_at'])
    .where((eb) => eb.and(bankKey(bank)))
    .orderBy('created_at')
    .orderBy('form')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    form: r.form,
    hash: r.paper_hash,
    seed: r.seed,
    draft: r.draft === 1,
    batchId: r.batch_id,
    createdAt: r.created_at,
  }));
}

/**
 * Re-assembles a stored paper from its recorded inputs — the snapshot rebuilt from the item versions it named
 * (versions are kept forever), the stored outline, blueprint, seed and usage — and compares the hashes.
 */
export async function verifyStoredPaper(
  ctx: ServiceContext,
  id: string,
): Promise<{ hash: string; measures: NonNullable<Paper['measures']> }> {
  const stored = await loadPaper(ctx, id);
  const row = await ctx.db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const snap = await ctx.db
    .selectFrom('snapshots')
    .select('members_json')
    .where('hash', '=', row.snapshot_hash)
    .executeTakeFirst();
  const members = parseMembers(snap?.members_json ?? null);
  if (members === null)
    throw fail.notFound(`找不到试卷所用题库版本 ${row.snapshot_hash.slice(0, 12)} 的内容`, 'snapshot members unknown');
  const versions = await ctx.db
    .selectFrom('items as i')
    .innerJoin('item_versions as v', 'v.item_id', 'i.id')
    .select(['i.code', 'v.version', 'v.content_hash', 'v.content_json'])
    .where('i.occupation_code', '=', row.occupation_code)
    .where('i.level', '=', row.level)
    .execute();
  const byKey = new Map(versions.map((v) => [`${v.code}\u0000${v.content_hash}`, v]));
  const items = members.map((m) => {
    const v = byKey.get(`${m.code}\u0000${m.contentHash}`);
    if (!v) throw fail.notFound(`试卷所用试题 ${m.code} 的版本已不在数据库中`, `item version ${m.code} missing`);
    return {
      code: m.code,
      contentHash: m.contentHash,
      version: v.version,
      content: itemContent.parse(fromJson(v.content_json)),
    };
  });
  const level = row.level as LevelCode;
  const snapshot = {
    occupationCode: row.occupation_code,
    level,
    hash: snapshotHash(row.occupation_code, level, items),
    outline: outlineSchema.parse(fromJson(row.outline_json)),
    items,
  };
  const usage = fromJson(row.usage_json);
  if (usageHash(usage) !== stored.paper.inputs.usageHash)
    throw new KaowuError('paper_altered', '试卷记录的使用历史已被改动', 'stored usage altered');
  // The calibration assembly was given, as stored with the paper (the bank's may have been recalibrated since).
  const calibration = row.calibration_json === null ? NO_CALIBRATION : fromJson(row.calibration_json);
  const recorded = stored.paper.inputs.calibrationHash;
  if (recorded !== undefined && recorded !== calibrationHash(calibration))
    throw new KaowuError('paper_altered', '试卷记录的试题难度校准值已被改动', 'stored calibration altered');
  const result = verifyPaper(stored.paper, snapshot, fromJson(row.blueprint_json), usage, calibration);
  if (!result.ok) throw refuse(result.error, PAPER_CHECK_ERRORS);
  return result.value;
}

export type PaperFormat = 'json' | 'xlsx';

export async function exportPaper(
  ctx: ServiceContext,
  by: string,
  id: string,
  format: PaperFormat,
): Promise<Uint8Array | string> {
  const stored = await readPaperWithKeys(ctx, by, id);
  // The canonical JSON is the paper's identity: these bytes hash to the paper's hash (without its own field).
  if (format === 'json') return `${canonicalJson(stored.paper)}\n`;
  return printPaper(stored.paper, stored.createdAt.slice(0, 10));
}
