import { describe, expect, it } from 'vitest';
import { reconcileEntries, type ScoreEntry } from './index.ts';

const entry = (by: string, value: number | 'absent', candidateId = 'c1'): ScoreEntry => ({
  candidateId,
  field: '实操成绩',
  by,
  kind: 'entry',
  value,
});
const confirm = (by: string, candidateId = 'c1'): ScoreEntry => ({
  candidateId,
  field: '实操成绩',
  by,
  kind: 'confirmation',
});
const names = { u1: '录入员甲', u2: '复核员乙' };

describe('two-person score entry (双人复核)', () => {
  it('makes a score final when a second person enters the same value', () => {
    const r = reconcileEntries([entry('u1', 78.5), entry('u2', 78.5)]);
    expect(r.final).toEqual([{ candidateId: 'c1', field: '实操成绩', value: 78.5, people: ['u1', 'u2'] }]);
    expect(r.mismatches).toEqual([]);
  });

  it('lists a mismatch with both values and keeps it out of the final scores', () => {
    const r = reconcileEntries([entry('u1', 78.5), entry('u2', 87.5)], names);
    expect(r.final).toEqual([]);
    expect(r.mismatches).toEqual([
      {
        candidateId: 'c1',
        field: '实操成绩',
        values: [
          { by: 'u1', value: 78.5 },
          { by: 'u2', value: 87.5 },
        ],
        message: '实操成绩两次录入不一致：录入员甲录入 78.5，复核员乙录入 87.5',
      },
    ]);
  });

  it('resolves a mismatch once a person corrects their own entry', () => {
    const r = reconcileEntries([entry('u1', 78.5), entry('u2', 87.5), entry('u2', 78.5)]);
    expect(r.final.map((f) => f.value)).toEqual([78.5]);
  });

  it('does not count the same person entering twice as a second entry', () => {
    const r = reconcileEntries([entry('u1', 78.5), entry('u1', 78.5), confirm('u1')]);
    expect(r.final).toEqual([]);
    expect(r.awaiting).toEqual([{ candidateId: 'c1', field: '实操成绩', by: 'u1', value: 78.5 }]);
  });

  it('accepts a confirmation by a different person, but not one made before the entry changed', () => {
    expect(reconcileEntries([entry('u1', 'absent'), confirm('u2')]).final).toEqual([
      { candidateId: 'c1', field: '实操成绩', value: 'absent', people: ['u1', 'u2'] },
    ]);
    const stale = reconcileEntries([entry('u1', 70), confirm('u2'), entry('u1', 75)]);
    expect(stale.final).toEqual([]);
    expect(stale.awaiting).toHaveLength(1);
  });

  it('keeps candidates and fields apart', () => {
    const r = reconcileEntries([
      entry('u1', 60, 'c1'),
      entry('u1', 61, 'c2'),
      entry('u2', 60, 'c1'),
      entry('u2', 62, 'c2'),
    ]);
    expect(r.final.map((f) => f.candidateId)).toEqual(['c1']);
    expect(r.mismatches.map((m) => m.candidateId)).toEqual(['c2']);
  });
});
