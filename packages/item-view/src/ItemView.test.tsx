import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CandidateItemView, ItemResponse } from '@kaowu/domain/browser';
import { choose, ItemView, RichText } from './index.ts';

afterEach(cleanup);

const asset = (name: string) => `/assets/${name}`;
const single: CandidateItemView = {
  number: 3,
  code: 'BA002-01',
  type: 'single',
  points: 0.5,
  stem: '电流的单位是（  ）。',
  options: ['伏特', '**安培**', '欧姆'],
};
const multiple: CandidateItemView = { ...single, type: 'multiple', code: 'M1', options: ['甲', '乙', '丙', '丁'] };

describe('RichText', () => {
  it('shows markup characters as text, never as HTML', () => {
    const { container } = render(() => (
      <RichText source={'<img src=x onerror="alert(1)"> **粗** *斜* ![图](asset:a.png)'} assetUrl={asset} />
    ));
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.querySelector('strong')?.textContent).toBe('粗');
    expect(container.querySelector('em')?.textContent).toBe('斜');
    expect(container.querySelector('img')?.getAttribute('src')).toBe('/assets/a.png');
  });
});

describe('ItemView', () => {
  it('renders stem and lettered options and reports a single choice', () => {
    const [response, setResponse] = createSignal<ItemResponse | undefined>(undefined);
    const { container } = render(() => (
      <ItemView item={single} response={response()} onRespond={setResponse} assetUrl={asset} />
    ));
    expect(container.querySelector('.kw-item-stem')?.textContent).toBe('电流的单位是（  ）。');
    const options = screen.getAllByRole('radio');
    expect(options.map((o) => o.textContent)).toEqual(['A伏特', 'B安培', 'C欧姆']);
    fireEvent.click(options[1]!);
    expect(response()).toBe(1);
    expect(screen.getAllByRole('radio')[1]!.getAttribute('aria-checked')).toBe('true');
  });

  it('toggles multiple choices and keeps them sorted', () => {
    expect(choose(multiple, null, 2)).toEqual([2]);
    expect(choose(multiple, [2], 0)).toEqual([0, 2]);
    expect(choose(multiple, [0, 2], 2)).toEqual([0]);
    expect(choose(multiple, [0], 0)).toBeNull();
    expect(choose({ type: 'true_false' }, undefined, 1)).toBe(false);
  });

  it('highlights the option under the keyboard cursor', () => {
    const [cursor, setCursor] = createSignal(0);
    render(() => (
      <ItemView item={single} response={undefined} onRespond={() => {}} assetUrl={asset} cursor={cursor()} />
    ));
    const current = () => screen.getAllByRole('radio').map((o) => o.classList.contains('cursor'));
    expect(current()).toEqual([true, false, false]);
    setCursor(2);
    expect(current()).toEqual([false, false, true]);
    expect(screen.getAllByRole('radio')[2]!.getAttribute('aria-current')).toBe('true');
  });

  it('is read-only without a handler', () => {
    render(() => (
      <ItemView item={{ ...single, type: 'true_false', options: undefined }} response={true} assetUrl={asset} />
    ));
    const [yes, no] = screen.getAllByRole('radio');
    expect(yes!.getAttribute('aria-checked')).toBe('true');
    expect(no!.hasAttribute('disabled')).toBe(true);
  });
});
