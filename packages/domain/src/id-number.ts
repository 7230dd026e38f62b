/** Resident ID numbers under GB 11643-1999: 17 digits, a check character, birth date and sex inside. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type Sex = 'male' | 'female';
export const SEX_NAMES: Readonly<Record<Sex, string>> = { male: '男', female: '女' };

export interface IdNumberInfo {
  readonly normalized: string;
  readonly birthDate: string; // YYYY-MM-DD
  readonly sex: Sex;
}

export type IdNumberResult = { ok: true; info: IdNumberInfo } | { ok: false; message: string };

export function parseIdNumber(raw: string): IdNumberResult {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号应为 18 位（前 17 位数字，末位数字或 X）' };
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return { ok: false, message: '身份证号校验位不正确' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, message: '身份证号中的出生日期无效' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { ok: true, info: { normalized: id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' } };
}
