import { chinaTime, examIsOver } from '@kaowu/domain/browser';
import { createResource, createSignal, Show } from 'solid-js';
import { bankParam, client, download, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { Grid } from '../../components/Grid.tsx';
import type { BatchView, PaperRow } from '../../contract.ts';
import { BlueprintEditor, type BlueprintStatus } from '../paper/BlueprintEditor.tsx';
import { PaperPreview } from '../paper/PaperPreview.tsx';

/**
 * Blueprint with live feasibility against the bank, assembly with a seed, preview, verification,
 * and attaching to the batch.
 */
export function PaperPanel(props: { batch: BatchView; onAttached: () => void }) {
  const bank = { occupationCode: props.batch.occupationCode, level: props.batch.level };
  const [seed, setSeed] = createSignal(props.batch.planNumber);
  const [status, setStatus] = createSignal<BlueprintStatus>({ text: undefined, feasible: false });
  const [papers, { refetch }] = createResource(() =>
    ok(client.banks[':occupation'][':level'].papers.$get({ param: bankParam(bank) })),
  );
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const [previewing, setPreviewing] = createSignal<string>();
  const action = createAction();
  const assemble = () =>
    void action.run(
      async () => {
        const res = await ok(
          client.banks[':occupation'][':level'].papers.$post({
            param: bankParam(bank),
            json: { blueprint: status().text ?? '', seed: seed() },
          }),
        );
        await refetch();
        setPicked(new Set(res.papers.map((p) => p.id)));
        return res;
      },
      (r) => `已组卷：${r.papers.map((p) => `${p.form} 卷 ${p.items} 题`).join('，')}`,
    );
  const verify = (p: PaperRow) =>
    void action.run(
      () => ok(client.papers[':paperId'].verify.$post({ param: { paperId: p.id } })),
      (r) => `${p.form} 卷核验通过：${r.hash.slice(0, 16)}… 与封存校验码一致`,
    );
  const attach = () =>
    void action.run(
      async () => {
        const ids = [...picked()];
        if (!window.confirm(`确定将选中的 ${ids.length} 套试卷用于本批次？`)) return undefined;
        await client.batches[':batchId'].papers.$put({ param: { batchId: props.batch.id }, json: { paperIds: ids } });
        props.onAttached();
        return ids.length;
      },
      (n) => (n === undefined ? undefined : `已为批次配置 ${n} 套试卷`),
    );
  // A batch with sealed papers attached shows them; assembling again is a choice (and none once the exam is over),
  // so the live feasibility check does not greet a finished batch with a red 不可组卷.
  const attached = () => props.batch.papers.length > 0;
  const [assembling, setAssembling] = createSignal(!attached());
  return (
    <section class="panel" aria-label="试卷">
      <Show when={attached()}>
        <p class="notice ok" data-testid="attached-papers">
          本批次已配置封存试卷：
          {props.batch.papers.map((p) => `${p.form} 卷（校验码 ${p.hash.slice(0, 16)}…）`).join('、')}
          {examIsOver(props.batch.stage) ? '。考试已结束，试卷不再更换。' : '。'}
        </p>
        <Show when={!assembling() && !examIsOver(props.batch.stage)}>
          <button type="button" onClick={() => setAssembling(true)}>
            重新组卷
          </button>
        </Show>
      </Show>
      <Show when={assembling()}>
        <h3>组卷方案</h3>
        <BlueprintEditor bank={bank} seed={seed()} onStatus={setStatus} />
      </Show>
      <div class="row" hidden={!assembling()}>
        <label class="inline">
          组卷随机码
          <input aria-label="组卷随机码" value={seed()} onInput={(e) => setSeed(e.currentTarget.value)} />
        </label>
        <button type="button" class="primary" disabled={action.busy() || !status().feasible} onClick={assemble}>
          组卷并封存
        </button>
        <span class="hint">同一题库版本、方案与组卷随机码总是组出同一套试卷，可随时核验。</span>
      </div>
      <Grid columns={['', '卷别', '校验码', '组卷随机码', '状态', '组卷时间', '']} rows={papers()}>
        {(p) => (
          <tr>
            <td>
              <input
                type="checkbox"
                aria-label={`选择 ${p.form} 卷 ${p.hash.slice(0, 8)}`}
                disabled={p.draft}
                checked={picked().has(p.id)}
                onChange={() => {
                  const n = new Set(picked());
                  if (n.has(p.id)) n.delete(p.id);
                  else n.add(p.id);
                  setPicked(n);
                }}
              />
            </td>
            <td>{p.form}</td>
            <td>
              <code>{p.hash.slice(0, 16)}…</code>
            </td>
            <td>{p.seed}</td>
            <td>
              {p.draft ? '草稿' : p.batchId === props.batch.id ? '本批次' : p.batchId ? '已用于其他批次' : '已封存'}
            </td>
            <td>{chinaTime(p.createdAt)}</td>
            <td>
              <button type="button" onClick={() => verify(p)}>
                核验校验码
              </button>{' '}
              <button
                type="button"
                aria-label={`预览 ${p.form} 卷 ${p.hash.slice(0, 8)}`}
                onClick={() => setPreviewing(p.id)}
              >
                预览
              </button>{' '}
              <button
                type="button"
                onClick={() => void action.run(() => download(`/papers/${p.id}/export?format=xlsx`, '试卷.xlsx'))}
              >
                导出 Excel
              </button>
            </td>
          </tr>
        )}
      </Grid>
      <button type="button" class="primary" disabled={picked().size === 0 || action.busy()} onClick={attach}>
        用于本批次
      </button>
      <Notice ok={action.ok()} error={action.error()} />
      <Show when={previewing()}>
        {(id) => <PaperPreview paperId={id()} bank={bank} onClose={() => setPreviewing(undefined)} />}
      </Show>
    </section>
  );
}
