import type { ServiceContext } from '@kaowu/services';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * A use case on the batch the path names (`:batchId`) and nothing more, run as the signed-in staff member and
 * answered as JSON: `.get('/:batchId', onBatch(getBatch))`.
 */
export const onBatch =
  <T extends {}>(run: (ctx: ServiceContext, by: string, batchId: string) => Promise<T>) =>
  async (c: Context<AppEnv>) =>
    c.json(await run(c.get('rt').ctx, c.get('staff').username, c.req.param('batchId')!));
