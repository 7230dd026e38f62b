/** Masking of personal data in public lists (公示信息脱敏), schema-free so front ends can use it too. */
export interface MaskingSettings {
  readonly idKeepStart: number;
  readonly idKeepEnd: number;
  readonly nameKeepStart: number;
  readonly nameKeepEnd: number;
  readonly maskChar: string;
}

export const DEFAULT_MASKING: MaskingSettings = {
  idKeepStart: 6,
  idKeepEnd: 4,
  nameKeepStart: 1,
  nameKeepEnd: 0,
  maskChar: '*',
};

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
