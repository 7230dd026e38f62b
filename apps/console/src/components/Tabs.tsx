import { For } from 'solid-js';

/**
 * A page's tab bar: the tabs this person may see, in order, each by its name; the current one is selected.
 * Which tab is open lives in the address, so choosing one navigates (`onSelect`) rather than holding state here.
 */
export function Tabs<T extends string>(props: {
  tabs: readonly T[];
  names: Readonly<Record<T, string>>;
  current: T;
  onSelect: (tab: T) => void;
}) {
  return (
    <div class="tabs" role="tablist">
      <For each={props.tabs}>
        {(t) => (
          <button type="button" role="tab" aria-selected={props.current === t} onClick={() => props.onSelect(t)}>
            {props.names[t]}
          </button>
        )}
      </For>
    </div>
  );
}
