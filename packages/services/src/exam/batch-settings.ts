import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../audit/writer.ts';
import { fail } from '../shared/failures.ts';
import { KaowuError } from '@kaowu/domain';
import type { ExamRuntime } from './runtime.ts';
import { authorize } from '../shared/authorize.ts';

/** An SEB Config Key is the hex SHA-256 SEB shows for a configuration; accepted in either case, stored lower. */
export const sebConfigKey = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{64}$/, { message: 'SEB 配置密钥（Config Key）应为 64 位十六进制字符' })
  .transform((s) => s.toLowerCase());

export const batchSettingsInput = z.strictObject({
  /** Null turns Safe Exam Browser off for the batch. */
  sebConfigKey: sebConfigKey.nullable().optional(),
  /** Whether candidates see their theory score on the finished screen. */
  showScore: z.boolean().optional(),
  /** Whether the exam client takes one webcam frame at 开始答题, with the candidate's consent (issue 17). */
  webcamFrame: z.boolean().optional(),
});
export type BatchSettingsInput = z.input<typeof batchSettingsInput>;

/** What candidate requests need to know about their batch, cached per batch in the runtime. */
export interface BatchSettings {
  readonly sebConfigKey: string | null;
  readonly showScore: boolean;
  readonly webcamFrame: boolean;
}

/** Reads in flight per runtime and batch: a room logging in at once, on a cold cache, shares one. */
const reading = new WeakMap<ExamRuntime, Map<string, { generation: number; read: Promise<BatchSettings> }>>();

export async function batchSettings(rt: ExamRuntime, batchId: string): Promise<BatchSettings> {
  const cached = rt.batchSettings.get(batchId);
  if (cached) return cached;
  const generation = rt.batchSettings.generation;
  let inFlight = reading.get(rt);
  if (inFlight === undefined) reading.set(rt, (inFlight = new Map()));
  // A read begun since the last change is as fresh as a new one.
  const pending = inFlight.get(batchId);
  if (pending !== undefined && pending.generation === generation) return pending.read;
  const read = readBatchSettings(rt, batchId, generation);
  inFlight.set(batchId, { generation, read });
  try {
    return await read;
  } finally {
    if (inFlight.get(batchId)?.read === read) inFlight.delete(batchId);
  }
}

async function readBatchSettings(rt: ExamRuntime, batchId: string, generation: number): Promise<BatchSettings> {
  const row = await rt.ctx.db
    .selectFrom('batches')
    .select(['seb_config_key', 'show_score', 'webcam_frame'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!row) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  const settings: BatchSettings = {
    sebConfigKey: row.seb_config_key,
    showScore: row.show_score === 1,
    webcamFrame: row.webcam_frame === 1,
  };
  // Changed (here or on another server) while this was read: use it for this request, read again for the next.
  if (rt.batchSettings.generation === generation) rt.batchSettings.set(batchId, settings);
  return settings;
}

/** Changes a batch's Safe Exam Browser key and score display. Administrators only; audited (the key itself is not). */
export async function updateBatchSettings(
  rt: ExamRuntime,
  by: string,
  batchId: string,
  raw: BatchSettingsInput,
): Promise<BatchSettings> {
  const { ctx } = rt;
  await authorize(ctx, by, 'batch.manage', { batchId });
  const input = batchSettingsInput.parse(raw);
  const exists = await ctx.db.selectFrom('batches').select('id').where('id', '=', batchId).executeTakeFirst();
  if (!exists) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  const set = {
    ...(input.sebConfigKey !== undefined ? { seb_config_key: input.sebConfigKey } : {}),
    ...(input.showScore !== undefined ? { show_score: input.showScore ? 1 : 0 } : {}),
    ...(input.webcamFrame !== undefined ? { webcam_frame: input.webcamFrame ? 1 : 0 } : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (Object.keys(set).length > 0) await trx.updateTable('batches').set(set).where('id', '=', batchId).execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.settings',
      entity: 'batch',
      entityId: batchId,
      detail: {
        ...(input.sebConfigKey !== undefined ? { seb: input.sebConfigKey !== null } : {}),
        ...(input.showScore !== undefined ? { showScore: input.showScore } : {}),
        ...(input.webcamFrame !== undefined ? { webcamFrame: input.webcamFrame } : {}),
      },
    });
  });
  rt.batchSettings.forget(batchId);
  return batchSettings(rt, batchId);
}

/** The request as Safe Exam Browser signs it: the absolute URL (no fragment) and the header it sent. */
export interface SebRequest {
  readonly url: string;
  readonly configKeyHash: string | undefined;
}

/**
 * What SEB sends in X-SafeExamBrowser-ConfigKeyHash:
 * hex SHA-256 of the absolute URL without fragment + the Config Key.
 */
export function sebConfigKeyHash(url: string, configKey: string): string {
  const absolute = url.split('#', 1)[0]!;
  return createHash('sha256')
    .update(absolute + configKey)
    .digest('hex');
}

/** Refuses (403 seb_required) a request to a batch with an SEB Config Key unless it carries the matching hash. */
export async function requireSafeExamBrowser(rt: ExamRuntime, batchId: string, request: SebRequest): Promise<void> {
  checkSafeExamBrowser((rt.batchSettings.get(batchId) ?? (await batchSettings(rt, batchId))).sebConfigKey, request);
}

/** requireSafeExamBrowser's check once the batch's Config Key (or null: none) is known. */
export function checkSafeExamBrowser(key: string | null, request: SebRequest): void {
  if (key === null) return;
  const expected = Buffer.from(sebConfigKeyHash(request.url, key), 'hex');
  const sent = /^[0-9A-Fa-f]{64}$/.test(request.configKeyHash ?? '')
    ? Buffer.from(request.configKeyHash!, 'hex')
    : undefined;
  if (sent === undefined || !timingSafeEqual(sent, expected))
    throw new KaowuError(
      'seb_required',
      '本场考试须使用安全考试浏览器（Safe Exam Browser）并载入考点提供的配置，请联系监考员',
      'a valid X-SafeExamBrowser-ConfigKeyHash is required',
    );
}
