import { BATCH_STAGE_NAMES, levelLabel, roomStatusName, rosterLinesOpen } from '@kaowu/domain/browser';
import { A, useNavigate } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { client, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { BATCH_TABS, type BatchTab, batchTabs, mayInBatch } from '../../permissions.ts';
import { AuditLink } from '../audit/AuditLink.tsx';
import { ResultsSetup } from '../plan/ResultsSetup.tsx';
import { ResultsPanel } from '../results/ResultsPanel.tsx';
import { PaperPanel } from './PaperPanel.tsx';
import { RosterPanel } from './RosterPanel.tsx';
import { RosterTable } from './RosterTable.tsx';
import { occupationLabel } from './occupation-label.ts';
import { HaltBanner } from '../supervision/HaltBanner.tsx';
import { SupervisionPanel } from '../supervision/SupervisionPanel.tsx';
import { TimelinePanel } from '../filing/TimelinePanel.tsx';
import { DestructionPanel } from '../filing/DestructionPanel.tsx';
import { ExternalSupervisionPanel } from '../supervision/ExternalSupervisionPanel.tsx';
import { ExamDayPanel } from '../examday/ExamDayPanel.tsx';
import { StatsPanel } from '../stats/StatsPanel.tsx';

/** The batch's tabs (permissions.ts), in order; each is an address (/batches/:id/:tab), overview the bare one. */
export { BATCH_TABS };
/** What each tab is called; which tabs a person sees comes from the permission table (batchTabs). */
const TAB_NAMES: Record<BatchTab, string> = {
  overview: '考场与名单',
  papers: '试卷',
  plan: '认定方案',
  results: '成绩与认定',
  supervision: '内部督导',
  stats: '统计分析',
  examday: '考务与考评表',
  external: '外督登记',
  timeline: '备案与归档',
};

/** One batch: rooms and warnings, roster, print pages, papers and results; the tab is part of the address. */
export function BatchPage(props: { batchId: string; tab: BatchTab }) {
  const [batch, { refetch }] = createResource(
    () => props.batchId,
    (id) => ok(client.batches[':batchId'].$get({ param: { batchId: id } })),
  );
  const navigate = useNavigate();
  // Bumped after a roster import, so the candidates' photo list reloads.
  const tab = () => props.tab;
  const setTab = (t: BatchTab) =>
    navigate(`/batches/${encodeURIComponent(props.batchId)}${t === 'overview' ? '' : `/${t}`}`);
  return (
    <Show when={batch.latest} fallback={<p>正在载入批次…</p>}>
      {(b) => (
        <section class="batch" aria-label="批次">
          <header class="row">
            <h2>
              {b().planNumber} {b().name}
            </h2>
            <span class={`stage stage-${b().stage}`} data-testid="batch-stage">
              {BATCH_STAGE_NAMES[b().stage]}
            </span>
            <AuditLink batch={b()} />
          </header>
          <p class="hint">
            {occupationLabel(b())} · {levelLabel(b().level)}
          </p>
          <HaltBanner batchId={b().id} />
          <Tabs tabs={batchTabs(b())} names={TAB_NAMES} current={tab()} onSelect={setTab} />
          <Switch>
            <Match when={tab() === 'overview'}>
              <For each={b().warnings}>{(w) => <p class="notice warn">{w}</p>}</For>
              <Grid columns={['考场', '名称', '座位', '考生', '监考', '状态', '']} rows={b().rooms}>
                {(r) => (
                  <tr>
                    <td>{r.code}</td>
                    <td>{r.name}</td>
                    <td>{r.seats}</td>
                    <td data-testid={`room-${r.code}-candidates`}>{r.candidates}</td>
                    <td>{r.proctorNames.join('、')}</td>
                    <td>
                      {roomStatusName(r.status)}
                      {r.paused ? '（暂停）' : ''}
                    </td>
                    <td>
                      <Show when={mayInBatch('room.run', b())}>
                        <A href={`/rooms/${encodeURIComponent(r.id)}`}>考场看板</A>{' '}
                      </Show>
                      <a href={`/api/batches/${b().id}/rooms/${r.id}/seating`} target="_blank" rel="noopener">
                        座次表
                      </a>{' '}
                      <a href={`/api/batches/${b().id}/rooms/${r.id}/sign-in`} target="_blank" rel="noopener">
                        签到表
                      </a>
                    </td>
                  </tr>
                )}
              </Grid>
              <Show when={mayInBatch('batch.manage', b())}>
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
                {/* A batch past its exam reads as closed: no roster import or 开考拍照 setting is offered. */}
                <Show when={rosterLinesOpen(b().stage)}>
                  <RosterPanel
                    batchId={b().id}
                    stage={b().stage}
                    candidateListUntil={b().candidateListUntil}
                    webcamFrame={b().webcamFrame}
                    onSettings={() => void refetch()}
                    onImported={() => void refetch()}
                  />
                </Show>
              </Show>
              <RosterTable
                batchId={b().id}
                canEdit={mayInBatch('batch.manage', b()) && rosterLinesOpen(b().stage)}
                closed={!rosterLinesOpen(b().stage)}
                version={b()}
              />
            </Match>
            <Match when={!batchTabs(b()).includes(tab())}>
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
              <ResultsPanel batchId={b().id} canAct={mayInBatch('results.write', b())} />
            </Match>
            <Match when={tab() === 'supervision'}>
              <SupervisionPanel batchId={b().id} />
            </Match>
            <Match when={tab() === 'stats'}>
              <StatsPanel
                batchId={b().id}
                canCompute={mayInBatch('stats.compute', b())}
                canCorrectKey={mayInBatch('results.write', b())}
              />
            </Match>
            <Match when={tab() === 'examday'}>
              <ExamDayPanel batch={b()} onChanged={() => void refetch()} />
            </Match>
            <Match when={tab() === 'external'}>
              <ExternalSupervisionPanel batch={b()} />
            </Match>
            <Match when={tab() === 'timeline'}>
              <TimelinePanel batchId={b().id} canAct={mayInBatch('filing.write', b())} />
              <Show when={mayInBatch('archive.destroy', b())}>
                <DestructionPanel batchId={b().id} planNumber={b().planNumber} />
              </Show>
            </Match>
          </Switch>
        </section>
      )}
    </Show>
  );
}
