import { fireEvent, render, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { signedInAs } from '../../testing/fake-server.ts';
import type { BankStatus } from '../../contract.ts';
import { CertificationPage } from './CertificationPage.tsx';

const OCCUPATION = '6-31-01-03';
const bank = { occupationCode: OCCUPATION, level: 5 } as const;
const chen = { username: 'assessor_chen', roles: ['assessor' as const], registrations: [OCCUPATION] };
const HASH = 'b'.repeat(64);

/** A certified release (1) with one approved change waiting: the next release, signed by `signers`. */
const status = (signers: string[]): BankStatus => ({
  bank: { ...bank, occupationName: '电工' },
  snapshotHash: HASH,
  coverage: {
    approved: 725,
    minItems: 600,
    areas: [],
    points: [],
    uncoveredPoints: [],
    byType: { single: 0, multiple: 0, true_false: 0 },
    byDifficulty: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    blockers: [],
  },
  certification: {
    certified: false,
    required: 3,
    counting: signers.length,
    certifications: signers.map((assessor) => ({
      assessor,
      assessorName: '陈立新',
      snapshotHash: HASH,
      certifiedAt: '2026-12-01T02:00:00Z',
      comment: '相符',
      members: null,
      verdict: { kind: 'counts' as const },
    })),
  },
  release: {
    number: 1,
    hash: 'a'.repeat(64),
    certifiedAt: '2026-11-22T15:09:14.017Z',
    items: 725,
    pending: { added: 0, changed: 1, retired: 0, total: 1 },
  },
  ready: true,
});

const CHANGES = {
  release: { number: 1, hash: 'a'.repeat(64), certifiedAt: '2026-11-22T15:09:14.017Z' },
  added: [],
  retired: [],
  changed: [
    {
      before: {
        code: 'AA001-01',
        contentHash: 'c',
        version: 1,
        content: { type: 'true_false', point: 'AA001', difficulty: 2, stem: '旧题干', explanation: '', key: true },
      },
      after: {
        code: 'AA001-01',
        contentHash: 'd',
        version: 2,
        content: { type: 'true_false', point: 'AA001', difficulty: 2, stem: '新题干', explanation: '', key: true },
      },
    },
  ],
};

const routes = {
  'GET /banks/6-31-01-03/5/changes': () => [200, CHANGES] as const,
  'GET /banks/6-31-01-03/5/sample?size=10': () => [200, []] as const,
};

describe('an assessor certifying the next release', () => {
  it('reads the release, the change with its diff, and cannot sign with an empty opinion', async () => {
    const calls = await signedInAs(chen, routes);
    const page = render(() => <CertificationPage bank={bank} status={status([])} onCertified={() => undefined} />);
    expect(page.getByTestId('release-facts').textContent).toContain('已认证版本 1（2026-11-22）');
    await waitFor(() => expect(page.getByRole('table', { name: 'AA001-01 修改对比' }).textContent).toContain('新题干'));
    expect(page.getByRole('table', { name: 'AA001-01 修改对比' }).textContent).toContain('旧题干');
    fireEvent.click(page.getByRole('button', { name: '签署题库难度认证' }));
    await waitFor(() => expect(page.getByRole('alert').textContent).toContain('请填写认证意见'));
    // The message stands beside the opinion field, and nothing was sent.
    expect(page.getByLabelText('认证意见').closest('label')!.textContent).toContain('请填写认证意见');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('after signing, the button says 已认证 and is disabled', async () => {
    await signedInAs(chen, routes);
    const page = render(() => (
      <CertificationPage bank={bank} status={status(['assessor_chen'])} onCertified={() => undefined} />
    ));
    const button = page.getByRole('button', { name: '已认证' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('confirms in the page, stating the consequence, before signing', async () => {
    const calls = await signedInAs(chen, {
      ...routes,
      'POST /banks/6-31-01-03/5/certify': () => [201, { snapshotHash: HASH }] as const,
    });
    const page = render(() => <CertificationPage bank={bank} status={status([])} onCertified={() => undefined} />);
    fireEvent.input(page.getByLabelText('认证意见'), { target: { value: '变更后难度仍相符' } });
    fireEvent.click(page.getByRole('button', { name: '签署题库难度认证' }));
    const dialog = await waitFor(() => document.querySelector('dialog.ask')!);
    expect(dialog.textContent).toContain('取代已认证版本 1 用于正式组卷');
    fireEvent.click([...dialog.querySelectorAll('button')].find((b) => b.textContent === '签署认证')!);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ comment: '变更后难度仍相符', expectedHash: HASH });
  });
});
