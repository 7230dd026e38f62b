import {
  DIFFICULTY_NAMES,
  type Difficulty,
  ITEM_TYPE_NAMES,
  type ItemType,
  OPTION_LETTERS,
  STATS_FLAG_NAMES,
  type StatsFlag,
} from '@kaowu/domain/browser';
import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { type Answer, ApiError, client, download, ok } from '../../api.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { characteristic, fixed, pct, SORT_KEYS, type SortKey, sortLines } from './stats-view.ts';
import './stats.css';

type Report = Answer<(typeof client.batches)[':batchId']['stats']['$get']>;
type Form = Report['forms'][number];
type Line = Form['items'][number];

const formName = (form: string) => (form === '' ? '全部试卷' : `${form} 卷`);
const optionName = (type: string, option: number) =>
  type === 'true_false' ? (option === 0 ? '正确' : '错误') : (OPTION_LETTERS[option] ?? String(option));

/**
 * A batch's item analysis (统计分析): the test summary and score histogram, the sortable item table with flags,
 * and per item its options and characteristic chart. Administrators compute it; everyone reads and exports.
 */
export function StatsPanel(props: { batchId: string; canCompute: boolean; canCorrectKey?: boolean }) {
  const param = () => ({ batchId: props.batchId });
  const [report, { mutate }] = createResource(
    () => props.batchId,
    async (batchId) => {
      try {
        return await ok(client.batches[':batchId'].stats.$get({ param: { batchId } }));
      } catch (e) {
        // nothing computed yet is a state of the batch, not a failure
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  );
  const action = createAction();
  const compute = () =>
    void action.run(
      async () => {
        const r = await ok(client.batches[':batchId'].stats.$post({ param: param() }));
        mutate(r);
        return r;
      },
      (r) => `统计分析已计算：${r.forms[0]?.test.n ?? 0} 名考生`,
    );
  const [form, setForm] = createSignal('');
  const current = createMemo(() => report()?.forms.find((f) => f.form === form()) ?? report()?.forms[0]);
  return (
    <section class="stats" aria-label="统计分析">
      <div class="row">
        <Show when={props.canCompute}>
          <button type="button" disabled={action.busy()} onClick={compute}>
            计算统计
          </button>
        </Show>
        <Show when={report()}>
          {(r) => (
            <>
              <button
                type="button"
                onClick={() =>
                  void action.run(() =>
                    download(
                      `/batches/${encodeURIComponent(props.batchId)}/stats/report`,
                      `${r().planNumber}-统计分析.xlsx`,
                    ),
                  )
                }
              >
                导出 Excel
              </button>
              <Show when={r().forms.length > 2}>
                <label>
                  试卷
                  <select value={form()} onChange={(e) => setForm(e.currentTarget.value)}>
                    <For each={r().forms}>{(f) => <option value={f.form}>{formName(f.form)}</option>}</For>
                  </select>
                </label>
              </Show>
              <span class="hint">计算于 {r().computedAt.slice(0, 16).replace('T', ' ')}</span>
            </>
          )}
        </Show>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <Notice error={report.error} />
      <Show when={report() === null}>
        <p class="hint">
          本批次尚未计算统计分析{props.canCompute ? '：成绩计算完成后点“计算统计”。' : '，请联系考务管理员计算。'}
        </p>
      </Show>
      <Show when={current()}>
        {(f) => (
          <FormView
            form={f()}
            pooled={f().form === ''}
            batchId={props.batchId}
            canCorrectKey={props.canCorrectKey ?? false}
            bank={{ occupationCode: report()!.occupationCode, level: report()!.level }}
          />
        )}
      </Show>
    </section>
  );
}

function Summary(props: { test: Form['test'] }) {
  const t = () => props.test;
  return (
    <dl class="facts stats-summary" aria-label="测试概要">
      <dt>考生人数</dt>
      <dd data-testid="stats-n">{t().n}</dd>
      <dt>平均分</dt>
      <dd>
        {fixed(t().mean)} / {t().maxTotal}
      </dd>
      <dt>中位数</dt>
      <dd>{fixed(t().median, 1)}</dd>
      <dt>标准差</dt>
      <dd>{fixed(t().sd)}</dd>
      <dt>偏度 / 峰度</dt>
      <dd>
        {fixed(t().skewness)} / {fixed(t().kurtosis)}
      </dd>
      <dt>α 系数{t().alphaBasis === 'forms' ? '（各卷加权）' : ''}</dt>
      <dd data-testid="stats-alpha">{fixed(t().alpha, 3)}</dd>
      <dt>测量标准误</dt>
      <dd>{fixed(t().sem)}</dd>
      <dt>误差比</dt>
      <dd>{pct(t().errorRatio)}</dd>
      <dt>未计入</dt>
      <dd data-testid="stats-excluded">
        缺考/未开始 {t().excluded.absent}，未交卷 {t().excluded.notSubmitted}，未评分 {t().excluded.unscored}
      </dd>
    </dl>
  );
}

interface BankRef {
  readonly occupationCode: string;
  readonly level: number;
}

function FormView(props: { form: Form; pooled: boolean; bank: BankRef; batchId: string; canCorrectKey: boolean }) {
  const [sort, setSort] = createSignal<{ key: SortKey; ascending: boolean }>({ key: 'flags', ascending: false });
  const [onlyFlagged, setOnlyFlagged] = createSignal(false);
  const [open, setOpen] = createSignal<string>();
  const lines = createMemo(() =>
    sortLines(
      props.form.items.filter((i) => !onlyFlagged() || i.flags.length > 0),
      sort().key,
      sort().ascending,
    ),
  );
  const flagged = () => props.form.items.filter((i) => i.flags.length > 0).length;
  const sortBy = (key: SortKey) =>
    setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : key === 'itemCode' }));
  const opened = () => props.form.items.find((i) => i.itemCode === open());
  return (
    <>
      <div class="stats-top">
        <Summary test={props.form.test} />
        <BarChart
          title="总分分布"
          labels={props.form.test.distribution.map((d) => String(d.score))}
          series={[{ label: '人数', values: props.form.test.distribution.map((d) => d.count), color: '#4a78b0' }]}
          height={170}
        />
      </div>
      <div class="row">
        <strong>试题</strong>
        <span class="hint" data-testid="stats-flagged">
          {props.form.items.length} 题，其中 {flagged()} 题有统计异常
        </span>
        <label>
          <input type="checkbox" checked={onlyFlagged()} onChange={(e) => setOnlyFlagged(e.currentTarget.checked)} />
          仅看有统计异常
        </label>
      </div>
      <div class="stats-body">
        <div class="scroll stats-items">
          <table class="grid" aria-label="试题统计">
            <thead>
              <tr>
                <For each={Object.entries(SORT_KEYS) as [SortKey, string][]}>
                  {([key, name]) => (
                    <th aria-sort={sort().key === key ? (sort().ascending ? 'ascending' : 'descending') : 'none'}>
                      <button type="button" class="link" onClick={() => sortBy(key)}>
                        {name}
                        {sort().key === key ? (sort().ascending ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={lines()}>
                {(l) => (
                  <tr
                    class={`${l.flags.length > 0 ? 'flagged' : ''}${open() === l.itemCode ? ' current' : ''}`}
                    data-testid={`stats-item-${l.itemCode}`}
                  >
                    <td>
                      <button type="button" class="link" onClick={() => setOpen(l.itemCode)}>
                        {l.itemCode}
                      </button>
                    </td>
                    <td>{DIFFICULTY_NAMES[l.band as Difficulty] ?? l.band}</td>
                    <td>{l.n}</td>
                    <td>{pct(l.facility)}</td>
                    <td>{fixed(l.discrimination)}</td>
                    <td>{fixed(l.discriminativeEfficiency)}</td>
                    <td>{fixed(l.rasch?.difficulty)}</td>
                    <td>{fixed(l.rasch?.infit)}</td>
                    <td class="flags">
                      <For each={l.flags}>
                        {(f) => (
                          <span class="flag" title={f.detail}>
                            {STATS_FLAG_NAMES[f.flag as StatsFlag] ?? f.flag}
                          </span>
                        )}
                      </For>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={opened()} fallback={<p class="hint stats-item">点试题编号查看其选项分析和特征曲线。</p>} keyed>
          {(l) => (
            <ItemDetail
              line={l}
              pooled={props.pooled}
              bank={props.bank}
              onClose={() => setOpen(undefined)}
              correct={props.canCorrectKey ? props.batchId : undefined}
            />
          )}
        </Show>
      </div>
    </>
  );
}

/** One item: its flags with their reasons, the option table and the characteristic chart. */
function ItemDetail(props: {
  line: Line;
  pooled: boolean;
  bank: BankRef;
  onClose: () => void;
  /** the batch whose key may be corrected here, for those who may */
  correct: string | undefined;
}) {
  const l = () => props.line;
  const curve = createMemo(() => characteristic(l().icc, l().rasch?.difficulty));
  return (
    <aside class="stats-item" aria-label={`试题 ${l().itemCode} 的统计`}>
      <header class="row">
        <strong>
          {l().itemCode}（{ITEM_TYPE_NAMES[l().type as ItemType] ?? l().type}，第 {l().version} 版）
        </strong>
        {/* the item in its bank, where it is returned, edited or retired */}
        <A href={`/banks/${props.bank.occupationCode}/${props.bank.level}?item=${encodeURIComponent(l().itemCode)}`}>
          在题库中打开
        </A>
        <button type="button" class="link" onClick={() => props.onClose()}>
          关闭
        </button>
      </header>
      <ul class="reasons">
        <For each={l().flags} fallback={<li class="hint">无统计异常</li>}>
          {(f) => (
            <li>
              <strong>{STATS_FLAG_NAMES[f.flag as StatsFlag] ?? f.flag}</strong>：{f.detail}
            </li>
          )}
        </For>
      </ul>
      <table class="grid" aria-label="选项分析">
        <thead>
          <tr>
            <th>选项</th>
            <th>选择人数</th>
            <th>选择比例</th>
            <th>选择者其余得分均值</th>
            <th>高分组选择</th>
          </tr>
        </thead>
        <tbody>
          <For each={l().options}>
            {(o) => (
              <tr class={o.keyed ? 'keyed' : ''}>
                <td>
                  {optionName(l().type, o.option)}
                  {o.keyed ? '（答案）' : ''}
                </td>
                <td>{o.count}</td>
                <td>{pct(o.share)}</td>
                <td>{fixed(o.meanRest, 1)}</td>
                <td>
                  {o.upperCount} / {l().upperN}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.correct ? l().flags.find((f) => f.flag === 'key_suspect') : undefined} keyed>
        {(f) => <KeyCorrection batchId={props.correct!} line={l()} option={f.option ?? 0} />}
      </Show>
      <Show when={props.pooled && l().icc.length > 0}>
        <BarChart
          title="特征曲线：各分数组实际通过率与 Rasch 预期"
          labels={curve().labels}
          series={[
            { label: '实际通过率', values: curve().observed, color: '#7aa6d6' },
            { label: 'Rasch 预期', values: curve().expected, color: '#c0392b', line: true },
          ]}
          max={1}
          height={180}
        />
      </Show>
    </aside>
  );
}

/**
 * A suspect key's way out: the results' key correction (答案更正) for this batch, with a reason; it rescores the
 * affected attempts and recomputes the decisions. Offered with the option the upper group preferred.
 */
function KeyCorrection(props: { batchId: string; line: Line; option: number }) {
  const [key, setKey] = createSignal(optionName(props.line.type, props.option));
  const [reason, setReason] = createSignal('');
  const action = createAction();
  const run = () =>
    void action.run(
      () =>
        ok(
          client.batches[':batchId'].stats['key-correction'].$post({
            param: { batchId: props.batchId },
            json: { item: props.line.itemCode, key: key(), reason: reason() },
          }),
        ),
      (r) => `答案已由 ${r.before} 更正为 ${r.after}，${r.rescored.length} 份答卷重新评分`,
    );
  return (
    <div class="row key-correction">
      <strong>答案更正</strong>
      <input aria-label="正确答案" size={4} value={key()} onInput={(e) => setKey(e.currentTarget.value)} />
      <input
        aria-label="更正理由"
        placeholder="更正理由（必填）"
        value={reason()}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button type="button" disabled={action.busy()} onClick={run}>
        更正并重新评分
      </button>
      <Notice ok={action.ok()} error={action.error()} />
    </div>
  );
}
