import { ProblemLine } from '@kaowu/item-view';
import { Show } from 'solid-js';
import { ApiError } from '../api.ts';

/**
 * One line of feedback: what happened, or what went wrong — the Chinese message and, for a refused or failed
 * request, the server's error code — with a retry where trying again makes sense (a failed load). It shows at the
 * top of the viewport (`.toast`), where the person is looking after pressing 保存 low on a long form; it stays in its
 * panel's DOM, so it still reads as that panel's status, and clicks pass through it.
 */
export function Notice(props: { ok?: string | undefined; error?: unknown; retry?: (() => void) | undefined }) {
  const message = () => {
    const e = props.error;
    return e === undefined || e === null || e === '' ? undefined : e instanceof Error ? e.message : String(e);
  };
  const code = () => (props.error instanceof ApiError ? props.error.code : undefined);
  return (
    <>
      <ProblemLine
        message={message()}
        code={code()}
        codeView={(code) => <code class="error-code">{code}</code>}
        retry={props.retry}
        class="notice error toast"
        role="alert"
      />
      <Show when={props.ok}>
        <p class="notice ok toast" role="status">
          {props.ok}
        </p>
      </Show>
    </>
  );
}

/** A failure's error code after its message (a refused or failed request's; nothing for other errors). */
export function ErrorCodeOf(props: { error: unknown }) {
  return (
    <Show when={props.error instanceof ApiError ? props.error.code : undefined}>
      {(code) => (
        <>
          {' '}
          <code class="error-code">{code()}</code>
        </>
      )}
    </Show>
  );
}
