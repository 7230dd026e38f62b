import { Show } from 'solid-js';

/** One line of feedback after an action: what happened, or what went wrong and what to do. */
export function Notice(props: { ok?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <Show when={props.error}>
        <p class="notice error" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.ok}>
        <p class="notice ok" role="status">
          {props.ok}
        </p>
      </Show>
    </>
  );
}
