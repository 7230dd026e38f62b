import { type JSX, Show } from 'solid-js';

export interface ProblemLineProps {
  /** What went wrong, in Chinese; none (or empty), nothing is rendered. */
  message: string | undefined;
  /** The error code to tell someone, shown after the message through `codeView`. */
  code?: string | undefined;
  /** How each front end marks the code up (its own classes and words). */
  codeView: (code: string) => JSX.Element;
  /** Where trying again makes sense: a 重试 button. */
  retry?: (() => void) | undefined;
  class: string;
  /** `alert`: a screen reader says it at once; `status`: a calm notice. */
  role: 'alert' | 'status';
}

/**
 * One line of trouble, the same in the console and the exam client: the message, then the error code, then 重试
 * where trying again makes sense.
 */
export function ProblemLine(props: ProblemLineProps): JSX.Element {
  return (
    <Show when={props.message}>
      <p class={props.class} role={props.role}>
        {props.message}
        <Show when={props.code}>{(code) => <> {props.codeView(code())}</>}</Show>
        <Show when={props.retry}>
          {(retry) => (
            <>
              {' '}
              <button type="button" onClick={() => retry()()}>
                重试
              </button>
            </>
          )}
        </Show>
      </p>
    </Show>
  );
}
