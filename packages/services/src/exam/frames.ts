import { START_FRAME_NAMES, type StartFrameOutcome } from '@kaowu/domain';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { ownAttempt, type CandidateAuth } from './attempts.ts';
import { batchSettings } from './batch-settings.ts';
import { preparePhoto, type Photo } from './photos.ts';
import type { ExamRuntime } from './runtime.ts';

export const noFrameInput = z.strictObject({
  outcome: z.enum(['refused', 'unavailable'] as const satisfies readonly Exclude<StartFrameOutcome, 'captured'>[], {
    message: '应为 refused（未同意）或 unavailable（无法使用摄像头）',
  }),
  /** What the browser said (NotAllowedError, NotFoundError…), for the proctor. */
  reason: z.string().trim().max(200).optional(),
});
export type NoFrameInput = z.input<typeof noFrameInput>;

/**
 * The webcam frame at 开始答题 (batches with 开考拍照 on): one picture with the candidate's consent, checked like a
 * roster photo and kept beside it for the proctor to compare — or the reason there is none (refused, or no camera),
 * which the proctor sees on the seat tile and in the room's trail and decides on. Nothing here blocks the exam,
 * and nothing compares faces: a person makes the check. A later frame (a retry, another device) replaces it.
 */
export async function saveStartFrame(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
  frame: { readonly mime: string; readonly data: Uint8Array } | NoFrameInput,
): Promise<{ outcome: StartFrameOutcome }> {
  const attempt = ownAttempt(auth, attemptId);
  if (!(await batchSettings(rt, attempt.batchId)).webcamFrame)
    throw fail.conflict('本场考试不需要开考拍照', 'the batch takes no webcam frame');
  let row: { outcome: StartFrameOutcome; mime: string | null; data: Uint8Array | null; reason: string | null };
  if ('data' in frame) {
    const ext = frame.mime === 'image/png' ? 'png' : 'jpg';
    const photo: Photo | string = await preparePhoto(`frame.${ext}`, frame.data);
    if (typeof photo === 'string') throw fail.invalid(photo, 'bad webcam frame');
    row = { outcome: 'captured', mime: photo.mime, data: photo.data, reason: null };
  } else {
    const input = noFrameInput.parse(frame);
    row = { outcome: input.outcome, mime: null, data: null, reason: input.reason || null };
  }
  const at = rt.ctx.now().toISOString();
  await rt.commit.write(async (trx) => {
    const ticket = await trx
      .selectFrom('candidates')
      .select('ticket')
      .where('id', '=', attempt.candidateId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('start_frames')
      .values({ candidate_id: attempt.candidateId, ...row, at })
      .onConflict((oc) => oc.column('candidate_id').doUpdateSet({ ...row, at }))
      .execute();
    await audit(trx, rt.ctx, {
      actor: `candidate:${ticket.ticket}`,
      action: 'attempt.frame',
      entity: 'attempt',
      entityId: attempt.id,
      detail: { outcome: row.outcome, text: START_FRAME_NAMES[row.outcome], reason: row.reason },
    });
  });
  rt.hub.changed(attempt.roomId);
  return { outcome: row.outcome };
}

/** The webcam frame of a candidate, for the room's proctors (beside the roster photo on the seat tile). */
export async function startFrame(ctx: ServiceContext, by: string, candidateId: string): Promise<Photo> {
  const row = await ctx.db
    .selectFrom('candidates as c')
    .leftJoin('start_frames as f', 'f.candidate_id', 'c.id')
    .select(['c.room_id', 'c.ticket', 'f.mime', 'f.data'])
    .where('c.id', '=', candidateId)
    .executeTakeFirst();
  if (!row) throw fail.notFound(`考生 ${candidateId} 不存在`, `no candidate ${candidateId}`);
  await authorize(ctx, by, 'room.run', { roomId: row.room_id });
  if (!row.mime || !row.data) throw fail.notFound(`考生 ${row.ticket} 没有开考拍照`, 'no webcam frame');
  return { mime: row.mime, data: new Uint8Array(row.data) };
}
