import { For, type JSX } from 'solid-js';

/**
 * A table's header row from its column names, in order; an empty name is a column without a heading (a checkbox
 * or an action). Headings that come from the data (one per assessor, per area) follow as children.
 */
export function TableHead(props: { columns: readonly string[]; children?: JSX.Element }) {
  return (
    <thead>
      <tr>
        <For each={props.columns}>{(name) => <th>{name}</th>}</For>
        {props.children}
      </tr>
    </thead>
  );
}
