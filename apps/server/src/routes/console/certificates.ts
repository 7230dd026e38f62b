import { certificatePublicKey, certificateZip, importAuthorityNumbers, revokeCertificate } from '@kaowu/services';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { bodyLimit } from '../../middleware/body-limit/index.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { validate } from '../../validate.ts';
import { onBatchOf } from '../on-batch.ts';

const revokeBody = z.strictObject({
  reason: z.string().trim().min(1, { message: '请填写注销原因' }).max(500),
});

/**
 * Where the QR codes send people: KAOWU_PUBLIC_URL when the server sits behind a proxy or a public name,
 * else the address this request reached.
 */
export const publicBaseUrl = (c: Context): string => process.env.KAOWU_PUBLIC_URL ?? new URL(c.req.url).origin;

/** Electronic certificates: the batch's PDFs as a zip, revocation, and the public key (no sign-in). */
export function certificateRoutes() {
  const staff = staffAuth();
  return (
    new Hono<AppEnv>()
      // Anyone may fetch the public key: it verifies certificates and signs nothing.
      .get('/certificates/public-key', async (c) => c.json(await certificatePublicKey(c.get('rt').ctx)))
      .get('/batches/:batchId/certificates/pdf', staff, async (c) => {
        const { zip, planNumber } = await certificateZip(...onBatchOf(c), { baseUrl: publicBaseUrl(c) });
        const name = `${planNumber}-电子证书.zip`;
        c.header('content-type', 'application/zip');
        c.header(
          'content-disposition',
          `attachment; filename="certificates.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        return c.body(new Uint8Array(zip).buffer);
      })
      // The authority's numbers (身份证号 → 证书编号) as an .xlsx body; every bad row comes back, nothing is written.
      .post('/batches/:batchId/certificates/numbers/import', staff, bodyLimit(10 * 1024 * 1024), async (c) =>
        c.json(await importAuthorityNumbers(...onBatchOf(c), new Uint8Array(await c.req.arrayBuffer()))),
      )
      .post('/certificates/:number/revoke', staff, validate('json', revokeBody), async (c) =>
        c.json(
          await revokeCertificate(c.get('rt').ctx, c.get('staff').username, {
            number: c.req.param('number'),
            reason: c.req.valid('json').reason,
          }),
        ),
      )
  );
}
