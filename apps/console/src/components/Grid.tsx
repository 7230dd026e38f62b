import { For, type JSX, Show } from 'solid-js';
import { TableHead } from './TableHead.tsx';

/**
 * A `grid` table: the header row from the column names (headings from the data follow as `headings`), then one
 * row per entry drawn by the children; with no entries, one row across all columns saying `empty`, if given.
 */
export function Grid<T>(props: {
  columns: readonly string[];
  rows: readonly T[] | undefined;
  children: (row: T) => JSX.Element;
  /** Classes after `grid`. */
  class?: string;
  label?: string;
  caption?: string;
  headings?: JSX.Element;
  empty?: JSX.Element;
}) {
  const emptyRow = () =>
    props.empty === undefined ? undefined : (
      <tr>
        <td colspan={props.columns.length} class="empty">
          {props.empty}
        </td>
      </tr>
    );
  return (
    <table class={props.class === undefined ? 'grid' : `grid ${props.class}`} aria-label={props.label}>
      <Show when={props.caption}>{(caption) => <caption>{caption()}</caption>}</Show>
      <TableHead columns={props.columns}>{props.headings}</TableHead>
      <tbody>
        <For each={props.rows} fallback={emptyRow()}>
          {(row) => props.children(row)}
        </For>
      </tbody>
    </table>
  );
}
