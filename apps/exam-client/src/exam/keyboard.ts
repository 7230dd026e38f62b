/** What a key does on the exam screen. */
export type KeyAction =
  | { readonly kind: 'previous' }
  | { readonly kind: 'next' }
  | { readonly kind: 'cursor'; readonly delta: 1 | -1 }
  /** Choose (single, true/false) or toggle (multiple) the option under the cursor. */
  | { readonly kind: 'toggle-cursor' }
  | { readonly kind: 'choose'; readonly option: number }
  | { readonly kind: 'flag' };

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

const LETTERS = 'abcdefgh';

/**
 * ←/→ previous and next item, ↑/↓ move the option cursor, A–H or 1–8 choose an option (toggle it in a
 * multiple-choice item), space chooses/toggles the option under the cursor, M marks for review (M is
 * never an option letter). Enter chooses like space (the screen leaves it to a focused button such as 全屏).
 * Modified keys never answer.
 */
export function keyAction(e: KeyInput, optionCount: number): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  switch (e.key) {
    case 'ArrowLeft':
    case 'PageUp':
      return { kind: 'previous' };
    case 'ArrowRight':
    case 'PageDown':
      return { kind: 'next' };
    case 'ArrowUp':
      return { kind: 'cursor', delta: -1 };
    case 'ArrowDown':
      return { kind: 'cursor', delta: 1 };
    case ' ':
    case 'Enter':
      return { kind: 'toggle-cursor' };
    case 'm':
    case 'M':
      return { kind: 'flag' };
  }
  const k = e.key.toLowerCase();
  const letter = k.length === 1 ? LETTERS.indexOf(k) : -1;
  const digit = /^[1-8]$/.test(k) ? Number(k) - 1 : -1;
  const option = letter >= 0 ? letter : digit;
  if (option >= 0 && option < optionCount) return { kind: 'choose', option };
  return undefined;
}
