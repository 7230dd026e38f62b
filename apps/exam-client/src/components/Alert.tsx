import { ProblemLine } from '@kaowu/item-view';
import type { JSX } from 'solid-js';
import type { Problem } from '../api/types.ts';

/**
 * A problem the candidate must read, in plain words, then the error code to tell the proctor, then 重试 where
 * trying again makes sense (role=alert: a screen reader says it at once); `calm`: a notice, not an alarm. None,
 * nothing.
 */
export function Alert(props: { problem: Problem | undefined; calm?: boolean; retry?: () => void }): JSX.Element {
  return (
    <ProblemLine
      message={props.problem?.message}
      code={props.problem?.code}
      codeView={(code) => (
        <span class="kw-error-code">
          错误代码 <code>{code}</code>
        </span>
      )}
      retry={props.retry}
      class={props.calm ? 'kw-notice' : 'kw-error'}
      role={props.calm ? 'status' : 'alert'}
    />
  );
}
