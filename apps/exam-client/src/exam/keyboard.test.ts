import { describe, expect, it } from 'vitest';
import { keyAction } from './keyboard.ts';

describe('keyAction', () => {
  it('maps arrows, letters, digits, space and M', () => {
    expect(keyAction({ key: 'ArrowRight' }, 4)).toEqual({ kind: 'next' });
    expect(keyAction({ key: 'ArrowLeft' }, 4)).toEqual({ kind: 'previous' });
    expect(keyAction({ key: 'ArrowDown' }, 4)).toEqual({ kind: 'cursor', delta: 1 });
    expect(keyAction({ key: 'ArrowUp' }, 4)).toEqual({ kind: 'cursor', delta: -1 });
    expect(keyAction({ key: 'C' }, 4)).toEqual({ kind: 'choose', option: 2 });
    expect(keyAction({ key: 'c' }, 4)).toEqual({ kind: 'choose', option: 2 });
    expect(keyAction({ key: '4' }, 4)).toEqual({ kind: 'choose', option: 3 });
    expect(keyAction({ key: ' ' }, 4)).toEqual({ kind: 'toggle-cursor' });
    expect(keyAction({ key: 'm' }, 4)).toEqual({ kind: 'flag' });
  });

  it('ignores options the item does not have and modified keys; Enter chooses as space does', () => {
    expect(keyAction({ key: 'e' }, 4)).toBeUndefined();
    expect(keyAction({ key: '3' }, 2)).toBeUndefined();
    expect(keyAction({ key: 'h' }, 8)).toEqual({ kind: 'choose', option: 7 });
    expect(keyAction({ key: 'a', ctrlKey: true }, 4)).toBeUndefined();
    expect(keyAction({ key: 'Enter' }, 4)).toEqual({ kind: 'toggle-cursor' });
    expect(keyAction({ key: 'Enter' }, 4)).toEqual(keyAction({ key: ' ' }, 4));
  });
});
