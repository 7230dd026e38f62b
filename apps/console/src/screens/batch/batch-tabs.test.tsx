import { allows, type Relation, type Role } from '@kaowu/domain/browser';
import { cleanup, render } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { BATCH_TAB_ACTIONS, BATCH_TABS } from '../../permissions.ts';
import { signedInAs } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import type { BatchView } from '../../contract.ts';
import { BatchPage } from './BatchPage.tsx';

/** The demo's completed batch as the server sends it, with its staff and their duties. */
const batch: BatchView = {
  id: 'b1',
  planNumber: 'DEMO-2026-001',
  name: '电工（五级/初级工）',
  occupationCode: '6-31-01-03',
  level: 5,
  ticketPrefix: '2026001',
  sebRequired: false,
  showScore: false,
  webcamFrame: false,
  windows: [],
  rooms: [],
  staff: [
    { username: 'proctor_sun', name: '孙丽', duty: 'proctor', room: '01' },
    { username: 'assessor_chen', name: '陈立新', duty: 'assessor', room: null },
    { username: 'supervisor_qian', name: '钱敏', duty: 'supervisor', room: null },
  ],
  papers: [],
  warnings: [],
  stage: 'certified',
  candidateListUntil: null,
  occupationName: '电工',
};

/** Each person as the table sees them on this batch: roles, and relations from their duty (none for others). */
const PEOPLE: { username: string; roles: Role[]; relations: Relation[] }[] = [
  { username: 'admin', roles: ['administrator'], relations: [] },
  { username: 'expert_wang', roles: ['author'], relations: [] },
  { username: 'assessor_chen', roles: ['assessor'], relations: ['assessor'] },
  { username: 'proctor_sun', roles: ['proctor'], relations: ['proctor'] },
  { username: 'supervisor_qian', roles: [], relations: ['supervisor'] },
  { username: 'proctor_zhang', roles: ['proctor'], relations: [] },
];

/** Signs in as the person; the server knows the batch (b1) and nothing else. */
const signIn = (person: (typeof PEOPLE)[number]) => signedInAs(person, { 'GET /batches/b1': () => [200, batch] });

describe('the batch page shows each person exactly the tabs the permission table allows', () => {
  for (const person of PEOPLE)
    it(`${person.username}`, async () => {
      await signIn(person);
      const { findAllByRole } = render(routed(() => <BatchPage batchId="b1" tab="overview" />));
      const shown = (await findAllByRole('tab').catch(() => [])).map((t) => t.textContent);
      const names = {
        overview: '考场与名单',
        papers: '试卷',
        plan: '认定方案',
        results: '成绩与认定',
        supervision: '内部督导',
        stats: '统计分析',
        examday: '考务与考评表',
        external: '外督登记',
        timeline: '备案与归档',
      };
      const allowed = BATCH_TABS.filter((t) => allows(person, BATCH_TAB_ACTIONS[t])).map((t) => names[t]);
      expect(shown).toEqual(allowed);
    });

  it('anchors: a proctor sees no results or papers tab; a supervisor sees results', async () => {
    await signIn(PEOPLE.find((p) => p.username === 'proctor_sun')!);
    const proctor = render(routed(() => <BatchPage batchId="b1" tab="overview" />));
    const tabs = (await proctor.findAllByRole('tab')).map((t) => t.textContent);
    expect(tabs).toEqual(['考场与名单', '内部督导', '外督登记']);
    cleanup();
    vi.unstubAllGlobals();
    await signIn(PEOPLE.find((p) => p.username === 'supervisor_qian')!);
    const supervisor = render(routed(() => <BatchPage batchId="b1" tab="overview" />));
    expect((await supervisor.findAllByRole('tab')).map((t) => t.textContent)).toContain('成绩与认定');
  });
});
