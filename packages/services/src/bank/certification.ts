import type { CertificationRecord, CertificationState } from '@kaowu/bank';
import { evaluateCertification } from '@kaowu/bank';
import { audit } from '../audit/writer.ts';
import type { Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import type { BankRef } from './outlines.ts';
import { bankKey, bankName } from './outlines.ts';
import { getBankSettings } from '../accounts/settings.ts';
import type { CurrentSnapshot } from './snapshots.ts';
import { currentSnapshot, parseMembers, rememberSnapshot } from './snapshots.ts';
import { authorize } from '../shared/authorize.ts';

/** Whether the assessor has certified this bank version already: each signs a version once. */
export async function hasCertified(db: Executor, snapshotHash: string, assessor: string): Promise<boolean> {
  const row = await db
    .selectFrom('certifications')
    .select('id')
    .where('snapshot_hash', '=', snapshotHash)
    .where('assessor', '=', assessor)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records an assessor's signature on a bank version (certified in the console or loaded from the bank folder). */
export async function insertCertification(
  trx: Executor,
  ctx: ServiceContext,
  bank: BankRef,
  c: { readonly snapshot: string; readonly assessor: string; readonly certifiedAt: string; readonly comment: string },
): Promise<void> {
  await trx
    .insertInto('certifications')
    .values({
      id: ctx.newId(),
      ...bankKey(bank),
      snapshot_hash: c.snapshot,
      assessor: c.assessor,
      certified_at: c.certifiedAt,
      comment: c.comment,
    })
    .execute();
}

export async function certificationRecords(db: Executor, bank: BankRef): Promise<CertificationRecord[]> {
  const rows = await db
    .selectFrom('certifications as c')
    .innerJoin('users as u', 'u.username', 'c.assessor')
    .innerJoin('snapshots as s', 's.hash', 'c.snapshot_hash')
    .select(['c.assessor', 'u.display_name', 'c.snapshot_hash', 'c.certified_at', 'c.comment', 's.members_json'])
    .where('c.occupation_code', '=', bank.occupationCode)
    .where('c.level', '=', bank.level)
    .orderBy('c.certified_at')
    .orderBy('c.assessor')
    .execute();
  return rows.map((r) => ({
    assessor: r.assessor,
    assessorName: r.display_name,
    snapshotHash: r.snapshot_hash,
    certifiedAt: r.certified_at,
    comment: r.comment,
    members: parseMembers(r.members_json),
  }));
}

export async function certificationState(
  ctx: ServiceContext,
  bank: BankRef,
  snapshot?: CurrentSnapshot,
): Promise<CertificationState> {
  const current = snapshot ?? (await currentSnapshot(ctx, bank));
  const registered = await ctx.db
    .selectFrom('assessor_registrations')
    .select('username')
    .where('occupation_code', '=', bank.occupationCode)
    .execute();
  return evaluateCertification({
    current: { hash: current.hash, members: current.items },
    records: await certificationRecords(ctx.db, bank),
    registeredAssessors: new Set(registered.map((r) => r.username)),
    authorsInSnapshot: current.authors,
    settings: await getBankSettings(ctx),
  });
}

/**
 * An assessor signs off that the current snapshot's difficulty fits the level. The sign-off is bound to the
 * snapshot hash, so any later change to the bank makes it stale.
 */
export async function certifyBank(
  ctx: ServiceContext,
  by: string,
  bank: BankRef,
  comment: string,
  expectedHash?: string,
  statisticsSeen?: string | null,
): Promise<{ snapshotHash: string }> {
  await authorize(ctx, by, 'bank.certify', bank);
  // An opinion is what the sign-off says about the content; an empty one certifies nothing.
  if (comment.trim() === '')
    throw fail.invalid('请填写认证意见（例如：难度与该等级要求相符）', 'a certification opinion is required');
  return ctx.db.transaction().execute(async (trx) => {
    const snapshot = await currentSnapshot({ db: trx }, bank);
    if (snapshot.items.length === 0)
      throw fail.invalid(`题库 ${bankName(bank)} 没有已通过的试题，无法认证`, 'empty bank');
    if (expectedHash !== undefined && expectedHash !== snapshot.hash)
      throw fail.conflict(
        `题库在您查看之后已变更（当前题库版本 ${snapshot.hash.slice(0, 12)}），请重新查看后再认证`,
        'snapshot changed since it was viewed',
      );
    // The statistics the assessor saw beside the bands (issue 13): the bank's calibration, by when it ran.
    const calibration = await trx
      .selectFrom('item_calibrations')
      .select([(eb) => eb.fn.max('calibrated_at').as('at'), (eb) => eb.fn.count<number>('difficulty').as('calibrated')])
      .where('occupation_code', '=', bank.occupationCode)
      .where('level', '=', bank.level)
      .executeTakeFirst();
    const calibratedAt = calibration?.at ?? null;
    if (statisticsSeen !== undefined && statisticsSeen !== calibratedAt)
      throw fail.conflict(
        `题库的难度校准在您查看之后已更新（${calibratedAt ?? '无'}），请重新查看统计后再认证`,
        'calibration changed since it was viewed',
      );
    const settings = await getBankSettings({ db: trx });
    if (settings.excludeAuthors && snapshot.authors.has(by))
      throw fail.forbidden(
        `${by} 编写了本题库中的试题，按设置不能认证本题库`,
        'authors may not certify their own bank',
      );
    if (await hasCertified(trx, snapshot.hash, by))
      throw fail.conflict(`${by} 已认证过当前题库版本`, 'already certified this snapshot');
    await rememberSnapshot(trx, ctx, bank, snapshot.hash, snapshot.items);
    await insertCertification(trx, ctx, bank, {
      snapshot: snapshot.hash,
      assessor: by,
      certifiedAt: isoNow(ctx),
      comment,
    });
    await audit(trx, ctx, {
      actor: by,
      action: 'bank.certify',
      entity: 'bank',
      entityId: `${bank.occupationCode}/${bank.level}`,
      afterHash: snapshot.hash,
      detail: {
        comment,
        items: snapshot.items.length,
        statistics: { calibratedAt, calibrated: Number(calibration?.calibrated ?? 0) },
      },
    });
    return { snapshotHash: snapshot.hash };
  });
}
