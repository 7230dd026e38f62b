/**
 * Seat plans. Seats are numbered from 1, row by row, `columns` to a row. Forms follow a checkerboard, so the
 * candidates beside, in front of and behind anyone hold a different form whenever there are two or more.
 */
export function seatPosition(seat: number, columns: number): { row: number; column: number } {
  return { row: Math.floor((seat - 1) / columns), column: (seat - 1) % columns };
}

/** Seat numbers row by row (front row first): how a seating chart lays the room out. */
export function seatRows(seats: number, columns: number): number[][] {
  const rows: number[][] = [];
  for (let seat = 1; seat <= seats; seat++) (rows[seatPosition(seat, columns).row] ??= []).push(seat);
  return rows;
}

export function formForSeat(seat: number, columns: number, forms: readonly string[]): string | null {
  if (forms.length === 0) return null;
  const { row, column } = seatPosition(seat, columns);
  return forms[(row + column) % forms.length] ?? null;
}

/** Seats beside, in front and behind (for tests and the printed plan). */
export function neighbours(seat: number, columns: number, seats: number): number[] {
  const { row, column } = seatPosition(seat, columns);
  const out: number[] = [];
  if (column > 0) out.push(seat - 1);
  if (column < columns - 1 && seat + 1 <= seats) out.push(seat + 1);
  if (row > 0) out.push(seat - columns);
  if (seat + columns <= seats) out.push(seat + columns);
  return out;
}

export interface StaffingRoom {
  readonly code: string;
  readonly candidates: number;
  readonly proctors: number;
}

export interface StaffingRules {
  readonly minProctorsPerRoom: number;
  readonly candidatesPerProctor: number;
  readonly minSupervisors: number;
}

/** National conventions: ≥ 2 proctors per theory room and ≥ 1 per 15 candidates; ≥ 2 internal supervisors. */
export const STAFFING_RULES: StaffingRules = { minProctorsPerRoom: 2, candidatesPerProctor: 15, minSupervisors: 2 };

/** Warnings, not errors: a plan may be saved while staff are still being found. */
export function staffingWarnings(
  rooms: readonly StaffingRoom[],
  supervisors: number,
  rules: StaffingRules = STAFFING_RULES,
): string[] {
  const warnings: string[] = [];
  for (const room of rooms) {
    const needed = Math.max(rules.minProctorsPerRoom, Math.ceil(room.candidates / rules.candidatesPerProctor));
    if (room.proctors < needed) {
      const why =
        room.proctors < rules.minProctorsPerRoom
          ? `每个考场至少 ${rules.minProctorsPerRoom} 名监考`
          : `每 ${rules.candidatesPerProctor} 名考生至少 1 名监考（${room.candidates} 名考生）`;
      warnings.push(`考场 ${room.code} 只有 ${room.proctors} 名监考，应至少 ${needed} 名：${why}`);
    }
  }
  if (supervisors < rules.minSupervisors)
    warnings.push(`内部督导员只有 ${supervisors} 名，应至少 ${rules.minSupervisors} 名`);
  return warnings;
}
