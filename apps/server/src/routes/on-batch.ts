import type { ServiceContext } from '@kaowu/services';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * What every use case on a batch takes first: the services, the signed-in staff member and the batch the path
 * names (`:batchId`). `setPlan(...onBatchOf(c), plan)`.
 */
export const onBatchOf = (c: Context<AppEnv>) =>
  [c.get('rt').ctx, c.get('staff').username, c.req.param('batchId')!] as const;

/**
 * A use case on the batch the path names and nothing more, answered as JSON.
 * For example `.get('/:batchId', onBatch(getBatch))`.
 */
export const onBatch =
  <T extends {}>(run: (ctx: ServiceContext, by: string, batchId: string) => Promise<T>) =>
  async (c: Context<AppEnv>) =>
    c.json(await run(...onBatchOf(c)));
