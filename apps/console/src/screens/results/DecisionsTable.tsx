import { DECISION_OUTCOME_NAMES } from '@kaowu/domain/browser';
import { For } from 'solid-js';
import { Grid } from '../../components/Grid.tsx';

/** A decision as the results route lists it; the component scores are optional (older answers carry none). */
export interface DecisionRow {
  readonly ticket: string;
  readonly name: string;
  readonly decision: {
    readonly outcome: keyof typeof DECISION_OUTCOME_NAMES;
    readonly composite: number | null;
    readonly reasons: readonly string[];
    readonly components?: readonly { readonly code: string; readonly name: string; readonly score: number | null }[];
  };
}

/**
 * The decisions with the entered scores behind them: one column per component of the plan (理论知识, 操作技能 …),
 * named as the plan names them, then the composite and the reasons.
 */
export function DecisionsTable(props: { rows: readonly DecisionRow[] }) {
  const components = () => {
    const seen = new Map<string, string>();
    for (const d of props.rows) for (const c of d.decision.components ?? []) seen.set(c.code, c.name);
    return [...seen];
  };
  const score = (d: DecisionRow, code: string) => d.decision.components?.find((c) => c.code === code)?.score ?? '—';
  return (
    <div class="scroll">
      <Grid
        class="decisions"
        label="认定结果"
        columns={['准考证号', '姓名', '结果']}
        headings={
          <>
            <For each={components()}>{([, name]) => <th>{name}</th>}</For>
            <th>综合成绩</th>
            <th>理由</th>
          </>
        }
        rows={props.rows}
      >
        {(d) => (
          <tr>
            <td>{d.ticket}</td>
            <td>{d.name}</td>
            <td>{DECISION_OUTCOME_NAMES[d.decision.outcome]}</td>
            <For each={components()}>{([code]) => <td class="num">{score(d, code)}</td>}</For>
            <td class="num">{d.decision.composite ?? ''}</td>
            <td>{d.decision.reasons.join('；')}</td>
          </tr>
        )}
      </Grid>
    </div>
  );
}
