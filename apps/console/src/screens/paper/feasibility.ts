import { createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { bankParam, client, messageOf, ok } from '../../api.ts';
import type { BankRef, Feasibility } from '../../contract.ts';

/** The bank's answer for one blueprint text and seed. */
export interface Answer {
  readonly text: string;
  readonly seed: string;
  readonly result: Feasibility;
}

const DEBOUNCE_MS = 500;

/**
 * Live feasibility: the blueprint is sent half a second after the last change, and only while it has nothing
 * left to fix locally. Answers to older texts are dropped; `current` says whether the answer is for what is shown.
 */
export function createFeasibility(
  bank: BankRef,
  text: Accessor<string | undefined>,
  seed: Accessor<string>,
  blocked: Accessor<boolean>,
) {
  const [answer, setAnswer] = createSignal<Answer>();
  const [pending, setPending] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on([text, seed, blocked], ([t, s, b]) => {
      clearTimeout(timer);
      const ask = ++asked;
      if (t === undefined || b || s.trim() === '') return setPending(false);
      setPending(true);
      timer = setTimeout(() => {
        ok(
          client.banks[':occupation'][':level'].feasibility.$post({
            param: bankParam(bank),
            json: { blueprint: t, seed: s },
          }),
        )
          .then(
            (result) => ask === asked && setAnswer({ text: t, seed: s, result }),
            (e: unknown) =>
              ask === asked &&
              setAnswer({ text: t, seed: s, result: { ok: false, areas: [], message: messageOf(e), problems: [] } }),
          )
          .finally(() => ask === asked && setPending(false));
      }, DEBOUNCE_MS);
    }),
  );
  const current = createMemo(() => {
    const a = answer();
    return a !== undefined && !pending() && !blocked() && a.text === text() && a.seed === seed() ? a.result : undefined;
  });
  /** The latest area counts the server computed, kept while a newer answer is on its way. */
  const areas = createMemo<{ code: string; count: number }[] | undefined>((last) => {
    const a = answer()?.result.areas;
    return a !== undefined && a.length > 0 ? a : last;
  });
  return { answer, current, pending, areas };
}
