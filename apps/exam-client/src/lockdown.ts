import type { ClientEventKind } from '@kaowu/domain/browser';
import type { EventDetail } from './api/types.ts';

export type Report = (kind: ClientEventKind, detail?: EventDetail) => void;

/** Ctrl/⌘ + these keys do something a candidate must not: copy, paste, print, save, view source, find… */
const BLOCKED_WITH_CTRL = new Set([
  'a',
  'c',
  'x',
  'v',
  'p',
  's',
  'u',
  'o',
  'f',
  'g',
  'h',
  'j',
  'd',
  'e',
  'k',
  'l',
  'n',
  't',
  'w',
]);

function blockedShortcut(e: KeyboardEvent): boolean {
  const k = e.key.toLowerCase();
  if (e.key === 'F12' || e.key === 'F3' || e.key === 'F7' || e.key === 'ContextMenu') return true;
  if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home')) return true;
  return (e.ctrlKey || e.metaKey) && BLOCKED_WITH_CTRL.has(k);
}

/**
 * Everything a page can block, blocked for the whole exam: clipboard, context menu, selection, drag and drop,
 * printing and the browser's save/print/find/devtools shortcuts. Attempts are reported (the proctor sees
 * them), repeated ones at most once a second per kind so a held key cannot flood the outbox.
 * Returns the function that removes it all (finished screen).
 */
export function installLockdown(doc: Document, report: Report, now: () => number = () => Date.now()): () => void {
  const last = new Map<string, number>();
  const tell = (kind: ClientEventKind, detail?: EventDetail) => {
    const key = `${kind}:${String(detail?.what ?? '')}`;
    const t = now();
    if (t - (last.get(key) ?? Number.NEGATIVE_INFINITY) < 1000) return;
    last.set(key, t);
    report(kind, detail);
  };
  const block = (kind: ClientEventKind | undefined, detail?: EventDetail) => (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
    if (kind !== undefined) tell(kind, detail);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!blockedShortcut(e)) return;
    e.preventDefault();
    e.stopPropagation();
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && (k === 'c' || k === 'x')) tell('copy_blocked');
    else if ((e.ctrlKey || e.metaKey) && k === 'v') tell('paste_blocked');
    else
      tell(k === 'p' ? 'print_blocked' : 'shortcut_blocked', {
        key: `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.key}`,
      });
  };
  const listeners: [EventTarget, string, EventListener][] = [
    [doc, 'copy', block('copy_blocked')],
    [doc, 'cut', block('copy_blocked')],
    [doc, 'paste', block('paste_blocked')],
    [doc, 'contextmenu', block('context_menu_blocked')],
    [doc, 'selectstart', (e) => !(e.target instanceof HTMLInputElement) && block(undefined)(e)],
    [doc, 'dragstart', block('drag_blocked')],
    [doc, 'dragover', block(undefined)],
    [doc, 'drop', block('drag_blocked')],
    [doc, 'keydown', onKey as EventListener],
  ];
  const win = doc.defaultView;
  if (win) listeners.push([win, 'beforeprint', () => tell('print_blocked')]);
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn, { capture: true });
  doc.documentElement.classList.add('kw-locked');
  return () => {
    for (const [target, type, fn] of listeners) target.removeEventListener(type, fn, { capture: true });
    doc.documentElement.classList.remove('kw-locked');
  };
}

/**
 * Fullscreen as the exam needs it. Where the page cannot ask for it (a kiosk shell without the API),
 * a window covering the screen counts.
 */
export function isFullscreen(doc: Document): boolean {
  if (doc.fullscreenElement) return true;
  if (doc.fullscreenEnabled) return false;
  const win = doc.defaultView;
  return win !== null && win.innerWidth >= win.screen.width - 2 && win.innerHeight >= win.screen.height - 2;
}

/** Must run inside a click or key press (browsers only grant fullscreen to a user gesture). */
export async function enterFullscreen(doc: Document): Promise<boolean> {
  if (isFullscreen(doc)) return true;
  try {
    await doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

export const hasFocus = (doc: Document): boolean => doc.visibilityState === 'visible' && doc.hasFocus();
