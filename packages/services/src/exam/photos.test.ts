import { openDatabase } from '@kaowu/db';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { rosterWorkbook, seedExam, syntheticPerson } from '../testing/index.ts';
import { candidatePhoto, importPhotos, importRoster, setCandidatePhoto } from './index.ts';
import { PHOTO_BOX } from './photos.ts';

const jpeg = (width = 600, height = 800) =>
  sharp({ create: { width, height, channels: 3, background: '#8899aa' } })
    .jpeg()
    .toBuffer();
const png = () =>
  sharp({ create: { width: 300, height: 400, channels: 4, background: '#336699' } })
    .png()
    .toBuffer();

async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array' });
}

async function setup(rooms: number[]) {
  const db = await openDatabase(':memory:');
  let n = 0;
  const ctx = createContext(db, { newId: () => `id-${++n}` });
  const exam = await seedExam(ctx, { rooms, open: false });
  const count = async (table: 'candidate_photos' | 'candidates' | 'candidate_accommodations') =>
    (await db.selectFrom(table).selectAll().execute()).length;
  return { db, ctx, exam, count };
}

const row = (n: number, ...extra: (string | number | null)[]) => {
  const p = syntheticPerson(n);
  return [p.name, p.idNumber, p.education, p.unit, p.years, null, '02', null, ...extra];
};

describe('roster photos', () => {
  it('imports a roster with a zip of photos named by 身份证号, resized to fit the photo box as JPEG', async () => {
    const { db, ctx, exam, count } = await setup([1, 0]);
    const before = await count('candidates');
    const a = syntheticPerson(100);
    const result = await importRoster(
      ctx,
      'admin',
      exam.batchId,
      await rosterWorkbook([row(100)]),
      await zipOf({ [`照片/${a.idNumber}.jpg`]: await jpeg(1200, 1600) }),
    );
    expect(result).toEqual({ imported: 1, photos: 1 });
    expect(await count('candidates')).toBe(before + 1);
    const stored = await db
      .selectFrom('candidate_photos as p')
      .innerJoin('candidates as c', 'c.id', 'p.candidate_id')
      .select(['c.id', 'c.id_number', 'p.mime'])
      .execute();
    expect(stored.map((s) => s.id_number)).toEqual([a.idNumber]);
    const photo = await candidatePhoto(ctx, 'proctor_c', stored.find((s) => s.id_number === a.idNumber)!.id);
    expect(photo.mime).toBe('image/jpeg');
    const meta = await sharp(photo.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', PHOTO_BOX.width, PHOTO_BOX.height]);
    await db.destroy();
  });

  it('names every bad file in the zip and imports nothing, neither candidates nor photos', async () => {
    const { db, ctx, exam, count } = await setup([1, 0]);
    const before = await count('candidates');
    const [a, b, c, stranger] = [100, 101, 102, 200].map(syntheticPerson) as ReturnType<typeof syntheticPerson>[];
    const zip = await zipOf({
      [`${a!.idNumber}.jpg`]: 'this is not an image',
      [`${b!.idNumber}.jpg`]: await png(),
      '张三.jpg': await jpeg(),
      [`${c!.idNumber}.jpg`]: await jpeg(),
      [`${c!.idNumber}.jpeg`]: await jpeg(),
      [`${stranger!.idNumber}.jpg`]: await jpeg(),
      '__MACOSX/._x.jpg': 'resource fork',
    });
    const attempt = importRoster(ctx, 'admin', exam.batchId, await rosterWorkbook([row(100)]), zip);
    const error = await attempt.then(
      () => null,
      (e: unknown) => e as { code: string; details: { field: string; message: string }[] },
    );
    expect(error?.code).toBe('invalid');
    const byFile = new Map(error!.details.map((d) => [d.field, d.message]));
    expect(byFile.get(`${a!.idNumber}.jpg`)).toContain('不是 image/jpeg 图片');
    expect(byFile.get(`${b!.idNumber}.jpg`)).toContain('PNG');
    expect(byFile.get('张三.jpg')).toContain('文件名应为考生的身份证号');
    expect(byFile.get(`${c!.idNumber}.jpg`)).toContain('同一身份证号');
    expect([...byFile.keys()].some((k) => k.startsWith('__MACOSX'))).toBe(false);
    expect(await count('candidates')).toBe(before);
    expect(await count('candidate_photos')).toBe(0);
    await db.destroy();
  });

  it('refuses a photo of someone not on the roster, naming the file', async () => {
    const { db, ctx, exam, count } = await setup([1, 0]);
    const stranger = syntheticPerson(200);
    const zip = await zipOf({ [`${stranger.idNumber}.jpg`]: await jpeg() });
    await expect(importRoster(ctx, 'admin', exam.batchId, await rosterWorkbook([row(100)]), zip)).rejects.toMatchObject(
      { details: [expect.objectContaining({ message: `身份证号 ${stranger.idNumber} 的考生不在名单中` })] },
    );
    await expect(importPhotos(ctx, 'admin', exam.batchId, zip)).rejects.toMatchObject({ code: 'invalid' });
    expect(await count('candidate_photos')).toBe(0);
    await db.destroy();
  });

  it('adds photos for candidates already imported, and one photo per candidate from the console', async () => {
    const { db, ctx, exam, count } = await setup([2]);
    const [first, second] = exam.candidates;
    const zip = await zipOf({ [`${first!.idNumber}.jpg`]: await jpeg() });
    expect(await importPhotos(ctx, 'admin', exam.batchId, zip)).toEqual({ imported: 1 });
    await expect(importPhotos(ctx, 'proctor_a', exam.batchId, zip)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      setCandidatePhoto(ctx, 'admin', second!.id, { fileName: 'photo.gif', data: await png() }),
    ).rejects.toMatchObject({ details: [expect.objectContaining({ field: 'photo.gif' })] });
    await setCandidatePhoto(ctx, 'admin', second!.id, { fileName: 'photo.png', data: await png() });
    expect(await count('candidate_photos')).toBe(2);
    const actions = await db.selectFrom('audit_log').select('action').where('action', '=', 'candidate.photo').execute();
    expect(actions).toHaveLength(2);
    await db.destroy();
  });
});
