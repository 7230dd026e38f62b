import { BATCH_STAGE_NAMES, chinaDate, levelLabel } from '@kaowu/domain/browser';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { client, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { may } from '../../permissions.ts';
import { NotFound } from '../NotFound.tsx';
import { BATCH_TABS, BatchPage } from './BatchPage.tsx';
import { CreateBatch } from './CreateBatch.tsx';
import { occupationLabel } from './occupation-label.ts';

/** /batches: the batches this user may see; administrators create them here. */
export function BatchesPage() {
  const [batches, { refetch }] = createResource(() => ok(client.batches.$get()));
  const [creating, setCreating] = createSignal(false);
  const navigate = useNavigate();
  return (
    <section aria-label="认定批次">
      <header class="row">
        <h2>认定批次</h2>
        <Show when={may('batch.create')}>
          <button type="button" class="primary right" onClick={() => setCreating(!creating())}>
            新建批次
          </button>
        </Show>
      </header>
      <Show when={creating()}>
        <CreateBatch
          onCreated={(id) => {
            void refetch();
            navigate(`/batches/${encodeURIComponent(id)}`);
          }}
        />
      </Show>
      <Show
        when={may('batch.create') || (batches()?.length ?? 1) > 0}
        fallback={<p class="notice">目前没有分配给您的认定批次。</p>}
      >
        <Grid
          label="批次列表"
          columns={['认定计划号', '名称', '职业', '等级', '阶段', '考试日期', '考生', '']}
          rows={batches()}
          empty="还没有认定批次。"
        >
          {(b) => (
            <tr>
              <td>{b.planNumber}</td>
              <td>{b.name}</td>
              <td>{occupationLabel(b)}</td>
              <td>{levelLabel(b.level)}</td>
              <td>
                <span class={`stage stage-${b.stage}`}>{BATCH_STAGE_NAMES[b.stage]}</span>
              </td>
              <td>{dates(b)}</td>
              <td>{b.candidates}</td>
              <td>
                <A href={`/batches/${encodeURIComponent(b.id)}`}>打开 {b.planNumber}</A>
              </td>
            </tr>
          )}
        </Grid>
      </Show>
    </section>
  );
}

/** The exam dates, China time: one day, or first – last. */
function dates(b: { startsAt: string | null; endsAt: string | null }): string {
  if (b.startsAt === null || b.endsAt === null) return '—';
  const [first, last] = [chinaDate(b.startsAt), chinaDate(b.endsAt)];
  return first === last ? first : `${first} 至 ${last}`;
}

/**
 * /batches/:batchId/:tab? — one batch, the tab in the address so a reload or a shared link lands
 * on the same screen.
 */
export function BatchRoute() {
  const params = useParams<{ batchId: string; tab?: string }>();
  const tab = () => BATCH_TABS.find((t) => t === (params.tab ?? 'overview'));
  return (
    <Show when={tab()} fallback={<NotFound />}>
      {(t) => (
        <>
          <A class="back" href="/batches">
            ← 全部批次
          </A>
          <BatchPage batchId={params.batchId} tab={t()} />
        </>
      )}
    </Show>
  );
}
