import { DECISION_OUTCOME_NAMES, DECISION_OUTCOMES } from '@kaowu/domain/browser';
import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { loaded } from '../../components/resource.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { Grid } from '../../components/Grid.tsx';
import { DecisionsTable } from './DecisionsTable.tsx';
import { PublicityPanel } from './PublicityPanel.tsx';
import { distributions, passRate, SCORE_BANDS } from './result-charts.ts';

const REPORTS: readonly [string, string][] = [
  ['summary', '综合成绩汇总表'],
  ['publicity', '公示名单'],
  ['confirmation', '公示结果确认单'],
  ['register', '证书核发登记表'],
  ['full', '全部成绩'],
];

/** Double score entry per assessor, where it stands, the decisions with reasons, and every report to download. */
export function ResultsPanel(props: {
  batchId: string /** Administrators enter scores and act; everyone else on the batch reads. */;
  canAct?: boolean;
}) {
  const canAct = () => props.canAct ?? true;
  const results = client.batches[':batchId'].results;
  const param = () => ({ batchId: props.batchId });
  // Everything here follows the assessment plan: without one, the tab says so instead of offering what would fail.
  const [planResource, { refetch: refetchPlan }] = createResource(() =>
    ok(client.batches[':batchId'].plan.$get({ param: param() })),
  );
  const hasPlan = () => (loaded(planResource)?.plan ? true : undefined);
  // Failures are shown where each part would be, with a retry (a refusal too: a 403 is never an empty page).
  // The score-entry grid is for those who enter scores only.
  const [sheetResource, { refetch: refetchSheet }] = createResource(
    () => (canAct() && hasPlan()) || undefined,
    () => ok(results.sheet.$get({ param: param() })),
  );
  const sheet = () => loaded(sheetResource);
  const [statusResource, { refetch: refetchStatus }] = createResource(hasPlan, () =>
    ok(results.scores.$get({ param: param() })),
  );
  const status = () => loaded(statusResource);
  const [decisionsResource, { refetch: refetchDecisions }] = createResource(hasPlan, () =>
    ok(results.decisions.$get({ param: param() })),
  );
  const decided = () => (decisions()?.length ?? 0) > 0;
  const decisions = () => loaded(decisionsResource);
  const [component, setComponent] = createSignal<string>();
  const current = createMemo(() =>
    sheet()?.components.find((c) => c.code === (component() ?? sheet()?.components[0]?.code)),
  );
  const [values, setValues] = createStore<Record<string, string>>({});
  const action = createAction();
  const cell = (ticket: string, assessor: string) => `${ticket}\u0000${assessor}`;
  const save = () =>
    void action.run(
      async () => {
        const comp = current();
        if (!comp) throw new Error('本批次没有需要录入的评分项');
        let n = 0;
        for (const [key, raw] of Object.entries(values)) {
          const text = raw.trim();
          if (text === '') continue;
          const [ticket, assessor] = key.split('\u0000') as [string, string];
          const value = text === '缺考' ? 'absent' : Number(text);
          if (value !== 'absent' && !Number.isFinite(value)) throw new Error(`${ticket} 的分数“${text}”不是数字`);
          await results.scores.$post({ param: param(), json: { ticket, component: comp.code, assessor, value } });
          n++;
        }
        setValues(Object.fromEntries(Object.keys(values).map((k) => [k, ''])));
        await refetchStatus();
        return n;
      },
      (n) => `已录入 ${n} 个分数`,
    );
  const compute = () =>
    void action.run(
      async () => {
        const r = await ok(results.compute.$post({ param: param() }));
        await refetchDecisions();
        return r;
      },
      () => '认定结果已计算',
    );
  const rate = createMemo(() => passRate(decisions() ?? []));
  const charts = createMemo(() => distributions(decisions() ?? []));
  const [reasons, setReasons] = createStore<Record<string, string>>({});
  const codeOf = (name: string) => sheet()?.components.find((c) => c.name === name)?.code ?? name;
  // Only the spread between assessors is the panel leader's to let stand; other blocks wait for scores.
  const isSpread = (reason: string) => reason.includes('考评组长');
  const resolveSpread = (ticket: string, componentName: string) =>
    void action.run(
      async () => {
        const key = `${ticket}\u0000${componentName}`;
        await results.spreads.$post({
          param: param(),
          json: { ticket, component: codeOf(componentName), reason: reasons[key] ?? '' },
        });
        setReasons(key, '');
        await refetchStatus();
      },
      () => `组长已裁定 ${ticket} 的分差，重新计算认定结果后生效`,
    );
  // A component, not a node: each branch below renders its own (the typed values live in the store).
  const Entry = () => (
    <Show
      when={canAct() && sheet()}
      fallback={
        canAct() &&
        hasPlan() &&
        !sheetResource.loading &&
        !sheetResource.error && (
          <p class="hint">
            本批次尚未设置考评组：请先在
            <A href={`/batches/${encodeURIComponent(props.batchId)}/plan`}>认定方案</A>中设置。
          </p>
        )
      }
    >
      {(s) => (
        <>
          <div class="row">
            <label>
              评分项
              <select value={current()?.code ?? ''} onChange={(e) => setComponent(e.currentTarget.value)}>
                <For each={s().components}>{(c) => <option value={c.code}>{c.name}</option>}</For>
              </select>
            </label>
            <span class="hint">每张评分表须由两人分别录入（或第二人确认）才生效；可填“缺考”。</span>
          </div>
          <div class="scroll">
            <Grid
              class="scores"
              label="成绩录入"
              columns={['准考证号', '姓名']}
              headings={<For each={current()?.assessors ?? []}>{(a) => <th>{a.name}</th>}</For>}
              rows={s().candidates}
            >
              {(p) => (
                <tr>
                  <td>{p.ticket}</td>
                  <td>{p.name}</td>
                  <For each={current()?.assessors ?? []}>
                    {(a) => (
                      <td>
                        <input
                          class="score"
                          aria-label={`${p.ticket} ${a.name}`}
                          inputmode="decimal"
                          value={values[cell(p.ticket, a.id)] ?? ''}
                          onInput={(e) => setValues(cell(p.ticket, a.id), e.currentTarget.value)}
                        />
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </Grid>
          </div>
          <button type="button" class="primary" disabled={action.busy()} onClick={save}>
            保存录入
          </button>
        </>
      )}
    </Show>
  );
  return (
    <section class="results" aria-label="成绩与认定">
      <Notice error={planResource.error} retry={() => void refetchPlan()} />
      <Show when={loaded(planResource)?.plan === null}>
        <p class="notice" role="note">
          本批次还没有认定方案。成绩录入、认定结果和各类报表都按认定方案中的组成部分、权重和合格线进行，
          {canAct() ? (
            <>
              请先在<A href={`/batches/${encodeURIComponent(props.batchId)}/plan`}>认定方案</A>中设置。
            </>
          ) : (
            '待考务管理员设置认定方案后可在此查看。'
          )}
        </p>
      </Show>
      <Show when={hasPlan()}>
        <Notice error={sheetResource.error} retry={() => void refetchSheet()} />
        <Notice error={statusResource.error} retry={() => void refetchStatus()} />
        <Notice error={decisionsResource.error} retry={() => void refetchDecisions()} />
        {/* A decided batch opens on its decisions and the scores behind them; entry stays at hand for corrections. */}
        <Show when={decided()}>
          <div class="charts">
            <For each={charts()}>
              {(c) => (
                <BarChart
                  title={c.title}
                  labels={SCORE_BANDS}
                  series={[{ label: '人数', values: c.values, color: '#3b6fb6' }]}
                />
              )}
            </For>
            <BarChart
              title={`通过情况${rate().rate === null ? '' : `（合格率 ${rate().rate}%）`}`}
              labels={DECISION_OUTCOMES.map((o) => DECISION_OUTCOME_NAMES[o])}
              series={[{ label: '人数', values: [rate().passed, rate().failed, rate().pending], color: '#5a9a6e' }]}
            />
          </div>
          <DecisionsTable rows={decisions() ?? []} />
        </Show>
        <Show when={decided() && canAct()} fallback={<Entry />}>
          <details class="entry">
            <summary>录入或更正成绩</summary>
            <Entry />
          </details>
        </Show>
        <Show when={status()}>
          {(st) => (
            <div class="score-status" data-testid="score-status">
              <p>
                已生效评分表 <strong>{st().finalSheets}</strong> 张；待第二人录入 {st().awaiting.length} 张；不一致{' '}
                {st().mismatches.length} 张；待组长裁定分差 {st().blocked.length} 项。
              </p>
              <For each={st().mismatches}>
                {(m) => (
                  <p class="notice error">
                    {m.ticket} {m.name}：{m.message}
                  </p>
                )}
              </For>
              <For each={st().blocked}>
                {(m) => (
                  <div class="notice warn row">
                    <span>
                      {m.ticket} {m.name}：{m.component} {m.reason}
                    </span>
                    <Show when={isSpread(m.reason)}>
                      <input
                        aria-label={`裁定理由 ${m.ticket} ${m.component}`}
                        placeholder="组长裁定理由"
                        value={reasons[`${m.ticket}\u0000${m.component}`] ?? ''}
                        onInput={(e) => setReasons(`${m.ticket}\u0000${m.component}`, e.currentTarget.value)}
                      />
                      <button
                        type="button"
                        disabled={action.busy()}
                        onClick={() => resolveSpread(m.ticket, m.component)}
                      >
                        组长裁定分差
                      </button>
                    </Show>
                  </div>
                )}
              </For>
            </div>
          )}
        </Show>
        <div class="row">
          <Show when={canAct()}>
            <button type="button" class="primary" disabled={action.busy()} onClick={compute}>
              计算认定结果
            </button>
          </Show>
          {/* Plain links: the session cookie goes with a GET, and the browser saves under the server's file name. */}
          <For each={canAct() ? REPORTS : []}>
            {([report, name]) => (
              <span class="download-pair">
                <a
                  class="button"
                  href={`/api${results.reports[':report'].$path({ param: { ...param(), report } })}`}
                  download={`${name}.xlsx`}
                >
                  下载{name}
                </a>
                <a
                  class="button"
                  title={`${name}（PDF 打印版）`}
                  href={`/api${results.reports[':report'].$path({ param: { ...param(), report } })}?format=pdf`}
                  download={`${name}.pdf`}
                >
                  PDF
                </a>
              </span>
            )}
          </For>
        </div>
        <Notice ok={action.ok()} error={action.error()} />
        <PublicityPanel batchId={props.batchId} canAct={canAct()} />
      </Show>
    </section>
  );
}
