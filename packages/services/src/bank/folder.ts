import type { BankFileCertification, BankFileItem, FileProblem } from '@kaowu/bank';
import { dumpBankFolder, parseBankFolder } from '@kaowu/bank';
import { KaowuError, type LevelCode } from '@kaowu/domain';
import { assetProblem, mimeOfName, writeAsset } from './assets.ts';
import { AuditWriter, audit } from '../audit/writer.ts';
import { hasCertified, insertCertification } from './certification.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { itemHeads, listItems, writeItems } from './items.ts';
import type { BankRef } from './outlines.ts';
import { bankKey, getOutline, saveOutline } from './outlines.ts';
import { rememberSnapshot } from './snapshots.ts';
import { currentSnapshot } from './snapshots.ts';
import { authorize } from '../shared/authorize.ts';

export interface BankFiles {
  /** Relative path → text, e.g. `outline.yaml`, `items/B.yaml`, `certifications.yaml`. */
  readonly texts: ReadonlyMap<string, string>;
  /** Asset file name → bytes (from `assets/`). */
  readonly assets: ReadonlyMap<string, Uint8Array>;
}

export interface LoadSummary {
  readonly bank: BankRef;
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly certifications: number;
  readonly snapshotHash: string;
}

export class BankFolderError extends KaowuError {
  constructor(readonly problems: readonly FileProblem[]) {
    super(
      'invalid',
      `题库文件有 ${problems.length} 处错误，未导入任何内容`,
      `bank files have ${problems.length} problems; nothing was loaded`,
      problems,
    );
  }
}

/**
 * Loads a bank folder: the outline, every item (identical content changes nothing) and the certifications,
 * in one transaction. Any problem anywhere and nothing is written.
 */
export async function loadBankFiles(ctx: ServiceContext, by: string, files: BankFiles): Promise<LoadSummary> {
  await authorize(ctx, by, 'bank.load');
  const parsed = parseBankFolder(files.texts, new Set(files.assets.keys()));
  const assetProblems: FileProblem[] = [];
  for (const [name, data] of files.assets) {
    const mime = mimeOfName(name);
    const problem = mime
      ? await assetProblem(name, mime, data)
      : `不支持的图片格式：${name}（只允许 png、jpg、gif、webp）`;
    if (problem) assetProblems.push({ file: `assets/${name}`, line: null, field: '图片', message: problem });
  }
  if (!parsed.ok || assetProblems.length > 0)
    throw new BankFolderError([...(parsed.ok ? [] : parsed.problems), ...assetProblems]);
  const { outline, items, certifications } = parsed.folder;
  const bank: BankRef = { occupationCode: outline.occupation.code, level: outline.level };

  const people = new Set<string>([
    ...items.flatMap((i) => [i.author, ...(i.reviewer ? [i.reviewer] : [])]),
    ...certifications.map((c) => c.assessor),
  ]);
  const known = new Set((await ctx.db.selectFrom('users').select('username').execute()).map((u) => u.username));
  const missing = [...people].filter((p) => !known.has(p)).sort();
  if (missing.length > 0)
    throw fail.invalid(
      `题库文件引用了不存在的用户：${missing.join('、')}，请先创建这些用户`,
      `unknown users: ${missing.join(', ')}`,
    );

  return ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    await saveOutline(trx, ctx, writer, by, outline);
    for (const [name, data] of [...files.assets].sort(([a], [b]) => (a < b ? -1 : 1)))
      await writeAsset(trx, writer, by, bank, { name, mime: mimeOfName(name)!, data });
    const heads = await itemHeads(trx, bank);
    const outcomes = await writeItems(trx, ctx, writer, by, bank, items, heads, { syncStatus: true });
    const counts = { created: 0, changed: 0, unchanged: 0 };
    for (const o of outcomes.values())
      counts[o === 'created' ? 'created' : o === 'unchanged' ? 'unchanged' : 'changed']++;

    const snapshot = await currentSnapshot({ db: trx }, bank);
    await rememberSnapshot(trx, ctx, bank, snapshot.hash, snapshot.items);
    let loadedCerts = 0;
    for (const c of certifications) {
      if (await hasCertified(trx, c.snapshot, c.assessor)) continue;
      await rememberSnapshot(trx, ctx, bank, c.snapshot, c.snapshot === snapshot.hash ? snapshot.items : null);
      await insertCertification(trx, ctx, bank, c);
      await writer.append({
        actor: by,
        action: 'bank.certification_load',
        entity: 'bank',
        entityId: `${bank.occupationCode}/${bank.level}`,
        afterHash: c.snapshot,
        detail: { assessor: c.assessor, certifiedAt: c.certifiedAt },
      });
      loadedCerts++;
    }
    await writer.flush();
    return { bank, ...counts, certifications: loadedCerts, snapshotHash: snapshot.hash };
  });
}

/** The bank as canonical text files (the head version of every item, with its status). */
export async function dumpBankFiles(ctx: ServiceContext, bank: BankRef): Promise<Map<string, string>> {
  const { outline } = await getOutline(ctx, bank);
  const heads = await listItems(ctx, bank);
  const items: BankFileItem[] = heads.map((h) => ({
    code: h.code,
    content: h.content,
    author: h.author,
    reviewer: h.reviewer,
    status: h.status === 'superseded' ? 'approved' : h.status,
  }));
  const certs = await ctx.db
    .selectFrom('certifications')
    .selectAll()
    .where((eb) => eb.and(bankKey(bank)))
    .execute();
  const certifications: BankFileCertification[] = certs.map((c) => ({
    assessor: c.assessor,
    snapshot: c.snapshot_hash,
    certifiedAt: c.certified_at,
    comment: c.comment,
  }));
  return dumpBankFolder({ outline, items, certifications });
}

export async function bankAssets(
  ctx: ServiceContext,
  bank: { occupationCode: string; level: LevelCode },
): Promise<Map<string, Uint8Array>> {
  const rows = await ctx.db
    .selectFrom('assets')
    .select(['name', 'data'])
    .where((eb) => eb.and(bankKey(bank)))
    .execute();
  return new Map(rows.map((r) => [r.name, r.data]));
}

/**
 * `kaowu bank dump`: the whole bank as its text folder and its images, for whoever the table lets export the bank.
 * Like every bulk export of bank content (试题保密) the read is audited.
 */
export async function dumpBank(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
): Promise<{ files: Map<string, string>; assets: Map<string, Uint8Array> }> {
  await authorize(ctx, by, 'bank.export', bank);
  const files = await dumpBankFiles(ctx, bank);
  const assets = await bankAssets(ctx, bank);
  await auditBankExport(ctx, by, bank, { format: 'folder', files: files.size, assets: assets.size });
  return { files, assets };
}

/** Every bulk read of bank content (the folder, the item workbook) is recorded as `bank.export`, saying what left. */
export async function auditBankExport(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  detail: Record<string, unknown>,
): Promise<void> {
  await audit(ctx.db, ctx, {
    actor: by,
    action: 'bank.export',
    entity: 'bank',
    entityId: `${bank.occupationCode}/${bank.level}`,
    detail,
  });
}
