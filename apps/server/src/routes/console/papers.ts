import {
  assemblePapers,
  bankBlueprint,
  exportPaper,
  readPapers,
  readPaperWithKeys,
  tryAssembly,
  verifyPaper,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { validate } from '../../validate.ts';
import { bankOf, xlsx } from './bank-ref.ts';

const assemblyBody = z.strictObject({
  /** The blueprint as YAML text, exactly as in the bank folder's blueprint.yaml. */
  blueprint: z.string().min(1, { message: '请填写组卷方案' }).max(200_000),
  seed: z.string().trim().min(1, { message: '请填写组卷随机码' }).max(128),
  forms: z.number().int().min(1).max(26).optional(),
  draft: z.boolean().optional(),
});
const exportQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('xlsx') });

/**
 * Papers: the blueprint editor's starting point (default blueprint, areas, approved items per cell), live
 * feasibility, assembly with a seed, preview with keys (who may: the permission table, 试题保密), verification, export.
 */
export function paperRoutes() {
  const staff = staffAuth();
  return new Hono<AppEnv>()
    .use('/papers/*', staff)
    .get('/banks/:occupation/:level/blueprint', staff, async (c) =>
      c.json(await bankBlueprint(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
    )
    .get('/banks/:occupation/:level/papers', staff, async (c) =>
      c.json(await readPapers(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
    )
    .post('/banks/:occupation/:level/feasibility', staff, validate('json', assemblyBody), async (c) =>
      c.json(await tryAssembly(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('json'))),
    )
    .post('/banks/:occupation/:level/papers', staff, validate('json', assemblyBody), async (c) =>
      c.json(await assemblePapers(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('json')), 201),
    )
    .get('/papers/:paperId', async (c) =>
      c.json(await readPaperWithKeys(c.get('rt').ctx, c.get('staff').username, c.req.param('paperId'))),
    )
    .post('/papers/:paperId/verify', async (c) =>
      c.json(await verifyPaper(c.get('rt').ctx, c.get('staff').username, c.req.param('paperId'))),
    )
    .get('/papers/:paperId/export', validate('query', exportQuery), async (c) => {
      const { format } = c.req.valid('query');
      const out = await exportPaper(c.get('rt').ctx, c.get('staff').username, c.req.param('paperId'), format);
      if (typeof out === 'string') return c.json(JSON.parse(out));
      return xlsx(c, out, `试卷-${c.req.param('paperId')}.xlsx`);
    });
}
