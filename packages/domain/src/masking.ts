import { z } from 'zod';

/**
 * How personal data is masked in public lists (公示信息脱敏). Defaults: ID first 6 + last 4
 * (`440308********1234`), name first character + one mask per remaining character (`张**`).
 */
export const maskingSettings = z
  .strictObject({
    idKeepStart: z.number().int().min(0).default(6),
    idKeepEnd: z.number().int().min(0).default(4),
    nameKeepStart: z.number().int().min(0).default(1),
    nameKeepEnd: z.number().int().min(0).default(0),
    maskChar: z.string().length(1).default('*'),
  })
  // The birth date (digits 7–14) must never show, whatever the enterprise chooses.
  .refine((s) => s.idKeepStart <= 6 && s.idKeepEnd <= 4, {
    message: '身份证号最多保留前 6 位和后 4 位，出生日期必须隐藏',
  });
export type { MaskingSettings } from './mask.ts';
export { DEFAULT_MASKING, maskIdNumber, maskName } from './mask.ts';
