import { render, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { signedInAs } from '../../testing/fake-server.ts';
import { ItemReadOnly } from './ItemReadOnly.tsx';

const bank = { occupationCode: '6-31-01-03', level: 5 } as const;
const version = {
  code: 'AA001-01',
  version: 1,
  status: 'approved',
  content: {
    type: 'true_false',
    point: 'AA001',
    difficulty: 2,
    stem: '职业道德是行为准则。',
    explanation: '',
    key: true,
  },
  contentHash: 'h',
  author: 'expert_wang',
  reviewer: 'expert_li',
  reviewComment: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  approvedVersion: 1,
};

describe('an assessor opening an item', () => {
  it('reads it as candidates see it, with its key, and finds no field to edit or button to save', async () => {
    await signedInAs(
      { username: 'assessor_chen', roles: ['assessor'], registrations: [bank.occupationCode] },
      { 'GET /banks/6-31-01-03/5/items/AA001-01/history': () => [200, [version]] },
    );
    const page = render(() => <ItemReadOnly bank={bank} code="AA001-01" onClose={() => undefined} />);
    await waitFor(() => expect(page.getByLabelText('考生所见预览').textContent).toContain('职业道德是行为准则。'));
    expect(page.getByText(/答案：/).textContent).toContain('√');
    expect(page.queryAllByRole('textbox')).toEqual([]);
    expect(page.queryByRole('button', { name: /保存/ })).toBeNull();
  });
});
