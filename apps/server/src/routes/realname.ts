import {
  accommodationInput,
  candidatePhoto,
  checkIdentity,
  identityCheckInput,
  importPhotos,
  setAccommodation,
  setCandidatePhoto,
  startFrame,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { bodyLimit } from '../middleware/body-limit/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { validate } from '../validate.ts';

/** A zip of a whole roster's photos (a few hundred ID photos of a few hundred KB each). */
export const PHOTO_ZIP_LIMIT = 100 * 1024 * 1024;
const PHOTO_LIMIT = 2 * 1024 * 1024 + 1024;

const photoQuery = z.object({ file: z.string().min(1, { message: '请给出照片的文件名（?file=）' }).max(200) });
const photoHeaders = (mime: string) => ({ 'content-type': mime, 'cache-control': 'private, no-store' });

/**
 * 实名制 and accommodations (issue 17), for staff: the roster's photos (a zip named by 身份证号, or one image per
 * candidate, the file name in `?file=`, the bytes as the body), a candidate's accommodation, the proctor's 实名核验.
 */
export function realnameRoutes() {
  const staff = staffAuth();
  return (
    new Hono<AppEnv>()
      .post('/batches/:batchId/photos', staff, bodyLimit(PHOTO_ZIP_LIMIT), async (c) => {
        const zip = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await importPhotos(c.get('rt').ctx, c.get('staff').username, c.req.param('batchId'), zip));
      })
      .get('/candidates/:candidateId/frame', staff, async (c) => {
        const frame = await startFrame(c.get('rt').ctx, c.get('staff').username, c.req.param('candidateId'));
        return c.body(frame.data as Uint8Array<ArrayBuffer>, 200, photoHeaders(frame.mime));
      })
      .get('/candidates/:candidateId/photo', staff, async (c) => {
        const photo = await candidatePhoto(c.get('rt').ctx, c.get('staff').username, c.req.param('candidateId'));
        return c.body(photo.data as Uint8Array<ArrayBuffer>, 200, photoHeaders(photo.mime));
      })
      .put(
        '/candidates/:candidateId/photo',
        staff,
        bodyLimit(PHOTO_LIMIT),
        validate('query', photoQuery),
        async (c) => {
          const data = new Uint8Array(await c.req.arrayBuffer());
          const { file } = c.req.valid('query');
          const candidateId = c.req.param('candidateId');
          return c.json(
            await setCandidatePhoto(c.get('rt').ctx, c.get('staff').username, candidateId, { fileName: file, data }),
          );
        },
      )
      .put('/candidates/:candidateId/accommodation', staff, validate('json', accommodationInput), async (c) =>
        c.json(
          await setAccommodation(
            c.get('rt').ctx,
            c.get('staff').username,
            c.req.param('candidateId'),
            c.req.valid('json'),
          ),
        ),
      )
      // The proctor's 实名核验 of a seat (a mismatch is also an incident of the room).
      .put('/candidates/:candidateId/identity', staff, validate('json', identityCheckInput), async (c) =>
        c.json(
          await checkIdentity(c.get('rt'), c.get('staff').username, c.req.param('candidateId'), c.req.valid('json')),
        ),
      )
  );
}
