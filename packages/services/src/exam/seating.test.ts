import { describe, expect, it } from 'vitest';
import { formForSeat, neighbours, seatRows, staffingWarnings } from './seating.ts';

describe('seat plans', () => {
  it('gives every neighbour (beside, in front, behind) a different form with A/B', () => {
    for (const columns of [5, 6]) {
      for (let seat = 1; seat <= 30; seat++)
        for (const other of neighbours(seat, columns, 30))
          expect(formForSeat(seat, columns, ['A', 'B'])).not.toBe(formForSeat(other, columns, ['A', 'B']));
    }
  });

  it('uses a single form everywhere when only one paper is attached, and none without papers', () => {
    expect(formForSeat(7, 6, ['A'])).toBe('A');
    expect(formForSeat(7, 6, [])).toBeNull();
  });

  it('lays the room out row by row from the front, the last row as full as the seats allow', () => {
    expect(seatRows(8, 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });
});

describe('staffing warnings', () => {
  it('warns when a room has fewer than 2 proctors or fewer than 1 per 15 candidates, and about supervisors', () => {
    const w = staffingWarnings(
      [
        { code: '01', candidates: 10, proctors: 1 },
        { code: '02', candidates: 31, proctors: 2 },
        { code: '03', candidates: 30, proctors: 2 },
      ],
      1,
    );
    expect(w).toHaveLength(3);
    expect(w[0]).toContain('考场 01');
    expect(w[1]).toContain('应至少 3 名');
    expect(w[2]).toContain('内部督导员');
  });
});
