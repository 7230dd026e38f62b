import {
  archiveBatch,
  destroyPersonalData,
  exportDestructions,
  filingExports,
  FILING_EXPORT_NAMES,
  getBatchTimeline,
  listDestructions,
  markFilingStep,
} from '@kaowu/services';
import { KaowuError } from '@kaowu/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { validate } from '../../validate.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { formatOf, report } from './report-download.ts';
import { publicBaseUrl } from './certificates.ts';

const markBody = z.strictObject({
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' })
    .optional(),
});

/** Filing timeline, the batch archive (归档) and the destruction register (销毁台账). */
export function archiveRoutes() {
  const staff = staffAuth();
  return new Hono<AppEnv>()
    .get('/batches/:batchId/timeline', staff, onBatch(getBatchTimeline))
    .post('/batches/:batchId/timeline/:step', staff, validate('json', markBody), async (c) =>
      c.json(await markFilingStep(...onBatchOf(c), c.req.param('step'), { on: c.req.valid('json').on })),
    )
    .get('/batches/:batchId/archive', staff, async (c) => {
      const r = await archiveBatch(...onBatchOf(c), { baseUrl: publicBaseUrl(c) });
      c.header('content-type', 'application/zip');
      c.header('x-manifest-sha256', r.manifestHash);
      c.header(
        'content-disposition',
        `attachment; filename="archive.zip"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`,
      );
      return c.body(new Uint8Array(r.zip).buffer);
    })
    .get('/batches/:batchId/filing/:file', staff, async (c) => {
      const key = c.req.param('file') as keyof typeof FILING_EXPORT_NAMES;
      const name = FILING_EXPORT_NAMES[key];
      if (name === undefined)
        throw new KaowuError(
          'not_found',
          `备案表格 ${key} 不存在，可选：${Object.keys(FILING_EXPORT_NAMES).join('、')}`,
          'no such filing export',
        );
      const files = await filingExports(...onBatchOf(c));
      const data = files.get(name);
      if (data === undefined) throw new KaowuError('invalid', `批次尚未核发证书，没有${name}`, 'no certificates yet');
      if (name.endsWith('.xlsx')) return report(c, data, name, formatOf(c));
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="filing.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return c.body(new Uint8Array(data).buffer);
    })
    .post('/batches/:batchId/destruction', staff, onBatch(destroyPersonalData))
    .get('/destructions', staff, async (c) => c.json(await listDestructions(c.get('rt').ctx, c.get('staff').username)))
    .get('/destructions/export', staff, async (c) =>
      report(c, await exportDestructions(c.get('rt').ctx, c.get('staff').username), '销毁台账.xlsx', formatOf(c)),
    );
}
