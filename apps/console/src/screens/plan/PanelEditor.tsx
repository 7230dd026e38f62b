import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { type Choice, Options } from '../../components/Options.tsx';
import { createAction } from '../../components/run.ts';
import { Grid } from '../../components/Grid.tsx';
import type { PanelSetup } from '../../contract.ts';

/** The occupation's registered assessors, by name and user name. */
const assessorChoices = (setup: PanelSetup): Choice[] =>
  setup.assessors.map((a) => ({ value: a.username, name: `${a.displayName}（${a.username}）` }));

/** One component's panel (考评组): a leader and members, chosen from the assessors registered for the occupation. */
function PanelForm(props: {
  batchId: string;
  setup: PanelSetup;
  component: PanelSetup['components'][number];
  onSaved: (s: PanelSetup) => void;
}) {
  const [leader, setLeader] = createSignal(props.component.leader ?? '');
  const [members, setMembers] = createStore<Record<string, boolean>>(
    Object.fromEntries(props.component.members.map((m) => [m.username, true])),
  );
  const action = createAction();
  const chosen = () => props.setup.assessors.filter((a) => members[a.username] || a.username === leader()).length;
  const save = () =>
    void action.run(
      async () => {
        if (leader() === '') throw new Error('请选择考评组长');
        const list = props.setup.assessors.map((a) => a.username).filter((u) => members[u]);
        const next = await ok(
          client.batches[':batchId'].panels[':component'].$put({
            param: { batchId: props.batchId, component: props.component.code },
            json: { leader: leader(), members: list },
          }),
        );
        props.onSaved(next);
        return next;
      },
      () => `${props.component.name}的考评组已保存`,
    );
  return (
    <fieldset class="panel-form" aria-label={`${props.component.name}考评组`}>
      <legend>{props.component.name}</legend>
      <div class="row">
        <label>
          考评组长
          <select onChange={(e) => setLeader(e.currentTarget.value)}>
            <Options none="请选择" choices={assessorChoices(props.setup)} selected={leader()} />
          </select>
        </label>
        <span class="hint">成员：</span>
        <For each={props.setup.assessors}>
          {(a) => (
            <label class="inline">
              <input
                type="checkbox"
                checked={members[a.username] === true || a.username === leader()}
                disabled={a.username === leader()}
                onChange={(e) => setMembers(a.username, e.currentTarget.checked)}
              />
              {a.displayName}
            </label>
          )}
        </For>
        <span
          classList={{
            hint: chosen() >= props.setup.assessorsPerCandidate,
            problems: chosen() < props.setup.assessorsPerCandidate,
          }}
        >
          已选 {chosen()} 人（方案要求每名考生 {props.setup.assessorsPerCandidate} 名考评员）
        </span>
        <button type="button" class="primary" disabled={action.busy()} onClick={save}>
          保存考评组
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
    </fieldset>
  );
}

/** 回避: an assessor never scores a candidate they are related to; listed, and added one at a time. */
function Relations(props: { batchId: string; setup: PanelSetup; onSaved: (s: PanelSetup) => void }) {
  const [ticket, setTicket] = createSignal('');
  const [assessor, setAssessor] = createSignal('');
  const [relation, setRelation] = createSignal('');
  const action = createAction();
  const add = () =>
    void action.run(
      async () => {
        const next = await ok(
          client.batches[':batchId'].relations.$post({
            param: { batchId: props.batchId },
            json: { ticket: ticket(), assessor: assessor(), relation: relation() },
          }),
        );
        props.onSaved(next);
        setRelation('');
        return next;
      },
      () => `已登记回避：${assessor()} 不为 ${ticket()} 评分`,
    );
  return (
    <section class="relations" aria-label="回避关系">
      <h4>回避关系</h4>
      <Show when={props.setup.relations.length > 0} fallback={<p class="hint">尚未登记回避关系。</p>}>
        <Grid label="已登记的回避关系" columns={['准考证号', '考生', '考评员', '关系']} rows={props.setup.relations}>
          {(r) => (
            <tr>
              <td>{r.ticket}</td>
              <td>{r.name}</td>
              <td>
                {r.assessorName}（{r.assessor}）
              </td>
              <td>{r.relation}</td>
            </tr>
          )}
        </Grid>
      </Show>
      <div class="row">
        <label>
          考生
          <select onChange={(e) => setTicket(e.currentTarget.value)}>
            <Options
              none="请选择"
              choices={props.setup.candidates.map((c) => ({ value: c.ticket, name: `${c.ticket} ${c.name}` }))}
              selected={ticket()}
            />
          </select>
        </label>
        <label>
          考评员
          <select onChange={(e) => setAssessor(e.currentTarget.value)}>
            <Options none="请选择" choices={assessorChoices(props.setup)} selected={assessor()} />
          </select>
        </label>
        <label>
          关系
          <input
            placeholder="如 亲属、直接上下级、师徒"
            value={relation()}
            onInput={(e) => setRelation(e.currentTarget.value)}
          />
        </label>
        <button type="button" disabled={action.busy()} onClick={add}>
          登记回避
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}

/** Panels per panel-scored component of the plan, and the avoidance relations. */
export function PanelEditor(props: { batchId: string; setup: PanelSetup; onSaved: (s: PanelSetup) => void }) {
  return (
    <section class="panel" aria-label="考评组">
      <h3>考评组</h3>
      <Show
        when={props.setup.planSet}
        fallback={<p class="hint">请先保存认定方案：考评组按方案中由考评员评分的组成部分设置。</p>}
      >
        <Show when={props.setup.assessors.length > 0} fallback={<p class="notice warn">本职业还没有登记的考评员。</p>}>
          {/* Keyed by code: saving hands back a new setup, and each form (with its message) must stay. */}
          <For
            each={props.setup.components.map((c) => c.code)}
            fallback={<p class="hint">认定方案中没有由考评员评分的组成部分。</p>}
          >
            {(code) => (
              <PanelForm
                batchId={props.batchId}
                setup={props.setup}
                component={props.setup.components.find((c) => c.code === code)!}
                onSaved={props.onSaved}
              />
            )}
          </For>
        </Show>
      </Show>
      <Relations batchId={props.batchId} setup={props.setup} onSaved={props.onSaved} />
    </section>
  );
}
