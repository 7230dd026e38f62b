import {
  assemblePapers,
  bankBlueprint,
  exportPaper,
  listPapers,
  readPaperWithKeys,
  tryAssembly,
  verifyStoredPaper,
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
 * feasibility, assembly with a seed, preview (with keys: administrators only), verification, export.
 */
export function paperRoutes() {
  const admin = staffAuth(['administrator']);
  return new Hono<AppEnv>()
    .use('/papers/*', admin)
    .get('/banks/:occupation/:level/blueprint', admin, async (c) =>
      c.json(await bankBlueprint(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
    )
    .get('/banks/:occupation/:level/papers', admin, async (c) => c.json(await listPapers(c.get('rt').ctx, bankOf(c))))
    .post('/banks/:occupation/:level/feasibility', admin, validate('json', assemblyBody), async (c) =>
      c.json(await tryAssembly(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('json'))),
    )
    .post('/banks/:occupation/:level/papers', admin, validate('json', assemblyBody), async (c) =>
      c.json(await assemblePapers(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('json')), 201),
    )
    .get('/papers/:paperId', async (c) =>
      c.json(await readPaperWithKeys(c.get('rt').ctx, c.get('staff').username, c.req.param('paperId'))),
    )
    .post('/papers/:paperId/verify', async (c) =>
      c.json(await verifyStoredPaper(c.get('rt').ctx, c.req.param('paperId'))),
    )
    .get('/papers/:paperId/export', validate('query', exportQuery), async (c) => {
      const { format } = c.req.valid('query');
      const out = await exportPaper(c.get('rt').ctx, c.get('staff').username, c.req.param('paperId'), format);
      if (typeof out === 'string') return c.json(JSON.parse(out));
      return xlsx(c, out, `试卷-${c.req.param('paperId')}.xlsx`);
    });
}
