import {
  analysedBatches,
  batchStats,
  calibrateBank,
  computeBatchStats,
  correctKey,
  exportBatchStatsFile,
  itemDifficulties,
  flaggedItems,
  itemStatsHistory,
  keepFlaggedItem,
  sendFlaggedForReview,
  statsReviewQueue,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { validate } from '../../validate.ts';
import { bankOf, xlsx } from './bank-ref.ts';

const statsReviewBody = z.strictObject({ comment: z.string().max(2000) });
const keyCorrectionBody = z.strictObject({
  item: z.string().min(1).max(64),
  key: z.string().min(1).max(16),
  reason: z.string().max(2000),
});

/**
 * Item analysis (统计分析): a batch's stored statistics (bank staff read, administrators compute), its workbook,
 * an item's history across batches, and the bank's calibration. The service authorises each.
 */
export function statsRoutes() {
  const batch = '/batches/:batchId/stats';
  const bank = '/banks/:occupation/:level';
  return (
    new Hono<AppEnv>()
      .get(batch, staffAuth(), onBatch(batchStats))
      .post(batch, staffAuth(), onBatch(computeBatchStats))
      // A suspect key found by the statistics, corrected where it was found: the results' key correction (答案更正),
      // which rescores the batch's affected attempts and recomputes its decisions.
      .post(`${batch}/key-correction`, staffAuth(), validate('json', keyCorrectionBody), async (c) =>
        c.json(await correctKey(...onBatchOf(c), c.req.valid('json'))),
      )
      .get(`${batch}/report`, staffAuth(), async (c) => {
        const file = await exportBatchStatsFile(...onBatchOf(c));
        return xlsx(c, file.data, file.name);
      })
      .get(`${bank}/stats`, staffAuth(), async (c) =>
        c.json(await analysedBatches(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .get(`${bank}/flagged`, staffAuth(), async (c) =>
        c.json(await flaggedItems(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .post(`${bank}/items/:code/stats-review`, staffAuth(), validate('json', statsReviewBody), async (c) =>
        c.json(
          await sendFlaggedForReview(
            c.get('rt').ctx,
            c.get('staff').username,
            bankOf(c),
            c.req.param('code'),
            c.req.valid('json').comment,
          ),
        ),
      )
      // the review queue's 需复核（统计）: flagged items nobody has returned, retired or kept yet
      .get(`${bank}/stats-review`, staffAuth(), async (c) =>
        c.json(await statsReviewQueue(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .post(`${bank}/items/:code/stats-keep`, staffAuth(), validate('json', statsReviewBody), async (c) =>
        c.json(
          await keepFlaggedItem(
            c.get('rt').ctx,
            c.get('staff').username,
            bankOf(c),
            c.req.param('code'),
            c.req.valid('json').comment,
          ),
        ),
      )
      .get(`${bank}/items/:code/stats`, staffAuth(), async (c) =>
        c.json(await itemStatsHistory(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.param('code'))),
      )
      .get(`${bank}/difficulties`, staffAuth(), async (c) =>
        c.json(await itemDifficulties(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .post(`${bank}/calibration`, staffAuth(), async (c) =>
        c.json(await calibrateBank(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
  );
}
