import { createEffect, createMemo, createSignal, For, Index, on, onCleanup, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { Options } from '../../components/Options.tsx';
import { createAction } from '../../components/run.ts';
import { TableHead } from '../../components/TableHead.tsx';
import type { ComponentKind, PlanProblem, PlanView } from '../../contract.ts';
import {
  buildPlan,
  fieldLabel,
  freshCode,
  generalProblems,
  newPlanForm,
  planForm,
  problemsAt,
  weightTotal,
  type PlanForm,
} from './plan-form.ts';
import { CurrentPlan } from './CurrentPlan.tsx';

/** How long typing must pause before the server checks the plan. */
const CHECK_DELAY_MS = 350;

/** The plan-wide numbers, typed as text into a short box; the server's check says what is wrong with them. */
type SettingKey =
  | 'compositePassLine'
  | 'assessorsPerCandidate'
  | 'spreadThreshold'
  | 'minPensionMonths'
  | 'dispatchedMinYears'
  | 'retirementMale'
  | 'retirementFemale';
interface Setting {
  key: SettingKey;
  label: string;
  inputmode: 'numeric' | 'decimal';
  placeholder?: string;
}
/** The eligibility limits a plan may set; left empty, the domain's defaults apply. */
const ELIGIBILITY_LIMITS: readonly Setting[] = [
  { key: 'minPensionMonths', label: '养老保险最少月数', inputmode: 'numeric', placeholder: '默认' },
  { key: 'dispatchedMinYears', label: '劳务派遣最少年限', inputmode: 'decimal', placeholder: '默认' },
  { key: 'retirementMale', label: '退休年龄（男）', inputmode: 'numeric', placeholder: '默认' },
  { key: 'retirementFemale', label: '退休年龄（女）', inputmode: 'numeric', placeholder: '默认' },
];
/** A component's fields typed as text; kind and group are chosen from lists. */
type ComponentText = 'name' | 'weight' | 'passLine';

/**
 * The assessment plan (认定方案) as a form: components with kind, weight, pass line, required or elective;
 * checked by the server (the domain's schema and rules) as it is typed, each problem at its field.
 */
export function PlanEditor(props: { batchId: string; view: PlanView; onSaved: (view: PlanView) => void }) {
  const route = client.batches[':batchId'].plan;
  const param = () => ({ batchId: props.batchId });
  const [form, setForm] = createStore<PlanForm>(
    props.view.plan ? planForm(props.view.plan, props.view.eligibilityAsOf) : newPlanForm(),
  );
  const built = createMemo(() => buildPlan(form));
  const [checked, setChecked] = createSignal<PlanProblem[]>([]);
  const [checking, setChecking] = createSignal(false);
  const action = createAction();
  let asked = 0;
  // The outside world: the server's check, once typing pauses; a later answer always wins over an earlier one.
  createEffect(
    on(
      () => JSON.stringify(built().plan ?? null),
      (json) => {
        const plan = built().plan;
        if (plan === undefined) return setChecked([]);
        const n = ++asked;
        setChecking(true);
        const timer = setTimeout(() => {
          ok(route.check.$post({ param: param(), json: { plan } }))
            .then((r) => n === asked && setChecked(r.problems))
            .catch(() => n === asked && setChecked([]))
            .finally(() => n === asked && setChecking(false));
        }, CHECK_DELAY_MS);
        onCleanup(() => clearTimeout(timer));
        return json;
      },
    ),
  );
  // Problems show once the person has worked on the form (a component's row once it was typed in or left), or
  // tried to save: a fresh form opens without a wall of red.
  const [dirty, setDirty] = createSignal(false);
  const [attempted, setAttempted] = createSignal(false);
  const [rowsTouched, setRowsTouched] = createSignal<ReadonlySet<number>>(new Set());
  const touchRow = (i: number) => setRowsTouched(new Set([...rowsTouched(), i]));
  const shown = (field: string): boolean => {
    if (attempted()) return true;
    const row = /^components\.(\d+)\./.exec(field);
    return row ? rowsTouched().has(Number(row[1])) : dirty();
  };
  const problems = createMemo(() => [...built().hints, ...checked()].filter((p) => shown(p.field ?? '')));
  const at = (field: string) => problemsAt(problems(), field);
  const general = createMemo(() => generalProblems(problems(), form));
  const save = () =>
    void action.run(
      async () => {
        setAttempted(true);
        const plan = built().plan;
        if (plan === undefined)
          throw new Error(
            `方案还有 ${built().hints.length} 处未填好：${built()
              .hints.map((h) => h.message)
              .join('；')}`,
          );
        const eligibilityAsOf = form.eligibilityAsOf.trim();
        const view = await ok(
          route.$put({ param: param(), json: { plan, ...(eligibilityAsOf === '' ? {} : { eligibilityAsOf }) } }),
        );
        props.onSaved(view);
        return view;
      },
      (v) => `认定方案已保存（申报条件审核日期 ${v.eligibilityAsOf ?? ''}）`,
    );
  const groupName = (code: string) => form.groups.find((g) => g.code === code)?.name || code;
  // Codes are internal keys (score sheets and electives match by name too): a new part gets a fresh one.
  const addComponent = () =>
    setForm('components', (cs) => [
      ...cs,
      {
        code: freshCode(
          'practical',
          cs.map((c) => c.code),
        ),
        name: '',
        kind: 'practical' as ComponentKind,
        weight: '',
        passLine: '60',
        group: '',
        extra: {},
      },
    ]);
  const removeComponent = (i: number) => setForm('components', (cs) => cs.filter((_, j) => j !== i));
  const addGroup = () =>
    setForm('groups', (gs) => [
      ...gs,
      {
        code: freshCode(
          'group',
          gs.map((g) => g.code),
        ),
        name: '',
        choose: '1',
      },
    ]);
  const removeGroup = (i: number) => {
    const code = form.groups[i]?.code;
    setForm('groups', (gs) => gs.filter((_, j) => j !== i));
    setForm('components', (c) => c.group === code, 'group', '');
  };
  const SettingBox = (p: Setting) => (
    <label>
      {p.label}
      <input
        class="short"
        inputmode={p.inputmode}
        placeholder={p.placeholder}
        value={form[p.key]}
        onInput={(e) => setForm(p.key, e.currentTarget.value)}
      />
    </label>
  );

  return (
    <section
      class="panel plan-editor"
      aria-label="认定方案"
      onInput={() => setDirty(true)}
      onChange={() => setDirty(true)}
    >
      <h3>认定方案</h3>
      <CurrentPlan view={props.view} />
      <div class="row">
        <label>
          认定方式
          <select onChange={(e) => setForm('method', e.currentTarget.value)}>
            <Options choices={props.view.methods} selected={form.method} />
          </select>
        </label>
        <SettingBox key="compositePassLine" label="综合成绩合格线" inputmode="decimal" placeholder="不设" />
        <label>
          申报条件审核日期
          <input
            type="date"
            value={form.eligibilityAsOf}
            onInput={(e) => setForm('eligibilityAsOf', e.currentTarget.value)}
          />
        </label>
        <span class="hint">审核日期不填时取首场考试日期。</span>
      </div>
      <table class="grid plan-components" aria-label="组成部分">
        <TableHead columns={['名称', '类型', '权重（%）', '合格线', '必考/选考', '']} />
        <tbody>
          <Index each={form.components}>
            {(c, i) => {
              const field = (k: string) => `components.${i}.${k}`;
              const label = (what: string) => `第 ${i + 1} 个组成部分 ${what}`;
              const rowProblems = () =>
                ['code', 'name', 'kind', 'weight', 'passLine', 'group'].flatMap((k) => at(field(k)));
              const TextCell = (p: {
                k: ComponentText;
                what: string;
                class?: string;
                inputmode?: 'numeric' | 'decimal';
                placeholder?: string;
              }) => (
                <td>
                  <input
                    class={p.class}
                    inputmode={p.inputmode}
                    placeholder={p.placeholder}
                    aria-label={label(p.what)}
                    aria-invalid={at(field(p.k)).length > 0}
                    value={c()[p.k]}
                    onInput={(e) => {
                      touchRow(i);
                      setForm('components', i, p.k, e.currentTarget.value);
                    }}
                    onBlur={() => touchRow(i)}
                  />
                </td>
              );
              return (
                <>
                  <tr classList={{ invalid: rowProblems().length > 0 }}>
                    <TextCell k="name" what="名称" />
                    <td>
                      <select
                        aria-label={label('类型')}
                        onChange={(e) => setForm('components', i, 'kind', e.currentTarget.value as ComponentKind)}
                      >
                        <Options choices={props.view.kinds} selected={c().kind} />
                      </select>
                    </td>
                    <TextCell k="weight" what="权重" class="short" inputmode="numeric" />
                    <TextCell k="passLine" what="合格线" class="short" inputmode="decimal" placeholder="不设" />
                    <td>
                      <select
                        aria-label={label('必考或选考')}
                        onChange={(e) => setForm('components', i, 'group', e.currentTarget.value)}
                      >
                        <Options
                          none="必考"
                          choices={form.groups.map((g) => ({ value: g.code, name: `选考：${groupName(g.code)}` }))}
                          selected={c().group}
                        />
                      </select>
                    </td>
                    <td>
                      <button type="button" class="link" aria-label={label('删除')} onClick={() => removeComponent(i)}>
                        删除
                      </button>
                    </td>
                  </tr>
                  <Show when={rowProblems().length > 0}>
                    <tr class="row-problems">
                      <td colspan="6">
                        <For each={rowProblems()}>{(p) => <p class="problems">{p.message}</p>}</For>
                      </td>
                    </tr>
                  </Show>
                </>
              );
            }}
          </Index>
        </tbody>
      </table>
      <div class="row">
        <button type="button" onClick={addComponent}>
          添加组成部分
        </button>
        <span
          data-testid="weight-total"
          classList={{ hint: weightTotal(form) === 100, problems: weightTotal(form) !== 100 }}
        >
          权重合计 {weightTotal(form)}%
        </span>
      </div>
      <fieldset class="groups">
        <legend>选考模块组（模块化考核）</legend>
        <Index each={form.groups}>
          {(g, i) => (
            <div class="row">
              <label>
                名称
                <input value={g().name} onInput={(e) => setForm('groups', i, 'name', e.currentTarget.value)} />
              </label>
              <label>
                每人选考个数
                <input
                  class="short"
                  inputmode="numeric"
                  value={g().choose}
                  onInput={(e) => setForm('groups', i, 'choose', e.currentTarget.value)}
                />
              </label>
              <button type="button" class="link" onClick={() => removeGroup(i)}>
                删除
              </button>
              <For each={['code', 'name', 'choose'].flatMap((k) => at(`electiveGroups.${i}.${k}`))}>
                {(p) => <span class="problems">{p.message}</span>}
              </For>
            </div>
          )}
        </Index>
        <button type="button" onClick={addGroup}>
          添加选考模块组
        </button>
      </fieldset>
      <fieldset>
        <legend>考评与申报条件</legend>
        <div class="row">
          <SettingBox key="assessorsPerCandidate" label="每名考生的考评员人数" inputmode="numeric" />
          <label>
            计分方法
            <select
              value={form.aggregation}
              onChange={(e) => setForm('aggregation', e.currentTarget.value as PlanForm['aggregation'])}
            >
              <option value="mean">平均分</option>
              <option value="trimmed_mean">去掉最高最低后平均</option>
            </select>
          </label>
          <SettingBox key="spreadThreshold" label="分差阈值（超过须组长裁定分差）" inputmode="decimal" />
        </div>
        <div class="row">
          <For each={ELIGIBILITY_LIMITS}>{(setting) => <SettingBox {...setting} />}</For>
        </div>
      </fieldset>
      <p
        role="status"
        aria-label="方案检查"
        classList={{ hint: problems().length === 0, problems: problems().length > 0 }}
      >
        {problems().length > 0
          ? `方案还有 ${problems().length} 处问题`
          : checking()
            ? '正在检查…'
            : !dirty() && !attempted() && !props.view.plan
              ? '填写后自动检查方案'
              : '方案检查通过'}
      </p>
      <Show when={general().length > 0}>
        <ul class="problems" aria-label="方案问题">
          <For each={general()}>
            {(p) => (
              <li>
                {p.field ? `${fieldLabel(p.field)}：` : ''}
                {p.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="row">
        <button type="button" class="primary" disabled={action.busy()} onClick={save}>
          保存认定方案
        </button>
        <button
          type="button"
          disabled={action.busy()}
          onClick={() =>
            setForm(props.view.plan ? planForm(props.view.plan, props.view.eligibilityAsOf) : newPlanForm())
          }
        >
          放弃修改
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
