import type { SupervisionAnswer, SupervisionCriterion } from '@kaowu/domain/browser';
import { For, Show } from 'solid-js';
import { toggled } from './draft.ts';

/**
 * One 分项指标: a radio group of the annex's grades, or a checklist whose executed items each score their
 * points. A checklist stays unassessed until an item is ticked or "均未执行" is chosen, so 0 is never assumed.
 */
export function CriterionField(props: {
  criterion: SupervisionCriterion;
  answer: SupervisionAnswer | undefined;
  score: number | null;
  disabled: boolean;
  onChange: (answer: SupervisionAnswer | undefined) => void;
}) {
  const c = () => props.criterion;
  const id = () => `sv-${c().code}`;
  return (
    <div class="sv-criterion" classList={{ unassessed: props.score === null }}>
      <div class="sv-name">
        <strong id={`${id()}-name`}>{c().name}</strong>
        <output class="sv-points" aria-label={`${c().name}得分`}>
          {props.score === null ? '未评' : `${props.score}`} / {c().max} 分
        </output>
      </div>
      <Show when={c().kind === 'choice' ? (c() as Extract<SupervisionCriterion, { kind: 'choice' }>) : undefined}>
        {(choice) => (
          <div class="sv-options" role="radiogroup" aria-labelledby={`${id()}-name`}>
            <For each={choice().options}>
              {(o, i) => (
                <label class="sv-option">
                  <input
                    type="radio"
                    name={id()}
                    checked={props.answer === i()}
                    disabled={props.disabled}
                    onChange={() => props.onChange(i())}
                  />
                  <span>
                    {o.text}（{o.points} 分）
                  </span>
                </label>
              )}
            </For>
          </div>
        )}
      </Show>
      <Show when={c().kind === 'checklist' ? (c() as Extract<SupervisionCriterion, { kind: 'checklist' }>) : undefined}>
        {(list) => (
          <fieldset class="sv-options" aria-labelledby={`${id()}-name`}>
            <For each={list().items}>
              {(item, i) => (
                <label class="sv-option">
                  <input
                    type="checkbox"
                    checked={Array.isArray(props.answer) && props.answer.includes(i())}
                    disabled={props.disabled}
                    onChange={(e) => props.onChange(toggled(props.answer, i(), e.currentTarget.checked))}
                  />
                  <span>
                    {i() + 1}. {item.text}（{item.points} 分）
                  </span>
                </label>
              )}
            </For>
            <label class="sv-option none">
              <input
                type="checkbox"
                checked={Array.isArray(props.answer) && props.answer.length === 0}
                disabled={props.disabled}
                onChange={(e) => props.onChange(e.currentTarget.checked ? [] : undefined)}
              />
              <span>以上项目均未执行（0 分）</span>
            </label>
            <p class="hint">上述项目全部执行到位得 {list().max} 分，有未执行的该项目不得分。</p>
          </fieldset>
        )}
      </Show>
    </div>
  );
}
