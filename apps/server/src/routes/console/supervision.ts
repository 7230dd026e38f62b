import {
  getSupervision,
  saveSupervision,
  signSupervision,
  SUPERVISION_REPORT_NAME,
  exportSupervisionReport,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { validate } from '../../validate.ts';
import { formatOf, report } from './report-download.ts';

// The report is checked against the rubric in the service, which names each criterion in its refusals.
const reportBody = z.record(z.string(), z.unknown(), { error: '督导报告应为一个对象' });

/**
 * Internal supervision (附件2): no role is required, the service decides — the batch's staff and administrators
 * read, only the batch's supervisors save and sign.
 */
export function supervisionRoutes() {
  const path = '/batches/:batchId/supervision';
  return new Hono<AppEnv>()
    .get(path, staffAuth(), onBatch(getSupervision))
    .put(path, staffAuth(), validate('json', reportBody), async (c) =>
      c.json(await saveSupervision(...onBatchOf(c), c.req.valid('json'))),
    )
    .post(`${path}/sign`, staffAuth(), onBatch(signSupervision))
    .get(`${path}/report`, staffAuth(), async (c) =>
      report(c, await exportSupervisionReport(...onBatchOf(c)), `${SUPERVISION_REPORT_NAME}.xlsx`, formatOf(c)),
    );
}
