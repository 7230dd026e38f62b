import { describe, expect, it } from 'vitest';
import { draftOf, normalised, toggled } from './draft.ts';

describe('the supervision draft', () => {
  it('ticks and unticks checklist items in order; unticking the last leaves "nothing executed", not unassessed', () => {
    expect(toggled(undefined, 2, true)).toEqual([2]);
    expect(toggled([3, 0], 1, true)).toEqual([0, 1, 3]);
    expect(toggled([1], 1, false)).toEqual([]);
  });

  it('tells unsaved changes apart from the same report written another way', () => {
    const saved = {
      supervisedOn: '2026-11-02',
      supervisorUnit: '质量管理部',
      answers: { room_setup: [0, 2], scope: 0 },
      vetoes: ['leak', 'disorder'],
      opinion: '良好',
    };
    const same = {
      ...draftOf(saved),
      answers: { scope: 0, room_setup: [2, 0] },
      vetoes: ['disorder', 'leak'],
      supervisorUnit: ' 质量管理部 ',
    };
    expect(normalised(same)).toBe(normalised(draftOf(saved)));
    expect(normalised({ ...same, answers: { scope: 1, room_setup: [2, 0] } })).not.toBe(normalised(draftOf(saved)));
    expect(draftOf(null)).toMatchObject({
      supervisorUnit: '',
      answers: {},
      vetoes: [],
      supervisedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });
});
