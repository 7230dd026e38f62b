import { useNavigate, useSearchParams } from '@solidjs/router';
import { chinaDate } from '@kaowu/domain/browser';
import { createMemo, createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Tabs } from '../../components/Tabs.tsx';
import { BANK_TABS, type BankTab, bankTabs, may, mayInBank } from '../../permissions.ts';
import type { BankRef, Outline, OutlineArea } from '../../contract.ts';
import { CertificationPage } from './CertificationPage.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { ItemEditor } from './ItemEditor.tsx';
import { ItemReadOnly } from './ItemReadOnly.tsx';
import { EMPTY_FILTER, ItemList, type ItemFilterValue } from './ItemList.tsx';
import { OutlineTree } from './OutlineTree.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { BankStats } from '../stats/BankStats.tsx';

/** The bank's tabs (which show: the permission table); each is an address (/banks/:occupation/:level/:tab). */
export { BANK_TABS };
const TAB_NAMES: Record<BankTab, string> = {
  items: '试题',
  import: '导入导出',
  review: '审核',
  certification: '题库难度认证',
  stats: '统计分析',
};

const pointsOf = (areas: readonly OutlineArea[]): { code: string; name: string }[] =>
  areas.flatMap((a) => [...(a.points ?? []).map((p) => ({ code: p.code, name: p.name })), ...pointsOf(a.areas ?? [])]);

/**
 * One bank: progress and certification always on top, the outline on the left, the work on the right. The tab, the
 * chosen outline point (?point=) and the item open in the editor (?item=, `new` for a new one) are in the address.
 */
export function BankPage(props: { bank: BankRef; label: string; tab: BankTab | undefined }) {
  const param = bankParam(props.bank);
  const navigate = useNavigate();
  const [search] = useSearchParams<{ point?: string; item?: string }>();
  // Those who sign off and write no items start at the sign-off.
  const tab = (): BankTab =>
    props.tab ??
    (mayInBank('bank.certify', props.bank.occupationCode) && !may('item.write') ? 'certification' : 'items');
  const go = (t: BankTab, query: { point?: string | undefined; item?: string | undefined } = {}) => {
    const q = new URLSearchParams();
    if (query.point) q.set('point', query.point);
    if (query.item) q.set('item', query.item);
    navigate(
      `/banks/${encodeURIComponent(props.bank.occupationCode)}/${props.bank.level}/${t}${q.size ? `?${q}` : ''}`,
    );
  };
  const selected = () => search.point;
  const setTab = (t: BankTab) => go(t, { point: selected() });
  const setSelected = (point: string | undefined) => go('items', { point });
  /** The open item: its code, `null` for a new one, undefined for none. */
  const editing = createMemo(() =>
    search.item === undefined ? undefined : search.item === 'new' ? null : search.item,
  );
  const setEditing = (e: { code: string | undefined } | undefined) =>
    go('items', { point: selected(), item: e === undefined ? undefined : (e.code ?? 'new') });
  // The one widening cast: hono's JSON type cannot follow the outline's recursive areas (contract.ts).
  const [outline] = createResource(
    async () => (await ok(client.banks[':occupation'][':level'].outline.$get({ param }))) as Outline,
  );
  const [status, { refetch: refetchStatus }] = createResource(() =>
    ok(client.banks[':occupation'][':level'].status.$get({ param })),
  );
  const [all, { refetch: refetchAll }] = createResource(() =>
    ok(client.banks[':occupation'][':level'].items.$get({ param, query: {} })),
  );
  const [filter, setFilter] = createSignal<ItemFilterValue>(EMPTY_FILTER);
  const query = createMemo(() => {
    const f = filter();
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (v.trim() !== '') q[k] = v.trim();
    if (selected()) q.point = selected()!;
    return JSON.stringify(q);
  });
  // The source is a string (never falsy, compared by value), so an unchanged filter does not refetch.
  const [filtered, { refetch: refetchFiltered }] = createResource(query, (q) =>
    ok(client.banks[':occupation'][':level'].items.$get({ param, query: JSON.parse(q) as Record<string, string> })),
  );
  const changed = () => {
    void refetchStatus();
    void refetchAll();
    void refetchFiltered();
  };
  const points = createMemo(() => pointsOf(outline()?.areas ?? []));
  const s = () => status();
  const min = () => s()?.coverage.minItems ?? 600;
  return (
    <div class="bank">
      <header class="bank-bar">
        <h2>{props.label}</h2>
        <Show when={s()}>
          {(st) => (
            <>
              <span class="progress" title="已通过试题 / 最少题量">
                <progress max={min()} value={Math.min(min(), st().coverage.approved)} /> 已通过{' '}
                <strong data-testid="approved-count">{st().coverage.approved}</strong> / {min()} 题
              </span>
              <Show when={st().release}>
                {(r) => (
                  <span class="cert ok" data-testid="release-state" title="正式组卷使用的已认证版本">
                    已认证版本 {r().number}（{chinaDate(r().certifiedAt)}）· 待认证变更 {r().pending.total} 项
                  </span>
                )}
              </Show>
              <Show when={!st().release || st().release!.pending.total > 0}>
                <span classList={{ cert: true, ok: st().certification.certified }} data-testid="certification-state">
                  {st().release ? '新版本认证' : '题库难度认证'} {st().certification.counting}/
                  {st().certification.required}
                  {st().certification.certified ? ' · 已认证' : ' · 未完成'}
                </span>
              </Show>
              <Show when={st().release && st().release!.pending.total === 0}>
                <span class="cert ok" data-testid="certification-state">
                  题库难度认证 {st().certification.counting}/{st().certification.required} · 已认证
                </span>
              </Show>
              <span classList={{ cert: true, ok: st().ready }}>
                {st().ready
                  ? st().release && st().release!.pending.total > 0
                    ? `可用于组卷（按已认证版本 ${st().release!.number}）`
                    : '可用于组卷'
                  : `尚不可正式组卷${st().coverage.blockers.length ? `：${st().coverage.blockers.join('；')}` : ''}`}
              </span>
            </>
          )}
        </Show>
      </header>
      <div class="bank-body">
        <aside>
          <Show when={outline() && all()} fallback={<p>正在载入细目表…</p>}>
            <OutlineTree outline={outline()!} items={all()!} selected={selected()} onSelect={setSelected} />
          </Show>
        </aside>
        <main>
          <Tabs tabs={bankTabs(props.bank.occupationCode)} names={TAB_NAMES} current={tab()} onSelect={setTab} />
          <Switch>
            <Match
              when={
                tab() === 'items' &&
                typeof editing() === 'string' &&
                !mayInBank('item.write', props.bank.occupationCode)
                  ? editing()
                  : undefined
              }
              keyed
            >
              {(code) => <ItemReadOnly bank={props.bank} code={code} onClose={() => setEditing(undefined)} />}
            </Match>
            <Match
              when={tab() === 'items' && editing() !== undefined ? { code: editing() ?? undefined } : undefined}
              keyed
            >
              {(e) => (
                <ItemEditor
                  bank={props.bank}
                  code={e.code}
                  points={points()}
                  defaultPoint={selected()}
                  onSaved={changed}
                  onClose={() => setEditing(undefined)}
                />
              )}
            </Match>
            <Match when={tab() === 'items'}>
              <ItemList
                bank={props.bank}
                items={filtered.latest ?? []}
                filter={filter()}
                onFilter={setFilter}
                onOpen={(code) => setEditing({ code })}
                onChanged={changed}
              />
            </Match>
            <Match when={tab() === 'import'}>
              <ImportPanel bank={props.bank} onImported={changed} />
            </Match>
            <Match when={tab() === 'review'}>
              <ReviewQueue bank={props.bank} status={status.latest} onChanged={changed} />
            </Match>
            <Match when={tab() === 'certification'}>
              <CertificationPage bank={props.bank} status={status.latest} onCertified={changed} />
            </Match>
            <Match when={tab() === 'stats'}>
              <BankStats bank={props.bank} />
            </Match>
          </Switch>
        </main>
      </div>
    </div>
  );
}
