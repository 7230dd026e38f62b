import { IDENTITY_CHECK_NAMES, type IdentityCheckStatus } from '@kaowu/domain';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';
import type { ExamRuntime } from './runtime.ts';

export const identityCheckInput = z
  .strictObject({
    status: z.enum(Object.keys(IDENTITY_CHECK_NAMES) as [IdentityCheckStatus, ...IdentityCheckStatus[]], {
      message: '核验结果应为 checked（已核验）或 mismatch（人证不符）',
    }),
    note: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.status !== 'mismatch' || (v.note ?? '') !== '', {
    message: '人证不符时请写明不符之处',
    path: ['note'],
  });
export type IdentityCheckInput = z.input<typeof identityCheckInput>;

/**
 * The proctor's 实名核验 of one seat: the person, their 身份证 and the roster photo agree (checked), or they do not
 * (mismatch: also recorded as an incident of the room, with the note, so it is in the room's trail and the
 * incident list). A later check replaces the earlier one; every check is audited. A person makes the check: the
 * server compares nothing.
 */
export async function checkIdentity(
  rt: ExamRuntime,
  by: string,
  candidateId: string,
  input: IdentityCheckInput,
): Promise<{ status: IdentityCheckStatus; incidentId: string | null }> {
  const { status, note } = identityCheckInput.parse(input);
  const candidate = await rt.ctx.db
    .selectFrom('candidates')
    .select(['room_id', 'ticket', 'name'])
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!candidate) throw fail.notFound(`考生 ${candidateId} 不存在`, `no candidate ${candidateId}`);
  await authorize(rt.ctx, by, 'room.run', { roomId: candidate.room_id });
  const at = rt.ctx.now().toISOString();
  const incidentId = status === 'mismatch' ? rt.ctx.newId() : null;
  await rt.commit.write(async (trx) => {
    const row = { candidate_id: candidateId, status, note: note || null, checked_by: by, checked_at: at };
    await trx
      .insertInto('identity_checks')
      .values(row)
      .onConflict((oc) =>
        oc.column('candidate_id').doUpdateSet({ status, note: row.note, checked_by: by, checked_at: at }),
      )
      .execute();
    await audit(trx, rt.ctx, {
      actor: by,
      action: 'candidate.identity',
      entity: 'candidate',
      entityId: candidateId,
      detail: { ticket: candidate.ticket, status, note: row.note, incident: incidentId },
    });
    if (incidentId === null) return;
    const text = `实名核验：${candidate.ticket} ${candidate.name} ${IDENTITY_CHECK_NAMES.mismatch}。${note}`;
    await trx
      .insertInto('incidents')
      .values({
        id: incidentId,
        room_id: candidate.room_id,
        candidate_id: candidateId,
        note: text,
        recorded_by: by,
        recorded_at: at,
      })
      .execute();
    await audit(trx, rt.ctx, {
      actor: by,
      action: 'room.incident',
      entity: 'room',
      entityId: candidate.room_id,
      detail: { incident: incidentId, candidate: candidateId },
    });
  });
  rt.hub.changed(candidate.room_id);
  return { status, incidentId };
}
