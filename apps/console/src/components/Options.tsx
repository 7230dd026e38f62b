import { For, Show } from 'solid-js';

/** One entry of a drop-down list: the value sent, the name shown. */
export interface Choice {
  readonly value: string;
  readonly name: string;
}

/**
 * The options of a `<select>`, each saying itself whether it is the selected one: `value` on the select would
 * not do, because the options are rendered (again, when the list loads or changes) after it. `none` names a
 * first, empty choice (请选择, 全部) where choosing nothing is allowed.
 */
export function Options(props: { choices: readonly Choice[] | undefined; selected: string; none?: string }) {
  return (
    <>
      <Show when={props.none !== undefined}>
        <option value="" selected={props.selected === ''}>
          {props.none}
        </option>
      </Show>
      <For each={props.choices}>
        {(c) => (
          <option value={c.value} selected={c.value === props.selected}>
            {c.name}
          </option>
        )}
      </For>
    </>
  );
}
