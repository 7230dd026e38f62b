import type { SupervisionAnswer, SupervisionIndicator, SupervisionScore, SupervisionVeto } from '@kaowu/domain/browser';
import { createEffect, createMemo, For, type JSX, on } from 'solid-js';
import { createStore, produce, reconcile, type SetStoreFunction } from 'solid-js/store';
import { CriterionField } from './CriterionField.tsx';
import { type Draft, draftOf } from './draft.ts';

/**
 * The parts of a supervision rubric's form that 附件2 (SupervisionPanel) and 附件3 (ExternalSupervisionPanel) draw
 * alike over their own rubric: the header (督导时间, the supervisors' unit), an indicator with its criteria and
 * subtotal, the veto checkboxes and the opinion. Each panel keeps its own route, signatures and wording.
 */
/**
 * The form's draft over what the server holds (`view`): started from the saved report and again after every save
 * or signature (a new report hash), scored as typed with the rubric's scorer, dirty when it differs from the saved
 * one (with no report yet, from the empty form).
 */
export function createRubricDraft(
  view: () => { readonly report: Parameters<typeof draftOf>[0]; readonly reportHash: string | null } | undefined,
  score: (d: Pick<Draft, 'answers' | 'vetoes'>) => SupervisionScore,
  norm: (d: Draft) => string,
) {
  const [draft, setDraft] = createStore<Draft>(draftOf(null));
  createEffect(
    on(
      () => view()?.reportHash,
      () => {
        const v = view();
        if (v) setDraft(reconcile(draftOf(v.report)));
      },
    ),
  );
  const scored = createMemo(() => score({ answers: draft.answers, vetoes: draft.vetoes }));
  const dirty = createMemo(() => norm(draftOf(view()?.report ?? null)) !== norm(draft));
  return { draft, setDraft, score: scored, dirty };
}

export interface RubricFormProps {
  readonly draft: Draft;
  readonly setDraft: SetStoreFunction<Draft>;
  readonly score: SupervisionScore;
  readonly readOnly: boolean;
}

export function RubricHeader(props: RubricFormProps & { unitLabel: string }) {
  return (
    <fieldset class="sv-header" disabled={props.readOnly}>
      <legend>督导信息</legend>
      <label>
        督导时间
        <input
          type="date"
          value={props.draft.supervisedOn}
          onInput={(e) => props.setDraft('supervisedOn', e.currentTarget.value)}
        />
      </label>
      <label class="wide">
        {props.unitLabel}
        <input
          value={props.draft.supervisorUnit}
          onInput={(e) => props.setDraft('supervisorUnit', e.currentTarget.value)}
        />
      </label>
    </fieldset>
  );
}

export function RubricIndicator(props: RubricFormProps & { indicator: SupervisionIndicator }) {
  const scored = () => props.score.indicators.find((i) => i.code === props.indicator.code);
  const setAnswer = (code: string, answer: SupervisionAnswer | undefined) =>
    props.setDraft(
      'answers',
      produce((answers) => {
        if (answer === undefined) delete answers[code];
        else answers[code] = answer;
      }),
    );
  return (
    <fieldset class="sv-indicator">
      <legend>
        {props.indicator.name}（{props.indicator.max} 分）
        <output class="sv-subtotal" aria-label={`${props.indicator.name}小计`}>
          小计 {scored()?.score ?? 0} / {props.indicator.max}
        </output>
      </legend>
      <For each={props.indicator.criteria}>
        {(c) => (
          <CriterionField
            criterion={c}
            answer={props.draft.answers[c.code]}
            score={scored()?.criteria.find((s) => s.code === c.code)?.score ?? null}
            disabled={props.readOnly}
            onChange={(a) => setAnswer(c.code, a)}
          />
        )}
      </For>
    </fieldset>
  );
}

/** The veto checkboxes; `confirm` may refuse a tick (附件2 asks first: a veto halts the batch). */
export function RubricVetoes(
  props: RubricFormProps & {
    vetoes: readonly SupervisionVeto[];
    legend: string;
    children?: JSX.Element;
    confirm?: () => boolean;
  },
) {
  const set = (code: string, on: boolean, input: HTMLInputElement) => {
    if (on && props.confirm && !props.confirm()) {
      input.checked = false;
      return;
    }
    props.setDraft('vetoes', on ? [...props.draft.vetoes, code] : props.draft.vetoes.filter((v) => v !== code));
  };
  return (
    <fieldset class="sv-vetoes" aria-label="否决项">
      <legend>{props.legend}</legend>
      {props.children}
      <For each={props.vetoes}>
        {(veto) => (
          <label class="sv-option">
            <input
              type="checkbox"
              checked={props.draft.vetoes.includes(veto.code)}
              disabled={props.readOnly}
              onChange={(e) => set(veto.code, e.currentTarget.checked, e.currentTarget)}
            />
            <span>{veto.text}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

export function RubricOpinion(props: RubricFormProps & { label: string; rows: number }) {
  return (
    <label class="sv-opinion">
      {props.label}
      <textarea
        rows={props.rows}
        value={props.draft.opinion}
        disabled={props.readOnly}
        onInput={(e) => props.setDraft('opinion', e.currentTarget.value)}
      />
    </label>
  );
}
