import { levelLabel } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api.ts';
import { hasRole } from '../../session.ts';
import type { BatchSummary } from '../../types.ts';
import { BatchPage } from './BatchPage.tsx';
import { CreateBatch } from './CreateBatch.tsx';

/** The batches this user may see; administrators create them here. */
export function BatchesPage(props: { onRoom: (roomId: string) => void }) {
  const [batches, { refetch }] = createResource(() => api.get<BatchSummary[]>('/batches'));
  const [open, setOpen] = createSignal<string>();
  const [creating, setCreating] = createSignal(false);
  return (
    <Show when={open()} fallback={
      <section aria-label="认定批次">
        <header class="row"><h2>认定批次</h2><Show when={hasRole('administrator')}><button type="button" class="primary right" onClick={() => setCreating(!creating())}>新建批次</button></Show></header>
        <Show when={creating()}><CreateBatch onCreated={(id) => { void refetch(); setCreating(false); setOpen(id); }} /></Show>
        <table class="grid">
          <thead><tr><th>计划编号</th><th>名称</th><th>职业</th><th>等级</th><th /></tr></thead>
          <tbody>
            <For each={batches()}>
              {(b) => (
                <tr><td>{b.planNumber}</td><td>{b.name}</td><td>{b.occupationCode}</td><td>{levelLabel(b.level as 5)}</td>
                  <td><button type="button" onClick={() => setOpen(b.id)}>打开 {b.planNumber}</button></td></tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    }>
      {(id) => (
        <>
          <button type="button" class="back" onClick={() => setOpen(undefined)}>← 全部批次</button>
          <BatchPage batchId={id()} onRoom={props.onRoom} />
        </>
      )}
    </Show>
  );
}
