import { contentHash, parseIdNumber, type SheetProblem } from '@kaowu/domain';
import JSZip from 'jszip';
import sharp from 'sharp';
import { audit, type Executor } from '../audit/writer.ts';
import { assetProblem, mimeOfName } from '../bank/assets.ts';
import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { requireLinesOpen } from './stage.ts';

/** Where photo problems show in the error table: the uploaded zip, each problem naming its file in the zip. */
export const PHOTO_ZIP = '照片压缩包';
/** Stored photos are at most this size (a 3:4 ID photo at twice the printed 准考证 size), JPEG. */
export const PHOTO_BOX = { width: 360, height: 480 } as const;
const MAX_ZIP_BYTES = 100 * 1024 * 1024;
const MAX_PHOTOS = 5000;

export interface Photo {
  readonly mime: string;
  readonly data: Uint8Array;
}

const photoProblem = (file: string, message: string): SheetProblem => ({
  sheet: PHOTO_ZIP,
  row: 0,
  column: '',
  field: file,
  message,
});

/**
 * Checks one uploaded image by its bytes (the rule of bank images: a supported type, matching its extension,
 * not empty, at most 2 MB, the bytes really that type) and shrinks it to fit PHOTO_BOX as a JPEG (EXIF rotation
 * applied, metadata dropped: nothing but the picture is kept). Returns why not, in words, when it cannot be used.
 */
export async function preparePhoto(fileName: string, data: Uint8Array): Promise<Photo | string> {
  const mime = mimeOfName(fileName);
  if (!mime) return `文件 ${fileName} 不是图片（只允许 png、jpg、gif、webp）`;
  const problem = await assetProblem(fileName, mime, data);
  if (problem) return problem;
  try {
    const out = await sharp(data)
      .rotate()
      .resize(PHOTO_BOX.width, PHOTO_BOX.height, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    return { mime: 'image/jpeg', data: new Uint8Array(out) };
  } catch {
    return `图片 ${fileName} 已损坏，无法读取，请重新导出后上传`;
  }
}

/**
 * Reads a zip of photos named by 身份证号 (`110101199003071234.jpg`, in any folder of the zip): every problem of
 * every file (not an image, a name that is not a valid ID number, two photos for one person, a bad image), or
 * every photo checked and resized, keyed by the normalised ID number. Folders, and the hidden files archivers
 * add (`__MACOSX/`, `.DS_Store`, `Thumbs.db`), are skipped.
 */
export async function readPhotoZip(
  data: Uint8Array,
): Promise<{ ok: true; photos: Map<string, Photo> } | { ok: false; problems: SheetProblem[] }> {
  if (data.byteLength > MAX_ZIP_BYTES)
    return { ok: false, problems: [photoProblem('', `照片压缩包不能超过 ${MAX_ZIP_BYTES / 1024 / 1024} MB`)] };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { ok: false, problems: [photoProblem('', '照片文件不是 zip 压缩包，请把照片打包成 .zip 后上传')] };
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir && !skipped(f.name));
  if (entries.length === 0) return { ok: false, problems: [photoProblem('', '照片压缩包中没有照片')] };
  if (entries.length > MAX_PHOTOS)
    return { ok: false, problems: [photoProblem('', `照片压缩包最多 ${MAX_PHOTOS} 张照片`)] };
  const problems: SheetProblem[] = [];
  const photos = new Map<string, Photo>();
  const fileOf = new Map<string, string>();
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const base = entry.name.replace(/^.*\//, '');
    const stem = base.replace(/\.[^.]*$/, '');
    const id = parseIdNumber(stem);
    if (!id.ok) {
      problems.push(photoProblem(entry.name, `文件名应为考生的身份证号（如 110101199003071234.jpg）：${id.message}`));
      continue;
    }
    const first = fileOf.get(id.info.normalized);
    if (first !== undefined) {
      problems.push(photoProblem(entry.name, `与 ${first} 是同一身份证号的照片，每人只能有一张`));
      continue;
    }
    fileOf.set(id.info.normalized, entry.name);
    const photo = await preparePhoto(base, await entry.async('uint8array'));
    if (typeof photo === 'string') problems.push(photoProblem(entry.name, photo));
    else photos.set(id.info.normalized, photo);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, photos };
}

const skipped = (name: string): boolean => {
  const base = name.replace(/^.*\//, '');
  return name.startsWith('__MACOSX/') || base.startsWith('.') || base === 'Thumbs.db' || base === 'desktop.ini';
};

/** Stores photos by candidate id (replacing any), inside the caller's transaction. */
export async function writePhotos(
  trx: Executor,
  ctx: ServiceContext,
  by: string,
  photos: readonly { candidateId: string; photo: Photo }[],
): Promise<void> {
  const now = isoNow(ctx);
  for (const { candidateId, photo } of photos) {
    const row = {
      candidate_id: candidateId,
      mime: photo.mime,
      data: photo.data,
      hash: contentHash(Buffer.from(photo.data).toString('base64')),
      uploaded_by: by,
      uploaded_at: now,
    };
    await trx
      .insertInto('candidate_photos')
      .values(row)
      .onConflict((oc) => oc.column('candidate_id').doUpdateSet({ ...row, candidate_id: undefined }))
      .execute();
  }
}

/**
 * Photos for candidates already in a batch: a zip named by 身份证号, all or nothing. A photo whose person is not
 * in the batch is a problem too (a typo in a file name must not go unnoticed). Audited as `candidate.photo`.
 */
export async function importPhotos(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  zip: Uint8Array,
): Promise<{ imported: number }> {
  const batch = await ctx.db
    .selectFrom('batches')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', batchRef), eb('plan_number', '=', batchRef)]))
    .executeTakeFirst();
  if (!batch) throw fail.notFound(`批次 ${batchRef} 不存在`, `no batch ${batchRef}`);
  const batchId = batch.id;
  await authorize(ctx, by, 'batch.manage', { batchId });
  await requireLinesOpen(ctx.db, batchId);
  const read = await readPhotoZip(zip);
  if (!read.ok) throw photosRefused(read.problems);
  const people = await ctx.db
    .selectFrom('candidates')
    .select(['id', 'id_number'])
    .where('batch_id', '=', batchId)
    .execute();
  const byIdNumber = new Map(people.map((p) => [p.id_number, p.id]));
  const problems = unknownPeople(read.photos, byIdNumber);
  if (problems.length > 0) throw photosRefused(problems);
  const rows = [...read.photos].map(([idNumber, photo]) => ({ candidateId: byIdNumber.get(idNumber)!, photo }));
  await ctx.db.transaction().execute(async (trx) => {
    await writePhotos(trx, ctx, by, rows);
    await audit(trx, ctx, {
      actor: by,
      action: 'candidate.photo',
      entity: 'batch',
      entityId: batchId,
      detail: { photos: rows.length },
    });
  });
  return { imported: rows.length };
}

/** The photos naming nobody in `known` (身份证号 → candidate id), as problems of their files. */
export function unknownPeople(photos: ReadonlyMap<string, Photo>, known: ReadonlyMap<string, unknown>): SheetProblem[] {
  return [...photos.keys()]
    .filter((idNumber) => !known.has(idNumber))
    .map((idNumber) => photoProblem(idNumber, `身份证号 ${idNumber} 的考生不在名单中`));
}

export const photosRefused = (problems: readonly SheetProblem[]) =>
  fail.invalid(`照片有 ${problems.length} 处错误，未导入任何内容`, 'photos have problems', problems);

/** One candidate's photo, uploaded in the console (checked and resized like the zip's); not after the exam. Audited. */
export async function setCandidatePhoto(
  ctx: ServiceContext,
  by: string,
  candidateId: string,
  upload: { fileName: string; data: Uint8Array },
): Promise<{ size: number }> {
  const candidate = await candidateOf(ctx, candidateId);
  await authorize(ctx, by, 'batch.manage', { batchId: candidate.batch_id });
  await requireLinesOpen(ctx.db, candidate.batch_id);
  const photo = await preparePhoto(upload.fileName, upload.data);
  if (typeof photo === 'string') throw photosRefused([photoProblem(upload.fileName, photo)]);
  await ctx.db.transaction().execute(async (trx) => {
    await writePhotos(trx, ctx, by, [{ candidateId, photo }]);
    await audit(trx, ctx, {
      actor: by,
      action: 'candidate.photo',
      entity: 'candidate',
      entityId: candidateId,
      detail: { ticket: candidate.ticket, file: upload.fileName },
    });
  });
  return { size: photo.data.byteLength };
}

/**
 * A candidate's roster photo (bytes + type), for staff of the batch: the console, the board, print pages and
 * certificates read it here. Not found when the candidate has none.
 */
export async function candidatePhoto(ctx: ServiceContext, by: string, candidateId: string): Promise<Photo> {
  const candidate = await candidateOf(ctx, candidateId);
  await authorize(ctx, by, 'batch.read', { batchId: candidate.batch_id });
  const photo = await ctx.db
    .selectFrom('candidate_photos')
    .select(['mime', 'data'])
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  if (!photo) throw fail.notFound(`考生 ${candidate.ticket} 没有照片`, `no photo for ${candidate.ticket}`);
  return { mime: photo.mime, data: new Uint8Array(photo.data) };
}

async function candidateOf(ctx: ServiceContext, candidateId: string) {
  const candidate = await ctx.db
    .selectFrom('candidates')
    .select(['id', 'batch_id', 'ticket'])
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!candidate) throw fail.notFound(`考生 ${candidateId} 不存在`, `no candidate ${candidateId}`);
  return candidate;
}
