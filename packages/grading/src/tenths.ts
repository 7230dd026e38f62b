/**
 * Scores are carried as whole tenths of a point (78.5 → 785) so that sums, weighted sums and pass-line
 * comparisons are exact integer arithmetic; binary floating point would turn 59.95 into 59.9499….
 */

/** Tenths of a score already written to one decimal (the precision every score in Kaowu is kept at). */
export const toTenths = (score: number): number => Math.round(score * 10);

export const fromTenths = (tenths: number): number => tenths / 10;

/** True when the score has at most one decimal (allowing for the float error of parsing such a number). */
export const hasTenthsPrecision = (score: number): boolean => Math.abs(score * 10 - Math.round(score * 10)) < 1e-6;

/** numerator / denominator rounded half up, for non-negative integers (the national 四舍五入). */
export const divideHalfUp = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

/** 58 → "58.0": scores always print with their one decimal. */
export const formatScore = (score: number): string => score.toFixed(1);

/** Pass lines print as written: 60 → "60", 59.5 → "59.5". */
export const formatLine = (line: number): string => (Number.isInteger(line) ? String(line) : line.toFixed(1));
