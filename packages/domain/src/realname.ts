/**
 * 实名制 and accommodations in words (issue 17): the proctor's 实名核验 per seat, the webcam frame at 开始答题,
 * and what an accommodation grants. Browser-safe: the board, the exam client and the print pages share them.
 */

/** The proctor's 实名核验 of a seat; no record means not yet checked. */
export const IDENTITY_CHECK_NAMES = { checked: '已核验', mismatch: '人证不符' } as const;
export type IdentityCheckStatus = keyof typeof IDENTITY_CHECK_NAMES;
export const IDENTITY_UNCHECKED = '未核验';

/** What became of the webcam frame at 开始答题. */
export const START_FRAME_NAMES = {
  captured: '已拍照',
  refused: '考生未同意拍照',
  unavailable: '无法使用摄像头',
} as const;
export type StartFrameOutcome = keyof typeof START_FRAME_NAMES;

/** Extra time and a large default font for one candidate. */
export interface Accommodation {
  /** Minutes added after the multiplier (0–600). */
  readonly extraMinutes: number;
  /** The paper's minutes are multiplied by it (1–3; 1: none). */
  readonly timeFactor: number;
  readonly largeFont: boolean;
}

export const NO_ACCOMMODATION: Accommodation = { extraMinutes: 0, timeFactor: 1, largeFont: false };
export const ACCOMMODATION_LIMITS = { maxExtraMinutes: 600, maxFactor: 3 } as const;

/** The minutes a candidate has for a paper of `paperMinutes`: multiplied, then the extra minutes added. */
export const accommodatedMinutes = (paperMinutes: number, a: Accommodation): number =>
  Math.round(paperMinutes * a.timeFactor) + a.extraMinutes;

/** An accommodation in words for the seat tile and print pages ('' when there is none). */
export function accommodationText(a: Accommodation): string {
  const parts: string[] = [];
  if (a.timeFactor !== 1) parts.push(`时间 ×${a.timeFactor}`);
  if (a.extraMinutes > 0) parts.push(`延时 ${a.extraMinutes} 分钟`);
  if (a.largeFont) parts.push('大字号');
  return parts.join('，');
}
