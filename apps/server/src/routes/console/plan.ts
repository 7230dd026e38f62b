import {
  applicationTemplate,
  checkPlan,
  importApplications,
  panelSetup,
  planView,
  recordRelation,
  setPanel,
  setPlan,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { bodyLimit } from '../../middleware/body-limit/index.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { validate } from '../../validate.ts';
import { xlsx } from './bank-ref.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' });
// The plan itself is checked by the domain's schema and rules in the service: here only its envelope.
const planBody = z.strictObject({ plan: z.record(z.string(), z.unknown()), eligibilityAsOf: day.optional() });
const panelBody = z.strictObject({
  leader: z.string().trim().min(1, { message: '请选择考评组长' }).max(64),
  members: z.array(z.string().trim().min(1).max(64)).max(50),
});
const relationBody = z.strictObject({
  ticket: z.string().trim().min(1, { message: '请选择考生' }).max(32),
  assessor: z.string().trim().min(1, { message: '请选择考评员' }).max(64),
  relation: z.string().trim().min(1, { message: '请填写回避关系（如 亲属、直接上下级、师徒）' }).max(100),
});

/**
 * The results set-up of a batch (认定方案, 考评组, 回避, 申报信息): what the CLI's `kaowu results plan|panel|
 * relation|applications` do, for the console. Who may read or change: the permission table, in each use case.
 */
export function planRoutes() {
  const staff = staffAuth();
  return (
    new Hono<AppEnv>()
      .get('/batches/:batchId/plan', staff, onBatch(planView))
      // Checked as it is typed: the problems, each at its field; nothing is saved.
      .post('/batches/:batchId/plan/check', staff, validate('json', planBody), async (c) =>
        c.json({
          problems: await checkPlan(...onBatchOf(c), c.req.valid('json').plan),
        }),
      )
      .put('/batches/:batchId/plan', staff, validate('json', planBody), async (c) => {
        const { plan, eligibilityAsOf } = c.req.valid('json');
        return c.json(await setPlan(...onBatchOf(c), plan, { eligibilityAsOf }));
      })
      .get('/batches/:batchId/panels', staff, onBatch(panelSetup))
      .put('/batches/:batchId/panels/:component', staff, validate('json', panelBody), async (c) =>
        c.json(await setPanel(...onBatchOf(c), c.req.param('component'), c.req.valid('json'))),
      )
      .post('/batches/:batchId/relations', staff, validate('json', relationBody), async (c) =>
        c.json(await recordRelation(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .get('/batches/:batchId/applications/template', staff, async (c) =>
        xlsx(c, await applicationTemplate(...onBatchOf(c)), '申报信息模板.xlsx'),
      )
      // The workbook is the request body; the path ends in /import for the larger body limit (app.ts).
      .post('/batches/:batchId/applications/import', staff, bodyLimit(10 * 1024 * 1024), async (c) => {
        const data = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await importApplications(...onBatchOf(c), data));
      })
  );
}
