import { render } from 'solid-js/web';

/** What a confirmation says: the step, what it will do (its consequence), and the words on the button that does it. */
export interface Question {
  readonly title: string;
  readonly consequence: string;
  readonly confirm: string;
}

/**
 * Asks inside the page (a modal <dialog>, not the browser's `confirm()`), stating the consequence of the step.
 * Resolves true when the person confirms, false on 取消 or Escape.
 */
export function ask(q: Question): Promise<boolean> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    document.body.append(host);
    let dialog: HTMLDialogElement | undefined;
    const done = (answer: boolean) => {
      dialog?.close?.();
      dispose();
      host.remove();
      resolve(answer);
    };
    const dispose = render(
      () => (
        <dialog
          ref={(d) => {
            dialog = d;
          }}
          class="ask"
          aria-label={q.title}
          onCancel={(e) => {
            e.preventDefault();
            done(false);
          }}
        >
          <h3>{q.title}</h3>
          <p class="consequence">{q.consequence}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => done(true)}>
              {q.confirm}
            </button>
            <button type="button" onClick={() => done(false)}>
              取消
            </button>
          </div>
        </dialog>
      ),
      host,
    );
    if (dialog?.showModal) dialog.showModal();
    else dialog?.setAttribute('open', '');
  });
}
