import { AUDIT_PAGE_MAX, auditVocabulary, exportAudit, listAudit, verifyAudit } from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { validate } from '../../validate.ts';
import { xlsx } from './bank-ref.ts';

/** An optional text parameter; an empty one (a cleared field of the filter form) means no filter. */
const text = (max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(max).optional());
const instant = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.iso.datetime({ offset: true, message: '时间应为 ISO 8601 格式，例如 2026-09-22T09:00:00+08:00' }).optional(),
);

const filterQuery = z.strictObject({
  batch: text(64),
  actor: text(100),
  action: text(64),
  entity: text(32),
  entityId: text(300),
  from: instant,
  to: instant,
  text: text(200),
});
const pageQuery = filterQuery.extend({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(AUDIT_PAGE_MAX, { message: `每页最多 ${AUDIT_PAGE_MAX} 条` })
    .optional(),
});

/**
 * The audit trail for reading (审计记录): administrators read all of it and verify the chain; a batch's internal
 * supervisors read their batches' records. No role is required here: the service decides (audit-view.ts).
 */
export function auditRoutes() {
  return (
    new Hono<AppEnv>()
      .get('/audit', staffAuth(), validate('query', pageQuery), async (c) =>
        c.json(await listAudit(c.get('rt').ctx, c.get('staff').username, c.req.valid('query'))),
      )
      // The names the filter form offers (not secret: every signed-in member of staff may read them).
      .get('/audit/labels', staffAuth(), (c) => c.json(auditVocabulary()))
      .get('/audit/verify', staffAuth(), async (c) =>
        c.json(await verifyAudit(c.get('rt').ctx, c.get('staff').username, { head: c.req.query('head') })),
      )
      .get('/audit/export', staffAuth(), validate('query', filterQuery), async (c) => {
        const { fileName, data } = await exportAudit(c.get('rt').ctx, c.get('staff').username, c.req.valid('query'));
        return xlsx(c, data, fileName);
      })
  );
}
