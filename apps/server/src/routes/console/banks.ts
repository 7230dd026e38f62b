import { ITEM_STATUSES, ITEM_TYPES } from '@kaowu/domain';
import {
  certifyBank,
  changeStatus,
  exportItemWorkbook,
  getAsset,
  importItemWorkbook,
  MAX_ASSET_BYTES,
  readBanks,
  readBankStatus,
  readCertification,
  readCertificationSample,
  readReleaseChanges,
  readItemHistory,
  readItems,
  readItemTemplate,
  readOutline,
  saveAsset,
  saveItem,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { bodyLimit } from '../../middleware/body-limit/index.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { validate } from '../../validate.ts';
import { bankOf, xlsx } from './bank-ref.ts';

const itemQuery = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  type: z.enum(ITEM_TYPES).optional(),
  point: z.string().max(64).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  author: z.string().max(64).optional(),
  text: z.string().max(200).optional(),
});
const saveBody = z.strictObject({ code: z.string().min(1).max(64).optional(), content: z.unknown() });
const statusBody = z.strictObject({
  codes: z.array(z.string().min(1)).min(1, { message: '至少选择一道试题' }).max(5000),
  action: z.enum(['submit', 'withdraw', 'approve', 'return', 'retire']),
  comment: z.string().max(2000).optional(),
});
const certifyBody = z.strictObject({
  comment: z.string().max(2000).default(''),
  expectedHash: z.string().regex(/^[0-9a-f]{64}$/, { message: '题库版本校验码应为 64 位十六进制' }),
  /** when the calibration the assessor saw beside the bands ran (null: none), recorded with the sign-off */
  statisticsSeen: z.string().max(40).nullable().optional(),
});
const sampleQuery = z.strictObject({ size: z.coerce.number().int().default(20) });
const exportQuery = z.strictObject({ which: z.enum(['approved', 'all']).default('all') });
const assetQuery = z.strictObject({ name: z.string().min(1).max(128) });
const importQuery = z.strictObject({ submit: z.enum(['0', '1']).optional() });

/** The authoring app: banks, items, review, workbooks and certification. Every rule is in @kaowu/services. */
export function bankRoutes() {
  const authoring = staffAuth();
  return (
    new Hono<AppEnv>()
      .use('/banks/*', authoring)
      .use('/banks', authoring)
      .use('/item-template', authoring)
      .get('/banks', async (c) => c.json(await readBanks(c.get('rt').ctx, c.get('staff').username)))
      .get('/item-template', async (c) =>
        xlsx(c, await readItemTemplate(c.get('rt').ctx, c.get('staff').username), '试题导入模板.xlsx'),
      )
      .get('/banks/:occupation/:level/status', async (c) =>
        c.json(await readBankStatus(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .get('/banks/:occupation/:level/outline', async (c) =>
        c.json(await readOutline(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .get('/banks/:occupation/:level/items', validate('query', itemQuery), async (c) =>
        c.json(await readItems(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('query'))),
      )
      .post('/banks/:occupation/:level/items', validate('json', saveBody), async (c) =>
        c.json(await saveItem(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('json'))),
      )
      .get('/banks/:occupation/:level/items/:code/history', async (c) =>
        c.json(await readItemHistory(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.param('code'))),
      )
      .post('/banks/:occupation/:level/item-status', validate('json', statusBody), async (c) => {
        const { codes, action, comment } = c.req.valid('json');
        await changeStatus(c.get('rt').ctx, c.get('staff').username, bankOf(c), codes, action, comment);
        return c.json({ ok: true as const });
      })
      // The workbook is the request body; a bad workbook answers 400 with every problem in `details`.
      .post(
        '/banks/:occupation/:level/import',
        bodyLimit(10 * 1024 * 1024),
        validate('query', importQuery),
        async (c) => {
          const data = new Uint8Array(await c.req.arrayBuffer());
          return c.json(
            await importItemWorkbook(c.get('rt').ctx, c.get('staff').username, bankOf(c), data, {
              submit: c.req.valid('query').submit === '1',
            }),
          );
        },
      )
      .get('/banks/:occupation/:level/export', validate('query', exportQuery), async (c) => {
        const bank = bankOf(c);
        return xlsx(
          c,
          await exportItemWorkbook(c.get('rt').ctx, c.get('staff').username, bank, c.req.valid('query').which),
          `试题-${bank.occupationCode}-${bank.level}.xlsx`,
        );
      })
      .get('/banks/:occupation/:level/template', async (c) =>
        xlsx(c, await readItemTemplate(c.get('rt').ctx, c.get('staff').username, bankOf(c)), '试题导入模板.xlsx'),
      )
      // Images for stems and options: the bytes as the body, the type in content-type, the name in the query.
      .post(
        '/banks/:occupation/:level/assets',
        bodyLimit(MAX_ASSET_BYTES + 1024),
        validate('query', assetQuery),
        async (c) => {
          const data = new Uint8Array(await c.req.arrayBuffer());
          const mime = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
          return c.json(
            await saveAsset(c.get('rt').ctx, c.get('staff').username, bankOf(c), {
              name: c.req.valid('query').name,
              mime,
              data,
            }),
            201,
          );
        },
      )
      .get('/banks/:occupation/:level/assets/:name', async (c) => {
        const asset = await getAsset(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.param('name'));
        c.header('content-type', asset.mime);
        c.header('cache-control', 'private, no-cache');
        c.header('x-content-type-options', 'nosniff');
        return c.body(new Uint8Array(asset.data).buffer);
      })
      .get('/banks/:occupation/:level/certification', async (c) =>
        c.json(await readCertification(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .get('/banks/:occupation/:level/changes', async (c) =>
        c.json(await readReleaseChanges(c.get('rt').ctx, c.get('staff').username, bankOf(c))),
      )
      .get('/banks/:occupation/:level/sample', validate('query', sampleQuery), async (c) =>
        c.json(
          await readCertificationSample(c.get('rt').ctx, c.get('staff').username, bankOf(c), c.req.valid('query').size),
        ),
      )
      .post('/banks/:occupation/:level/certify', validate('json', certifyBody), async (c) => {
        const { comment, expectedHash, statisticsSeen } = c.req.valid('json');
        return c.json(
          await certifyBank(c.get('rt').ctx, c.get('staff').username, bankOf(c), comment, expectedHash, statisticsSeen),
          201,
        );
      })
  );
}
