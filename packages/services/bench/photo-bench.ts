/**
 * Roster photo benchmark, through the services layer on a SQLite file: a zip of 300 camera-sized photos
 * (1200×1600 JPEG) for a roster of 300, each checked by its bytes, resized to 360×480 and stored in one
 * transaction (the same work as photos imported with the workbook).
 * Target: ≤ 30 s for the 300 (a whole exam day's roster, within the time a person waits for an upload).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kaowu/db';
import sharp from 'sharp';
import { createContext, importPhotos } from '../src/index.ts';
import { seedExam, zipOf } from '../src/testing/index.ts';

const N = 300;
const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'kaowu-photo-bench-')), 'bench.db'));
const ctx = createContext(db);
const exam = await seedExam(ctx, { rooms: [N] });
const people = exam.candidates;
// Noise makes the JPEGs photo-sized (a flat colour would compress to almost nothing).
const noise = Buffer.alloc(1200 * 1600 * 3);
for (let i = 0; i < noise.length; i++) noise[i] = ((i / 4800) & 0xff) + ((i * 2654435761) >>> 28);
const photo = await sharp(noise, { raw: { width: 1200, height: 1600, channels: 3 } })
  .jpeg({ quality: 85 })
  .toBuffer();
const files = Object.fromEntries(people.map((p) => [`${p.idNumber}.jpg`, new Uint8Array(photo)]));
const zip = await zipOf(files);
const t0 = performance.now();
const result = await importPhotos(ctx, 'admin', exam.batchId, zip);
const ms = performance.now() - t0;
console.log(
  `${ms.toFixed(0).padStart(7)} ms  ${result.imported} roster photos ` +
    `(${(photo.byteLength / 1024).toFixed(0)} KB each, zip ${(zip.byteLength / 1048576).toFixed(1)} MB) ` +
    `(target ≤ 30000 ms; ${(ms / N).toFixed(0)} ms a photo)`,
);
await db.destroy();
