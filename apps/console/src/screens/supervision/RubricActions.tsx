import type { SupervisionScore } from '@kaowu/domain/browser';
import { Show } from 'solid-js';
import { download } from '../../api.ts';
import { createAction } from '../../components/run.ts';
import { me } from '../../session.ts';

/** What the bar needs of the server's view of a signed rubric (附件2, 附件3). */
interface SignedView {
  readonly report: unknown;
  readonly signatures: readonly { readonly username: string }[];
}

/**
 * Save, sign and download of a rubric form (附件2 SupervisionPanel, 附件3 ExternalSupervisionPanel) over one action
 * line: the server's view is put back after a save or a signature (the draft starts again from it), and signing
 * waits for a saved, complete document the person has not signed yet. `noun` names it in the messages (报告, 登记表);
 * each panel keeps its own route, confirmation and wording of what a save or signature did.
 */
export function createRubricActions<V extends SignedView>(o: {
  view: () => V | undefined;
  mutate: (next: V) => void;
  dirty: () => boolean;
  score: () => SupervisionScore;
  noun: string;
  put: () => Promise<V>;
  sign: () => Promise<V>;
  /** The annex's workbook: its address and file name. */
  report: () => string;
  fileName: string;
  saved: (next: V, before: V | undefined) => string;
  signed: (next: V) => string;
}) {
  const action = createAction();
  const signBlocker = (): string | undefined => {
    const v = o.view();
    if (!v?.report || o.dirty()) return `先保存${o.noun}，再签字`;
    if (!o.score().complete) return `${o.noun}填写完整后才能签字（还有 ${o.score().missing.length} 项未评）`;
    if (v.signatures.some((s) => s.username === me()?.username)) return '您已签字';
    return undefined;
  };
  const save = () =>
    void action.run(
      async () => {
        const before = o.view();
        const next = await o.put();
        o.mutate(next);
        return { next, before };
      },
      ({ next, before }) => o.saved(next, before),
    );
  const sign = () =>
    void action.run(
      async () => {
        if (!window.confirm(`签字确认本${o.noun}？签字后如再修改内容，所有签字都将失效。`)) return undefined;
        const next = await o.sign();
        o.mutate(next);
        return next;
      },
      (next) => next && o.signed(next),
    );
  const downloadReport = () => void action.run(() => download(o.report(), o.fileName));
  return { action, signBlocker, save, sign, downloadReport, noun: o.noun };
}

/** The bar's end: 有未保存的修改, save and sign for those who may write, the workbook for everyone. */
export function RubricButtons(props: {
  actions: ReturnType<typeof createRubricActions>;
  readOnly: boolean;
  dirty: boolean;
  /** The download button's words (下载附件2). */
  downloadLabel: string;
  canDownload: boolean;
}) {
  const a = () => props.actions;
  return (
    <>
      <Show when={!props.readOnly && props.dirty}>
        <p class="sv-dirty" role="status">
          有未保存的修改
        </p>
      </Show>
      <span class="right row">
        <Show when={!props.readOnly}>
          <button type="button" class="primary" disabled={a().action.busy() || !props.dirty} onClick={a().save}>
            保存{a().noun}
          </button>
          <button
            type="button"
            disabled={a().action.busy() || a().signBlocker() !== undefined}
            title={a().signBlocker()}
            onClick={a().sign}
          >
            签字
          </button>
        </Show>
        <button type="button" disabled={a().action.busy() || !props.canDownload} onClick={a().downloadReport}>
          {props.downloadLabel}
        </button>
      </span>
    </>
  );
}
