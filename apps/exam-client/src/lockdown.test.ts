import { afterEach, describe, expect, it } from 'vitest';
import { installLockdown } from './lockdown.ts';

describe('installLockdown', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  it('blocks clipboard, context menu, drag and the print/save/find shortcuts, and reports them', () => {
    const reported: string[] = [];
    let t = 0;
    remove = installLockdown(
      document,
      (kind, detail) => reported.push(detail?.what ? `${kind}:${String(detail.what)}` : kind),
      () => (t += 2000),
    );
    const fire = (e: Event) => {
      document.body.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(fire(new Event('copy', { bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new Event('paste', { bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new Event('dragstart', { bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }))).toBe(true);
    expect(fire(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }))).toBe(false);
    expect(reported).toEqual([
      'copy_blocked',
      'paste_blocked',
      'context_menu_blocked',
      'drag_blocked',
      'print_blocked',
      'shortcut_blocked',
    ]);
    expect(document.documentElement.classList.contains('kw-locked')).toBe(true);
  });

  it('reports a held key at most once a second', () => {
    const reported: string[] = [];
    let t = 0;
    remove = installLockdown(
      document,
      (kind) => reported.push(kind),
      () => (t += 100),
    );
    for (let i = 0; i < 5; i++)
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'v', ctrlKey: true, bubbles: true, cancelable: true }),
      );
    expect(reported).toEqual(['paste_blocked']);
  });
});
