import { describe, expect, it } from 'vitest';
import { ACTIONS, allows, PERMISSIONS, whoMay } from './permissions.ts';

describe('the permission table', () => {
  it('lets a batch supervisor read results, publicity and certificates but never write scores', () => {
    const supervisor = { roles: [], relations: ['supervisor'] as const };
    expect(allows(supervisor, 'results.read')).toBe(true);
    expect(allows(supervisor, 'publicity.read')).toBe(true);
    expect(allows(supervisor, 'certificate.read')).toBe(true);
    expect(allows(supervisor, 'audit.read')).toBe(true);
    expect(allows(supervisor, 'results.write')).toBe(false);
  });

  it('keeps papers for administrators and results away from proctors', () => {
    const proctor = { roles: ['proctor'] as const, relations: ['proctor'] as const };
    expect(allows(proctor, 'room.run')).toBe(true);
    expect(allows(proctor, 'results.read')).toBe(false);
    expect(allows(proctor, 'paper.read')).toBe(false);
    expect(allows({ roles: ['administrator'] }, 'paper.read')).toBe(true);
    expect(allows({ roles: ['author', 'assessor', 'proctor'] }, 'paper.read')).toBe(false);
  });

  it('grants a duty only through a relation to the scope, not through the role of the same name', () => {
    expect(allows({ roles: ['assessor'] }, 'results.read')).toBe(false);
    expect(allows({ roles: ['assessor'] }, 'bank.certify')).toBe(false);
    expect(allows({ roles: ['assessor'], relations: ['registered'] }, 'bank.certify')).toBe(true);
  });

  it('names who may do every action', () => {
    for (const action of ACTIONS) expect(whoMay(action).length, action).toBeGreaterThan(0);
    expect(PERMISSIONS['room.run'].scope).toBe('room');
    expect(whoMay('results.read')).toBe('考务管理员或本批次的考评员、内部督导员');
  });
});
