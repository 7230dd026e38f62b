import { Show } from 'solid-js';
import type { SheetProblem } from '@kaowu/domain/browser';
import { Grid } from './Grid.tsx';

/** Every problem of a refused workbook: where it is (sheet, row, column) and what is wrong, in the file's order. */
export function ErrorTable(props: { problems: readonly SheetProblem[]; caption: string }) {
  return (
    <Show when={props.problems.length > 0}>
      <Grid
        class="errors"
        label="错误列表"
        caption={props.caption}
        columns={['工作表', '行', '列', '问题']}
        rows={props.problems}
      >
        {(p) => (
          <tr>
            <td>{p.sheet}</td>
            {/* Row 0 and an empty column mean the whole sheet or workbook: leave the cell blank. */}
            <td>{p.row ? p.row : ''}</td>
            <td>{p.column || p.field}</td>
            <td>{p.message}</td>
          </tr>
        )}
      </Grid>
    </Show>
  );
}
