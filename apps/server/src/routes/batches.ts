import {
  attachPapers,
  batchInput,
  batchSettingsInput,
  candidateEdit,
  createBatch,
  editCandidate,
  getBatch,
  importRoster,
  listBatches,
  listRoster,
  rosterTemplate,
  seatPlans,
  setBatchStaff,
  staffAssignment,
  updateBatchSettings,
} from '@kaowu/services';
import { KaowuError } from '@kaowu/domain';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { bodyLimit } from '../middleware/body-limit/index.ts';
import { securityHeaders } from '../middleware/security-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { ticketsPage, seatingChartPage, signInSheetPage } from '../print/pages.ts';
import { xlsx } from './console/bank-ref.ts';
import { onBatch, onBatchOf } from './on-batch.ts';
import { validate } from '../validate.ts';
import { PHOTO_ZIP_LIMIT } from './realname.ts';

const paperIds = z.strictObject({
  paperIds: z.array(z.string().min(1)).min(1, { message: '至少选择一套试卷' }).max(26),
});
const staffBody = z.strictObject({ staff: z.array(staffAssignment) });

/** Batches: plan, staff, papers, roster (Excel upload), seat plans and the print-ready pages. */
export function batchRoutes() {
  return (
    new Hono<AppEnv>()
      .use(staffAuth())
      .get('/', async (c) => c.json(await listBatches(c.get('rt').ctx, c.get('staff').username)))
      .post('/', validate('json', batchInput), async (c) =>
        c.json(await createBatch(c.get('rt').ctx, c.get('staff').username, c.req.valid('json')), 201),
      )
      .get('/:batchId', onBatch(getBatch))
      .put('/:batchId/staff', validate('json', staffBody), async (c) =>
        c.json(await setBatchStaff(...onBatchOf(c), c.req.valid('json').staff)),
      )
      // Safe Exam Browser Config Key and whether candidates see their score.
      .patch('/:batchId/settings', validate('json', batchSettingsInput), async (c) =>
        c.json(
          await updateBatchSettings(c.get('rt'), c.get('staff').username, c.req.param('batchId'), c.req.valid('json')),
        ),
      )
      .put('/:batchId/papers', validate('json', paperIds), async (c) =>
        c.json(await attachPapers(...onBatchOf(c), c.req.valid('json').paperIds)),
      )
      // The workbook is the request body (Content-Type: the .xlsx type or application/octet-stream); or, with
      // the photos beside it, multipart/form-data with the fields `roster` (the workbook) and `photos` (a zip).
      .post('/:batchId/roster', bodyLimit(PHOTO_ZIP_LIMIT + 10 * 1024 * 1024), async (c) => {
        if (!c.req.header('content-type')?.startsWith('multipart/form-data')) {
          const data = new Uint8Array(await c.req.arrayBuffer());
          return c.json(await importRoster(...onBatchOf(c), data));
        }
        const form = await c.req.formData();
        const bytes = async (field: string) => {
          const v = form.get(field);
          return typeof v === 'object' && v !== null ? new Uint8Array(await v.arrayBuffer()) : undefined;
        };
        const roster = await bytes('roster');
        if (!roster) throw new KaowuError('invalid', '请选择考生名单工作簿（字段 roster）', 'missing roster field');
        return c.json(await importRoster(...onBatchOf(c), roster, await bytes('photos')));
      })
      // The blank roster to fill in, with an example row that import skips.
      .get('/:batchId/roster/template', async (c) =>
        xlsx(c, await rosterTemplate(...onBatchOf(c)), '考生名单模板.xlsx'),
      )
      // The roster as a table (seat, form, status), and one candidate's line corrected (audited).
      .get('/:batchId/candidates', onBatch(listRoster))
      .patch('/:batchId/candidates/:candidateId', validate('json', candidateEdit), async (c) =>
        c.json(await editCandidate(...onBatchOf(c), c.req.param('candidateId'), c.req.valid('json'))),
      )
      .get('/:batchId/seat-plan', onBatch(seatPlans))
      .get('/:batchId/tickets', securityHeaders('print'), async (c) =>
        c.html(ticketsPage(await seatPlans(...onBatchOf(c)))),
      )
      .get('/:batchId/rooms/:roomId/sign-in', securityHeaders('print'), async (c) =>
        c.html(signInSheetPage(await roomPlan(c))),
      )
      .get('/:batchId/rooms/:roomId/seating', securityHeaders('print'), async (c) =>
        c.html(seatingChartPage(await roomPlan(c))),
      )
  );
}

/** The seat plan of the room the path names, for its print pages. */
async function roomPlan(c: Context<AppEnv>) {
  const by = c.get('staff').username;
  const [plan] = await seatPlans(c.get('rt').ctx, by, c.req.param('batchId')!, c.req.param('roomId'));
  return plan!;
}
