import { fireEvent, render } from '@solidjs/testing-library';
import { TEST_OUTLINE } from '@kaowu/domain/testing';
import { describe, expect, it, vi } from 'vitest';
import { OutlineTree } from './index.ts';
import type { ItemStatus } from './contract.ts';

const outline = TEST_OUTLINE;
const item = (point: string, status: ItemStatus) => ({ status, content: { point } });

describe('the outline tree', () => {
  it('counts approved / all items per point and area, and the share of each top area against its weight', () => {
    const items = [
      item('A001', 'approved'),
      item('A001', 'draft'),
      item('BA001', 'approved'),
      item('BA001', 'approved'),
      item('BA001', 'approved'),
      item('BA001', 'retired'),
    ];
    const { getByText } = render(() => <OutlineTree outline={outline} items={items} />);
    const row = (text: string) => getByText(text).closest('button')!;
    expect(row('安全电压').querySelector('.count')!.textContent).toBe('1/2');
    expect(row('触电急救').classList.contains('uncovered')).toBe(true);
    expect(row('安全').querySelector('.count')!.textContent).toBe('1/2');
    expect(row('安全').querySelector('.weight')!.textContent).toBe('25% / 40%');
    expect(row('基础').querySelector('.weight')!.textContent).toBe('75% / 60%');
  });

  it('counts an approved item under revision once, as approved (its approved version is still in the bank)', () => {
    const revision = { status: 'draft' as const, content: { point: 'A001' }, approvedVersion: 1 };
    const items = [item('A001', 'approved'), revision];
    const { getByText } = render(() => <OutlineTree outline={outline} items={items} />);
    expect(getByText('安全电压').closest('button')!.querySelector('.count')!.textContent).toBe('2/2');
  });

  it('selects a point to filter by, and unselects it on a second click', () => {
    const onSelect = vi.fn();
    const { getByText } = render(() => (
      <OutlineTree outline={outline} items={[]} selected="BA001" onSelect={onSelect} />
    ));
    fireEvent.click(getByText('触电急救'));
    fireEvent.click(getByText('欧姆定律'));
    expect(onSelect.mock.calls).toEqual([['A002'], [undefined]]);
  });
});
