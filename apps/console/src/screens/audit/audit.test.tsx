import { fireEvent, render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { restore } from '../../session.ts';
import { fakeServer } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import { apiQuery, filterFromParams, paramsOf, verificationText, whoText } from './audit-filter.ts';
import { AuditPage } from './AuditPage.tsx';
import type { AuditRecord } from './types.ts';

const record = (seq: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  seq,
  at: '2026-09-22T01:03:05.000Z',
  actor: { username: 'proctor_sun', displayName: '孙监考', ticket: null },
  action: 'room.pause',
  actionLabel: '全场暂停',
  entity: 'room',
  entityLabel: '考场',
  entityId: 'r1',
  subject: '考场 01 第一考场',
  detail: { minutes: 5 },
  summary: '分钟：5',
  beforeHash: null,
  afterHash: null,
  hash: `${String(seq).padStart(4, '0')}${'a'.repeat(60)}`,
  prevHash: 'b'.repeat(64),
  ...over,
});

describe('the filter in the address', () => {
  it('reads the address, turns Beijing days into instants (both days included) and drops empty fields', () => {
    const form = filterFromParams({
      batch: 'DEMO-1',
      action: 'results.',
      from: '2026-09-22',
      to: '2026-09-22',
      actor: '',
      other: 'x',
    });
    expect(form).toMatchObject({
      batch: 'DEMO-1',
      action: 'results.',
      from: '2026-09-22',
      to: '2026-09-22',
      actor: '',
      text: '',
    });
    expect(Object.fromEntries(new URLSearchParams(apiQuery(form, { before: 41 })))).toEqual({
      batch: 'DEMO-1',
      action: 'results.',
      from: '2026-09-21T16:00:00.000Z',
      to: '2026-09-22T16:00:00.000Z',
      before: '41',
    });
    expect(paramsOf(form)).toMatchObject({ batch: 'DEMO-1', actor: undefined, text: undefined });
    expect(apiQuery(filterFromParams({ from: 'yesterday' }))).toBe('');
  });

  it('names who acted: staff as the room board does, a candidate by name and 准考证号, the system', () => {
    expect(whoText(record(1))).toBe('孙监考（proctor_sun）');
    expect(
      whoText(record(1, { actor: { username: 'candidate:2026001', displayName: '张三', ticket: '2026001' } })),
    ).toBe('考生 张三（2026001）');
    // A submission is recorded under the candidate's id: the server names them by their ticket all the same.
    expect(whoText(record(1, { actor: { username: 'candidate:c-77', displayName: '李四', ticket: '2026002' } }))).toBe(
      '考生 李四（2026002）',
    );
    expect(whoText(record(1, { actor: { username: 'system', displayName: null, ticket: null } }))).toBe('系统');
  });

  it('says whether the chain is intact, or which record broke it', () => {
    expect(verificationText({ records: 120, broken: null })).toEqual({
      intact: true,
      text: '审计链完整：共 120 条记录，逐条核对校验码无误',
    });
    expect(verificationText({ records: 7, broken: { seq: 7, reason: '第 7 条记录的内容已被篡改' } }).text).toMatch(
      /^审计链不完整：第 7 条被改动或删除（第 7 条记录的内容已被篡改）/,
    );
  });
});

const vocabulary = {
  actionGroups: [{ prefix: 'room.', label: '考场' }],
  actions: [{ action: 'room.pause', label: '全场暂停' }],
  entities: [{ entity: 'room', label: '考场' }],
};
const admin = { username: 'admin', displayName: '管理员', roles: ['administrator'], registrations: [], csrfToken: 't' };

describe('the audit page', () => {
  it('lists records in words, loads older ones, and verifies the chain', async () => {
    const calls = fakeServer(({ path }) => {
      if (path === '/staff/me') return [200, admin];
      if (path === '/audit/labels') return [200, vocabulary];
      if (path === '/batches') return [200, []];
      if (path === '/audit/verify') return [200, { records: 3, broken: null }];
      if (path.startsWith('/audit?before=2')) return [200, { records: [record(1)], next: null, limitedTo: null }];
      if (/^\/audit(\?|$)/.test(path)) return [200, { records: [record(3), record(2)], next: 2, limitedTo: null }];
      return undefined; // 404 not_found
    });
    await restore();
    const view = render(routed(() => <AuditPage />));
    expect(await view.findByText('考场 01 第一考场', { selector: 'tr[data-seq="3"] a' })).toBeTruthy();
    const row = view.container.querySelector('tr[data-seq="3"]')!;
    expect(row.textContent).toContain('2026-09-22 09:03:05');
    expect(row.textContent).toContain('孙监考（proctor_sun）');
    expect(row.textContent).toContain('全场暂停');
    expect(row.querySelector('code')!.getAttribute('title')).toContain(record(3).hash);
    fireEvent.click(view.getByRole('button', { name: '加载更早的记录' }));
    expect(await view.findByText(/已显示 3 条，已到最早的记录/)).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/audit?before=2');
    fireEvent.click(view.getByRole('button', { name: '校验审计链' }));
    expect((await view.findByRole('status', { name: '审计链校验结果' })).textContent).toBe(
      '审计链完整：共 3 条记录，逐条核对校验码无误',
    );
  });

  it('says clearly why someone may not read it', async () => {
    fakeServer(({ path }) => {
      if (path === '/staff/me') return [200, { ...admin, username: 'proctor_sun', roles: ['proctor'] }];
      // Every staff member may read the vocabulary; only the records are refused.
      if (path === '/audit/labels') return [200, vocabulary];
      if (/^\/audit(\?|$)/.test(path))
        return [
          403,
          {
            error: {
              code: 'forbidden',
              message: '用户 proctor_sun 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放',
            },
          },
        ];
      return [200, []];
    });
    await restore();
    const view = render(routed(() => <AuditPage />));
    const alert = await view.findByRole('alert');
    expect(alert.textContent).toBe(
      '无法查看审计记录：用户 proctor_sun 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放 forbidden',
    );
    expect(alert.querySelector('code.error-code')?.textContent).toBe('forbidden');
    expect(view.queryByRole('button', { name: '校验审计链' })).toBeNull();
    expect(view.queryByLabelText('筛选审计记录')).toBeNull();
  });
});
