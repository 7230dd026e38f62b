import { allows, bankRelations, type Role } from '@kaowu/domain/browser';
import { cleanup, render } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { BANK_TAB_ACTIONS, BANK_TABS } from '../../permissions.ts';
import { signedInAs } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import type { BankStatus } from '../../contract.ts';
import { BankPage } from './BankPage.tsx';
import { CertificationPage } from './CertificationPage.tsx';

const OCCUPATION = '6-31-01-03';
const bank = { occupationCode: OCCUPATION, level: 5 } as const;

/** Each person as /staff/me answers: roles, and the occupations they are registered assessors for. */
const PEOPLE: { username: string; roles: Role[]; registrations: string[] }[] = [
  { username: 'admin', roles: ['administrator'], registrations: [] },
  { username: 'expert_wang', roles: ['author'], registrations: [] },
  { username: 'assessor_chen', roles: ['assessor'], registrations: [OCCUPATION] },
  { username: 'assessor_elsewhere', roles: ['assessor'], registrations: ['4-07-05-01'] },
  { username: 'proctor_sun', roles: ['proctor'], registrations: [] },
];
const NAMES = { items: '试题', import: '导入导出', review: '审核', certification: '题库难度认证', stats: '统计分析' };

/** Signs in as the person; every other request stays unanswered (the tabs do not wait for the bank's data). */
const signIn = (person: (typeof PEOPLE)[number]) => signedInAs(person, {}, { unanswered: 'pending' });

const subject = (person: (typeof PEOPLE)[number]) => ({
  roles: person.roles,
  relations: bankRelations(person.roles, person.registrations, OCCUPATION),
});

describe('the bank page shows each person exactly the tabs the permission table allows', () => {
  for (const person of PEOPLE)
    it(`${person.username}`, async () => {
      await signIn(person);
      const { queryAllByRole } = render(routed(() => <BankPage bank={bank} label="电工 五级" tab="items" />));
      const shown = queryAllByRole('tab').map((t) => t.textContent);
      const allowed = BANK_TABS.filter((t) => BANK_TAB_ACTIONS[t].some((a) => allows(subject(person), a))).map(
        (t) => NAMES[t],
      );
      expect(shown).toEqual(allowed);
    });

  it('anchors: an administrator exports but does not import; an assessor reviews', async () => {
    await signIn(PEOPLE[0]!);
    const admin = render(routed(() => <BankPage bank={bank} label="电工 五级" tab="import" />));
    expect(admin.queryAllByRole('tab').map((t) => t.textContent)).toEqual([
      '试题',
      '导入导出',
      '题库难度认证',
      '统计分析',
    ]);
    expect(admin.queryByRole('button', { name: '导出全部试题' })).not.toBeNull();
    expect(admin.queryByRole('button', { name: '导入' })).toBeNull();
    cleanup();
    vi.unstubAllGlobals();
    await signIn(PEOPLE[2]!);
    const assessor = render(routed(() => <BankPage bank={bank} label="电工 五级" tab="items" />));
    expect(assessor.queryAllByRole('tab').map((t) => t.textContent)).toContain('审核');
  });
});

/** A bank status as the server sends it (an empty bank: nothing approved, nothing certified). */
const status: BankStatus = {
  bank: { ...bank, occupationName: '电工' },
  snapshotHash: 'a'.repeat(64),
  coverage: {
    approved: 0,
    minItems: 600,
    areas: [],
    points: [],
    uncoveredPoints: [],
    byType: { single: 0, multiple: 0, true_false: 0 },
    byDifficulty: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    blockers: [],
  },
  certification: { certified: false, required: 3, counting: 0, certifications: [] },
  release: null,
  ready: false,
};

describe('the difficulty sign-off shows to the assessors registered for the occupation only (bank.certify)', () => {
  for (const person of PEOPLE)
    it(`${person.username}`, async () => {
      await signIn(person);
      const { queryByRole } = render(() => (
        <CertificationPage bank={bank} status={status} onCertified={() => undefined} />
      ));
      const shown = queryByRole('button', { name: '签署题库难度认证' }) !== null;
      expect(shown).toBe(allows(subject(person), 'bank.certify'));
    });
});
