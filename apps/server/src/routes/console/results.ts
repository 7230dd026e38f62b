import {
  addObjection,
  batchEligibility,
  computeDecisions,
  confirmScores,
  enterScore,
  exportResults,
  finaliseResults,
  getPublicity,
  issueCertificates,
  listCertificates,
  listDecisions,
  publishResults,
  resolveObjection,
  resolveSpread,
  RESULT_REPORT_NAMES,
  RESULT_REPORTS,
  scoreSheet,
  scoreStatus,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { validate } from '../../validate.ts';
import { formatOf, report } from './report-download.ts';

const scoreBody = z.strictObject({
  ticket: z.string().min(1).max(32),
  component: z.string().min(1).max(32),
  assessor: z.string().min(1).max(64),
  value: z.union([z.number().min(0).max(100), z.literal('absent')]),
});
const confirmBody = z.strictObject({ component: z.string().min(1).max(32).optional() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' });
const publishBody = z.strictObject({
  publishedOn: day.optional(),
  workingDays: z.number().int().min(1).max(60).optional(),
});
const objectionBody = z.strictObject({
  text: z.string().trim().min(1, { message: '请填写异议内容' }).max(2000),
  ticket: z.string().min(1).max(32).optional(),
  raisedAt: z.iso.datetime({ offset: true }).optional(),
});
const resolveBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  note: z.string().trim().min(1, { message: '请填写处理意见' }).max(2000),
});
const certificateBody = z.strictObject({ issuedOn: day.optional() });
const spreadBody = z.strictObject({
  ticket: z.string().min(1).max(32),
  component: z.string().min(1).max(32),
  reason: z.string().trim().min(1, { message: '考评组长须填写裁定理由' }).max(2000),
});

/** Results of a batch: double score entry, decisions with reasons, eligibility, publicity, and the official reports. */
export function resultRoutes() {
  return (
    new Hono<AppEnv>()
      .use('/batches/:batchId/results/*', staffAuth())
      .get('/batches/:batchId/results/sheet', onBatch(scoreSheet))
      .get('/batches/:batchId/results/scores', onBatch(scoreStatus))
      .post('/batches/:batchId/results/scores', validate('json', scoreBody), async (c) => {
        await enterScore(...onBatchOf(c), c.req.valid('json'));
        return c.json({ ok: true as const }, 201);
      })
      .post('/batches/:batchId/results/confirm', validate('json', confirmBody), async (c) =>
        c.json(await confirmScores(...onBatchOf(c), c.req.valid('json'))),
      )
      .post('/batches/:batchId/results/compute', onBatch(computeDecisions))
      .get('/batches/:batchId/results/decisions', onBatch(listDecisions))
      .get('/batches/:batchId/results/eligibility', onBatch(batchEligibility))
      // The panel leader lets a wide spread between assessors stand, with a reason.
      .post('/batches/:batchId/results/spreads', validate('json', spreadBody), async (c) => {
        await resolveSpread(...onBatchOf(c), c.req.valid('json'));
        return c.json({ ok: true as const });
      })
      .get('/batches/:batchId/results/publicity', onBatch(getPublicity))
      .post('/batches/:batchId/results/publicity', validate('json', publishBody), async (c) =>
        c.json(await publishResults(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .post('/batches/:batchId/results/objections', validate('json', objectionBody), async (c) =>
        c.json(await addObjection(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .post('/batches/:batchId/results/objections/:id/resolve', validate('json', resolveBody), async (c) => {
        await resolveObjection(...onBatchOf(c), c.req.param('id'), c.req.valid('json'));
        return c.json({ ok: true as const });
      })
      .post('/batches/:batchId/results/finalise', onBatch(finaliseResults))
      .post('/batches/:batchId/results/certificates', validate('json', certificateBody), async (c) =>
        c.json(await issueCertificates(...onBatchOf(c), c.req.valid('json')), 201),
      )
      // What was issued, read back at any time (after a reload too), and how many who passed still await issue.
      .get('/batches/:batchId/results/certificates', onBatch(listCertificates))
      .get('/batches/:batchId/results/reports/:report', async (c) => {
        const which = z.enum(RESULT_REPORTS).parse(c.req.param('report'));
        const data = await exportResults(...onBatchOf(c), which);
        return report(c, data, `${RESULT_REPORT_NAMES[which]}.xlsx`, formatOf(c));
      })
  );
}
