import { contentHash, richTextProblems } from '@kaowu/domain';
import { fileTypeFromBuffer } from 'file-type';
import { AuditWriter, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { bankKey, getOutline, type BankRef } from './outlines.ts';
import { authorize } from '../shared/authorize.ts';

/** The image types a stem or option may show, by the extension the asset name must carry. */
export const ASSET_TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};
/** Exam-paper figures are diagrams and photos of equipment: 2 MB is plenty and keeps the paper bundle small. */
export const MAX_ASSET_BYTES = 2 * 1024 * 1024;

export interface AssetUpload {
  readonly name: string;
  readonly mime: string;
  readonly data: Uint8Array;
}

/** The type an asset's name declares by its extension (how bank folders name their images). */
export const mimeOfName = (name: string): string | undefined => {
  const ext = name.replace(/^.*\./, '').toLowerCase();
  return Object.entries(ASSET_TYPES).find(([, exts]) => exts.includes(ext))?.[0];
};

/**
 * Why these bytes may not be stored as image `name` of type `mime`, or undefined when they may: a safe name, a
 * supported type matching the extension, not empty, not too large, and bytes that really are that type (the
 * declared type is only a guess from the file name; the bytes decide what is stored and served).
 */
export async function assetProblem(name: string, mime: string, data: Uint8Array): Promise<string | undefined> {
  const nameProblem = richTextProblems(`![](asset:${name})`)[0];
  if (nameProblem) return nameProblem;
  const extensions = ASSET_TYPES[mime];
  if (!extensions) return `不支持的图片类型 ${mime}（只允许 png、jpg、gif、webp）`;
  if (!extensions.includes(name.replace(/^.*\./, '').toLowerCase())) return `图片 ${name} 的扩展名与类型 ${mime} 不符`;
  if (data.byteLength === 0) return '图片文件是空的';
  if (data.byteLength > MAX_ASSET_BYTES) return `图片不能超过 ${MAX_ASSET_BYTES / 1024 / 1024} MB`;
  const sniffed = await fileTypeFromBuffer(data);
  if (sniffed?.mime === mime) return undefined;
  if (sniffed && ASSET_TYPES[sniffed.mime]) {
    const actual = sniffed.ext.toUpperCase();
    return `图片 ${name} 的内容是 ${actual} 图片，与声明的类型 ${mime} 不符，请按实际格式改正扩展名后重新上传`;
  }
  const actual = sniffed ? `（实际为 ${sniffed.mime}）` : '';
  return `文件 ${name} 的内容不是 ${mime} 图片${actual}，请上传真正的 png、jpg、gif 或 webp 图片`;
}

/**
 * Saves an image into a bank's assets (`![说明](asset:name)` then shows it), replacing one of the same name;
 * identical bytes change nothing. Audited as `asset.save` with the before and after hashes.
 */
export async function saveAsset(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  upload: AssetUpload,
): Promise<{ name: string; hash: string; size: number; outcome: 'created' | 'changed' | 'unchanged' }> {
  await authorize(ctx, by, 'item.asset', bank);
  await getOutline(ctx, bank);
  const { name, mime, data } = upload;
  const problem = await assetProblem(name, mime, data);
  if (problem) throw fail.invalid(problem, `invalid asset ${name}`);
  return ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    const saved = await writeAsset(trx, writer, by, bank, upload);
    await writer.flush();
    return { name, size: data.byteLength, ...saved };
  });
}

/**
 * Stores one (already checked) asset unless the bank has it with the same bytes, and audits the change: the upload
 * and the folder load write assets the same way.
 */
export async function writeAsset(
  trx: Executor,
  writer: AuditWriter,
  by: string,
  bank: BankRef,
  { name, mime, data }: AssetUpload,
): Promise<{ hash: string; outcome: 'created' | 'changed' | 'unchanged' }> {
  const hash = contentHash(Buffer.from(data).toString('base64'));
  const old = await assetNamed(trx, bank, name).select('hash').executeTakeFirst();
  if (old?.hash === hash) return { hash, outcome: 'unchanged' };
  await trx
    .insertInto('assets')
    .values({ ...bankKey(bank), name, mime, data, hash })
    .onConflict((oc) => oc.columns(['occupation_code', 'level', 'name']).doUpdateSet({ mime, data, hash }))
    .execute();
  await writer.append({
    actor: by,
    action: 'asset.save',
    entity: 'asset',
    entityId: `${bank.occupationCode}/${bank.level}/${name}`,
    beforeHash: old?.hash ?? null,
    afterHash: hash,
  });
  return { hash, outcome: old ? 'changed' : 'created' };
}

/** The asset of a bank with this name (an exam paper finds its images by its occupation and level too). */
export const assetNamed = (db: Executor, bank: BankRef, name: string) =>
  db
    .selectFrom('assets')
    .where((eb) => eb.and(bankKey(bank)))
    .where('name', '=', name);

/** One asset of a bank, for staff (candidates get only their paper's images, through their attempt). */
export async function getAsset(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  name: string,
): Promise<{ mime: string; data: Uint8Array }> {
  await authorize(ctx, by, 'item.asset', bank);
  const row = await assetNamed(ctx.db, bank, name).select(['mime', 'data']).executeTakeFirst();
  if (!row) throw fail.notFound(`图片 ${name} 不存在`, `no asset ${name}`);
  return row;
}
