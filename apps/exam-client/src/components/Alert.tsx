import { Show, type JSX } from 'solid-js';

/** A problem the candidate must read, in plain words (role=alert: a screen reader says it at once); none, nothing. */
export function Alert(props: { message: string | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <p class="kw-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
