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
  .refine((s) => s.idKeepStart <= 6 && s.idKeepEnd <= 4, { message: '身份证号最多保留前 6 位和后 4 位，出生日期必须隐藏' });
export type MaskingSettings = z.infer<typeof maskingSettings>;

export const DEFAULT_MASKING: MaskingSettings = { idKeepStart: 6, idKeepEnd: 4, nameKeepStart: 1, nameKeepEnd: 0, maskChar: '*' };

function mask(chars: readonly string[], keepStart: number, keepEnd: number, maskChar: string): string {
  // Never reveal the whole value: a short value keeps less than the settings allow.
  const start = Math.min(keepStart, Math.max(0, chars.length - 1));
  const end = Math.min(keepEnd, Math.max(0, chars.length - 1 - start));
  const hidden = chars.length - start - end;
  return chars.slice(0, start).join('') + maskChar.repeat(hidden) + chars.slice(chars.length - end).join('');
}

export function maskIdNumber(idNumber: string, settings: MaskingSettings = DEFAULT_MASKING): string {
  return mask([...idNumber.trim().toUpperCase()], settings.idKeepStart, settings.idKeepEnd, settings.maskChar);
}

/** Counts characters, not UTF-16 units, so rare characters outside the BMP (e.g. 𠮷) mask as one. */
export function maskName(name: string, settings: MaskingSettings = DEFAULT_MASKING): string {
  return mask([...name.trim()], settings.nameKeepStart, settings.nameKeepEnd, settings.maskChar);
}
