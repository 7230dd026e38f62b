import { cleanup, fireEvent, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutlineTree } from './index.ts';
import type { ItemStatus, Outline } from './contract.ts';

afterEach(cleanup);

const outline: Outline = {
  occupation: { code: '6-31-01-03', edition: 2015, name: '电工' },
  level: 5,
  basis: '国家职业技能标准',
  areas: [
    {
      code: 'A',
      name: '基本要求',
      weight: 20,
      areas: [
        {
          code: 'AA',
          name: '职业道德',
          points: [
            { code: 'AA001', name: '职业道德的含义', importance: 'Y' },
            { code: 'AA002', name: '职业守则', importance: 'X' },
          ],
        },
      ],
    },
    { code: 'B', name: '相关知识', weight: 80, points: [{ code: 'BA001', name: '电路基础', importance: 'X' }] },
  ],
};
const item = (point: string, status: ItemStatus) => ({ status, content: { point } });

describe('the outline tree', () => {
  it('counts approved / all items per point and area, and the share of each top area against its weight', () => {
    const items = [
      item('AA001', 'approved'),
      item('AA001', 'draft'),
      item('BA001', 'approved'),
      item('BA001', 'approved'),
      item('BA001', 'approved'),
      item('BA001', 'retired'),
    ];
    const { getByText } = render(() => <OutlineTree outline={outline} items={items} />);
    const row = (text: string) => getByText(text).closest('button')!;
    expect(row('职业道德的含义').querySelector('.count')!.textContent).toBe('1/2');
    expect(row('职业守则').classList.contains('uncovered')).toBe(true);
    expect(row('基本要求').querySelector('.count')!.textContent).toBe('1/2');
    expect(row('基本要求').querySelector('.weight')!.textContent).toBe('25% / 20%');
    expect(row('相关知识').querySelector('.weight')!.textContent).toBe('75% / 80%');
  });

  it('selects a point to filter by, and unselects it on a second click', () => {
    const onSelect = vi.fn();
    const { getByText } = render(() => (
      <OutlineTree outline={outline} items={[]} selected="BA001" onSelect={onSelect} />
    ));
    fireEvent.click(getByText('职业守则'));
    fireEvent.click(getByText('电路基础'));
    expect(onSelect.mock.calls).toEqual([['AA002'], [undefined]]);
  });
});
