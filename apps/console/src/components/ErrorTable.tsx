import { For, Show } from 'solid-js';
import type { SheetProblem } from '@kaowu/domain/browser';

/** Every problem of a refused workbook: where it is (sheet, row, column) and what is wrong, in the file's order. */
export function ErrorTable(props: { problems: readonly SheetProblem[]; caption: string }) {
  return (
    <Show when={props.problems.length > 0}>
      <table class="grid errors" aria-label="错误列表">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th>工作表</th>
            <th>行</th>
            <th>列</th>
            <th>问题</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.problems}>
            {(p) => (
              <tr>
                <td>{p.sheet}</td>
                {/* Row 0 and an empty column mean the whole sheet or workbook: leave the cell blank. */}
                <td>{p.row ? p.row : ''}</td>
                <td>{p.column || p.field}</td>
                <td>{p.message}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
