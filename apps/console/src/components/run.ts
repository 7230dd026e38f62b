import { createSignal } from 'solid-js';
import type { SheetProblem } from '@kaowu/domain/browser';
import { problemsOf } from '../api.ts';

/**
 * The state of one user action: busy while it runs, then a message, or the error with its problems. Every
 * button that changes something goes through one of these, so every page reports the same way.
 */
export function createAction() {
  const [busy, setBusy] = createSignal(false);
  const [ok, setOk] = createSignal<string>();
  // The failure itself (not only its text): <Notice> shows its message and the server's error code.
  const [error, setError] = createSignal<unknown>();
  const [problems, setProblems] = createSignal<SheetProblem[]>([]);
  async function run<T>(act: () => Promise<T>, done?: (value: T) => string | undefined): Promise<T | undefined> {
    setBusy(true);
    setOk(undefined);
    setError(undefined);
    setProblems([]);
    try {
      const value = await act();
      setOk(done?.(value));
      return value;
    } catch (e) {
      setError(() => e);
      setProblems(problemsOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, ok, error, problems, run };
}
