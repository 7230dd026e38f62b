import { Show } from 'solid-js';
import { Grid } from '../../components/Grid.tsx';
import type { PlanView } from '../../contract.ts';

/** The plan as saved (what scores, decisions and eligibility use), beside the form that edits it. */
export function CurrentPlan(props: { view: PlanView }) {
  const kind = (k: string) => props.view.kinds.find((x) => x.value === k)?.name ?? k;
  const method = (m: string) => props.view.methods.find((x) => x.value === m)?.name ?? m;
  return (
    <Show
      when={props.view.plan}
      fallback={
        <p class="notice warn" data-testid="current-plan">
          本批次尚未设置认定方案：填写下表并保存。
        </p>
      }
    >
      {(plan) => (
        <div class="current-plan" data-testid="current-plan">
          <p>
            当前方案：{plan().occupation.name} {props.view.batch.level} 级，{method(plan().method)}；申报条件审核日期{' '}
            {props.view.eligibilityAsOf}； 每名考生 {plan().panel.assessorsPerCandidate} 名考评员
            {plan().compositePassLine === null ? '' : `；综合成绩合格线 ${plan().compositePassLine}`}
          </p>
          <Grid label="当前认定方案" columns={['名称', '类型', '权重', '合格线', '必考/选考']} rows={plan().components}>
            {(c) => {
              const group = plan().electiveGroups.find((g) => g.code === c.group);
              return (
                <tr>
                  <td>{c.name}</td>
                  <td>{kind(c.kind)}</td>
                  <td>{c.weight}%</td>
                  <td>{c.passLine ?? '不设'}</td>
                  <td>{group ? `选考：${group.name}（选 ${group.choose} 个）` : '必考'}</td>
                </tr>
              );
            }}
          </Grid>
        </div>
      )}
    </Show>
  );
}
