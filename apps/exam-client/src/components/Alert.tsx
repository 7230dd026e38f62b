import { Show, type JSX } from 'solid-js';
import type { Problem } from '../api/types.ts';

/**
 * A problem the candidate must read, in plain words, then the error code to tell the proctor, then 重试 where
 * trying again makes sense (role=alert: a screen reader says it at once); `calm`: a notice, not an alarm. None,
 * nothing.
 */
export function Alert(props: { problem: Problem | undefined; calm?: boolean; retry?: () => void }): JSX.Element {
  return (
    <Show when={props.problem}>
      {(p) => (
        <p class={props.calm ? 'kw-notice' : 'kw-error'} role={props.calm ? 'status' : 'alert'}>
          {p().message}
          <Show when={p().code}>
            {(code) => (
              <>
                {' '}
                <span class="kw-error-code">
                  错误代码 <code>{code()}</code>
                </span>
              </>
            )}
          </Show>
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
      )}
    </Show>
  );
}
