import { audit } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import { isoNow, type ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';

export interface Revocation {
  readonly number: string;
  readonly reason: string;
  readonly revokedBy: string;
  readonly revokedAt: string;
}

/**
 * 证书注销: marks a certificate revoked with a reason, by an administrator of its batch (the permission table's
 * `certificate.revoke`), audited. The certificate itself stays; the public query answers 已注销 from then on.
 */
export async function revokeCertificate(
  ctx: ServiceContext,
  by: string,
  input: { number: string; reason: string },
): Promise<Revocation> {
  const number = input.number.trim().toUpperCase();
  const reason = input.reason.trim();
  const cert = await ctx.db
    .selectFrom('certificates')
    .select(['number', 'batch_id'])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!cert) throw fail.notFound(`证书 ${number} 不存在`, `no certificate ${number}`);
  await authorize(ctx, by, 'certificate.revoke', { batchId: cert.batch_id });
  if (reason === '') throw fail.invalid('请填写注销原因', 'a revocation needs a reason');
  if (reason.length > 500) throw fail.invalid('注销原因不超过 500 字', 'reason too long');
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('certificate_revocations')
      .values({ number, reason, revoked_by: by, revoked_at: at })
      .onConflict((oc) => oc.column('number').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      throw fail.conflict(`证书 ${number} 已注销`, 'certificate already revoked');
    await audit(trx, ctx, {
      actor: by,
      action: 'certificate.revoke',
      entity: 'batch',
      entityId: cert.batch_id,
      detail: { number, reason },
    });
    return { number, reason, revokedBy: by, revokedAt: at };
  });
}
