import { roomStatusName } from '@kaowu/domain/browser';
import { A, useNavigate } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { api } from '../../api.ts';
import { hasRole } from '../../session.ts';
import type { BatchView, Role } from '../../types.ts';
import { AuditLink } from '../audit/AuditLink.tsx';
import { ResultsSetup } from '../plan/ResultsSetup.tsx';
import { ResultsPanel } from '../results/ResultsPanel.tsx';
import { PaperPanel } from './PaperPanel.tsx';
import { RosterPanel } from './RosterPanel.tsx';
import { HaltBanner } from '../supervision/HaltBanner.tsx';
import { SupervisionPanel } from '../supervision/SupervisionPanel.tsx';

/** The batch's tabs, in order; each is an address (/batches/:id/:tab), overview being the bare batch address. */
export const BATCH_TABS = ['overview', 'papers', 'plan', 'results', 'supervision'] as const;
type Tab = (typeof BATCH_TABS)[number];
/**
 * Who sees which tab (the server refuses the rest anyway). Papers are for administrators only (试题保密); results
 * and supervision are read by every member of the batch's staff, supervisors included, since they audit them.
 */
const TAB_ROLES: Partial<Record<Tab, Role[]>> = { papers: ['administrator'], plan: ['administrator', 'assessor'] };

/** One batch: rooms and warnings, roster, print pages, papers and results; the tab is part of the address. */
export function BatchPage(props: { batchId: string; tab: Tab }) {
  const [batch, { refetch }] = createResource(
    () => props.batchId,
    (id) => api.get<BatchView>(`/batches/${encodeURIComponent(id)}`),
  );
  const navigate = useNavigate();
  const tab = () => props.tab;
  const mayOpen = (t: Tab): boolean => TAB_ROLES[t] === undefined || hasRole(...TAB_ROLES[t]);
  const setTab = (t: Tab) =>
    navigate(`/batches/${encodeURIComponent(props.batchId)}${t === 'overview' ? '' : `/${t}`}`);
  return (
    <Show when={batch.latest} fallback={<p>正在载入批次…</p>}>
      {(b) => (
        <section class="batch" aria-label="批次">
          <header class="row">
            <h2>
              {b().planNumber} {b().name}
            </h2>
            <AuditLink batch={b()} />
          </header>
          <HaltBanner batchId={b().id} />
          <div class="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab() === 'overview'} onClick={() => setTab('overview')}>
              考场与名单
            </button>
            <Show when={mayOpen('papers')}>
              <button type="button" role="tab" aria-selected={tab() === 'papers'} onClick={() => setTab('papers')}>
                试卷
              </button>
            </Show>
            <Show when={mayOpen('plan')}>
              <button type="button" role="tab" aria-selected={tab() === 'plan'} onClick={() => setTab('plan')}>
                认定方案
              </button>
            </Show>
            <button type="button" role="tab" aria-selected={tab() === 'results'} onClick={() => setTab('results')}>
              成绩与认定
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab() === 'supervision'}
              onClick={() => setTab('supervision')}
            >
              内部督导
            </button>
          </div>
          <Switch>
            <Match when={tab() === 'overview'}>
              <For each={b().warnings}>{(w) => <p class="notice warn">{w}</p>}</For>
              <table class="grid">
                <thead>
                  <tr>
                    <th>考场</th>
                    <th>名称</th>
                    <th>座位</th>
                    <th>考生</th>
                    <th>监考</th>
                    <th>状态</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For each={b().rooms}>
                    {(r) => (
                      <tr>
                        <td>{r.code}</td>
                        <td>{r.name}</td>
                        <td>{r.seats}</td>
                        <td data-testid={`room-${r.code}-candidates`}>{r.candidates}</td>
                        <td>{r.proctors.join('、')}</td>
                        <td>
                          {roomStatusName(r.status)}
                          {r.paused ? '（暂停）' : ''}
                        </td>
                        <td>
                          <A href={`/rooms/${encodeURIComponent(r.id)}`}>考场看板</A>{' '}
                          <a href={`/api/batches/${b().id}/rooms/${r.id}/seating`} target="_blank" rel="noopener">
                            座次表
                          </a>{' '}
                          <a href={`/api/batches/${b().id}/rooms/${r.id}/sign-in`} target="_blank" rel="noopener">
                            签到表
                          </a>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={hasRole('administrator')}>
                <p>
                  <a href={`/api/batches/${b().id}/tickets`} target="_blank" rel="noopener">
                    打印准考证
                  </a>{' '}
                  · 试卷：
                  {b().papers.length === 0
                    ? '未配置'
                    : b()
                        .papers.map((p) => `${p.form} 卷 ${p.hash.slice(0, 8)}`)
                        .join('，')}
                </p>
                <RosterPanel batchId={b().id} onImported={() => void refetch()} />
              </Show>
            </Match>
            <Match when={!mayOpen(tab())}>
              <p class="notice warn" role="alert">
                您的角色无权查看此页。
              </p>
            </Match>
            <Match when={tab() === 'papers'}>
              <PaperPanel batch={b()} onAttached={() => void refetch()} />
            </Match>
            <Match when={tab() === 'plan'}>
              <ResultsSetup batchId={b().id} />
            </Match>
            <Match when={tab() === 'results'}>
              <ResultsPanel batchId={b().id} canAct={hasRole('administrator')} />
            </Match>
            <Match when={tab() === 'supervision'}>
              <SupervisionPanel batchId={b().id} />
            </Match>
          </Switch>
        </section>
      )}
    </Show>
  );
}
