import { ITEM_STATUS_NAMES, ITEM_TYPE_NAMES, STATS_FLAG_NAMES, type StatsFlag } from '@kaowu/domain/browser';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { mayInBank } from '../../permissions.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ask } from '../../components/ask.tsx';
import { createAction } from '../../components/run.ts';
import { Grid } from '../../components/Grid.tsx';
import type { BankRef, ItemVersion } from '../../contract.ts';
import '../stats/stats.css';

export interface ItemFilterValue {
  text: string;
  type: string;
  status: string;
  difficulty: string;
  author: string;
}
export const EMPTY_FILTER: ItemFilterValue = { text: '', type: '', status: '', difficulty: '', author: '' };

/** Rows per page of the item list. */
export const PAGE_SIZE = 100;
/** How long typing pauses before the search runs. */
export const SEARCH_DELAY_MS = 300;

/** What each bulk step does, said before it is taken. */
const BULK_CONSEQUENCE = {
  submit: '提交后由其他命题专家审核；审核期间不能修改，如需修改须先撤回。',
  withdraw: '撤回后试题回到草稿，可以继续修改，之后须重新提交审核。',
  retire:
    '停用后这些试题不再进入题库版本，今后的试卷不再选用；已封存的试卷不受影响。停用已认证的试题是一项待认证变更，新版本须经考评员重新认证。',
} as const;

/** The filtered item list with bulk submit / withdraw / retire, a page at a time; a click opens the editor. */
export function ItemList(props: {
  bank: BankRef;
  items: readonly ItemVersion[];
  filter: ItemFilterValue;
  onFilter: (f: ItemFilterValue) => void;
  onOpen: (code: string | undefined) => void;
  onChanged: () => void;
}) {
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const action = createAction();
  const toggle = (code: string) => {
    const next = new Set(picked());
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setPicked(next);
  };
  const bulk = (act: 'submit' | 'withdraw' | 'retire', label: string) =>
    void action.run(
      async () => {
        const codes = [...picked()];
        if (
          !(await ask({ title: `${label} ${codes.length} 道试题`, consequence: BULK_CONSEQUENCE[act], confirm: label }))
        )
          return undefined;
        await client.banks[':occupation'][':level']['item-status'].$post({
          param: bankParam(props.bank),
          json: { codes, action: act },
        });
        setPicked(new Set<string>());
        props.onChanged();
        return codes.length;
      },
      (n) => (n === undefined ? undefined : `已${label} ${n} 道试题`),
    );
  const set = (k: keyof ItemFilterValue, v: string) => props.onFilter({ ...props.filter, [k]: v });
  // The newest statistics of each flagged item (统计 column, 仅看有统计异常), for those who may read them.
  const [flaggedList] = createResource(
    () => (mayInBank('stats.read', props.bank.occupationCode) ? props.bank : undefined),
    (bank) => ok(client.banks[':occupation'][':level'].flagged.$get({ param: bankParam(bank) })),
  );
  const flagged = createMemo(() => new Map((flaggedList() ?? []).map((f) => [f.code, f])));
  const [onlyFlagged, setOnlyFlagged] = createSignal(false);
  const listed = () => (onlyFlagged() ? props.items.filter((i) => flagged().has(i.code)) : props.items);
  // Typed words search as the person types (after a pause of SEARCH_DELAY_MS), or at once with 搜索 / Enter.
  let typing: ReturnType<typeof setTimeout> | undefined;
  const pending: Partial<ItemFilterValue> = {};
  const flush = () => {
    clearTimeout(typing);
    typing = undefined;
    if (Object.keys(pending).length === 0) return;
    const next = { ...props.filter, ...pending };
    for (const k of Object.keys(pending)) delete pending[k as keyof ItemFilterValue];
    props.onFilter(next);
  };
  const type = (k: 'text' | 'author', v: string) => {
    pending[k] = v;
    clearTimeout(typing);
    typing = setTimeout(flush, SEARCH_DELAY_MS);
  };
  onCleanup(() => clearTimeout(typing));
  // Long lists page by PAGE_SIZE rows; a new result starts at its first page.
  const [page, setPage] = createSignal(0);
  createEffect(on(listed, () => setPage(0), { defer: true }));
  const pages = () => Math.max(1, Math.ceil(listed().length / PAGE_SIZE));
  const shown = () => listed().slice(page() * PAGE_SIZE, (page() + 1) * PAGE_SIZE);
  return (
    <section class="items">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          flush();
        }}
      >
        <input
          type="search"
          placeholder="搜索题干、选项、编号"
          aria-label="搜索"
          value={props.filter.text}
          onInput={(e) => type('text', e.currentTarget.value)}
        />
        <select aria-label="题型" value={props.filter.type} onChange={(e) => set('type', e.currentTarget.value)}>
          <option value="">全部题型</option>
          <For each={Object.entries(ITEM_TYPE_NAMES)}>{([k, v]) => <option value={k}>{v}</option>}</For>
        </select>
        <select aria-label="状态" value={props.filter.status} onChange={(e) => set('status', e.currentTarget.value)}>
          <option value="">全部状态</option>
          <For each={Object.entries(ITEM_STATUS_NAMES)}>{([k, v]) => <option value={k}>{v}</option>}</For>
        </select>
        <select
          aria-label="难度"
          value={props.filter.difficulty}
          onChange={(e) => set('difficulty', e.currentTarget.value)}
        >
          <option value="">全部难度</option>
          <For each={[1, 2, 3, 4, 5]}>{(d) => <option value={String(d)}>难度 {d}</option>}</For>
        </select>
        <input
          placeholder="命题人姓名"
          aria-label="命题人"
          value={props.filter.author}
          onInput={(e) => type('author', e.currentTarget.value)}
        />
        <Show when={flaggedList()}>
          <label>
            <input type="checkbox" checked={onlyFlagged()} onChange={(e) => setOnlyFlagged(e.currentTarget.checked)} />
            仅看有统计异常（{flagged().size}）
          </label>
        </Show>
        <button type="submit">搜索</button>
        <button type="button" class="primary" onClick={() => props.onOpen(undefined)}>
          新建试题
        </button>
      </form>
      <div class="bulk">
        <span>
          共 {listed().length} 道，已选 {picked().size} 道
        </span>
        <button
          type="button"
          disabled={picked().size === 0 || action.busy()}
          onClick={() => bulk('submit', '提交审核')}
        >
          提交审核
        </button>
        <button type="button" disabled={picked().size === 0 || action.busy()} onClick={() => bulk('withdraw', '撤回')}>
          撤回
        </button>
        <button type="button" disabled={picked().size === 0 || action.busy()} onClick={() => bulk('retire', '停用')}>
          停用
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="未执行的原因" />
      <Grid
        label="试题列表"
        columns={['', '编号', '题型', '鉴定点', '难度', '状态', '统计', '命题人', '题干']}
        rows={shown()}
      >
        {(i) => (
          <tr>
            <td>
              <input
                type="checkbox"
                aria-label={`选择 ${i.code}`}
                checked={picked().has(i.code)}
                onChange={() => toggle(i.code)}
              />
            </td>
            <td>
              <button type="button" class="link" onClick={() => props.onOpen(i.code)}>
                {i.code}
              </button>
            </td>
            <td>{ITEM_TYPE_NAMES[i.content.type]}</td>
            <td>{i.content.point}</td>
            <td>{i.content.difficulty}</td>
            <td>
              <span class={`status ${i.status}`}>{ITEM_STATUS_NAMES[i.status]}</span>
            </td>
            <td class="stats-flags">
              <For each={flagged().get(i.code)?.flags ?? []}>
                {(f) => (
                  <span class="flag" title={`${flagged().get(i.code)?.planNumber}：${f.detail}`}>
                    {STATS_FLAG_NAMES[f.flag as StatsFlag] ?? f.flag}
                  </span>
                )}
              </For>
            </td>
            <td>{i.authorName}</td>
            <td class="stem">{i.content.stem.slice(0, 60)}</td>
          </tr>
        )}
      </Grid>
      <Show when={pages() > 1}>
        <nav class="row pager" aria-label="翻页">
          <button type="button" disabled={page() === 0} onClick={() => setPage(page() - 1)}>
            上一页
          </button>
          <span>
            第 {page() + 1} / {pages()} 页（第 {page() * PAGE_SIZE + 1}–
            {Math.min(listed().length, (page() + 1) * PAGE_SIZE)} 道）
          </span>
          <button type="button" disabled={page() >= pages() - 1} onClick={() => setPage(page() + 1)}>
            下一页
          </button>
        </nav>
      </Show>
      <Show when={listed().length === 0}>
        <p class="empty">没有符合条件的试题。</p>
      </Show>
    </section>
  );
}
