import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { api, bankPath, messageOf } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BatchView } from '../../types.ts';

interface Feasibility { ok: boolean; message?: string; forms?: { form: string; items: number; meanDifficulty: number }[] }
interface PaperRow { id: string; form: string; hash: string; seed: string; draft: boolean; batchId: string | null; createdAt: string }

/** Blueprint with live feasibility against the bank, assembly with a seed, verification, and attaching to the batch. */
export function PaperPanel(props: { batch: BatchView; onAttached: () => void }) {
  const bank = { occupationCode: props.batch.occupationCode, level: props.batch.level };
  const [blueprint, setBlueprint] = createSignal('');
  const [seed, setSeed] = createSignal(props.batch.planNumber);
  const [feasible, setFeasible] = createSignal<Feasibility>();
  const [papers, { refetch }] = createResource(() => api.get<PaperRow[]>(`${bankPath(bank)}/papers`));
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const action = createAction();
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  // Feasibility follows the typing, half a second after it stops.
  const check = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (blueprint().trim() === '' || seed().trim() === '') return setFeasible(undefined);
      api.post<Feasibility>(`${bankPath(bank)}/feasibility`, { blueprint: blueprint(), seed: seed() }).then(setFeasible, (e) => setFeasible({ ok: false, message: messageOf(e) }));
    }, 500);
  };
  const assemble = () =>
    void action.run(async () => {
      const res = await api.post<{ papers: { id: string; form: string; hash: string; items: number }[] }>(`${bankPath(bank)}/papers`, { blueprint: blueprint(), seed: seed() });
      await refetch();
      setPicked(new Set(res.papers.map((p) => p.id)));
      return res;
    }, (r) => `已组卷：${r.papers.map((p) => `${p.form} 卷 ${p.items} 题`).join('，')}`);
  const verify = (p: PaperRow) => void action.run(() => api.post<{ hash: string }>(`/papers/${p.id}/verify`), (r) => `${p.form} 卷核验通过：${r.hash.slice(0, 16)}… 与封存哈希一致`);
  const attach = () =>
    void action.run(async () => {
      const ids = [...picked()];
      if (!window.confirm(`确定将选中的 ${ids.length} 套试卷用于本批次？`)) return undefined;
      await api.put(`/batches/${props.batch.id}/papers`, { paperIds: ids });
      props.onAttached();
      return ids.length;
    }, (n) => (n === undefined ? undefined : `已为批次配置 ${n} 套试卷`));
  return (
    <section class="panel" aria-label="试卷">
      <h3>组卷</h3>
      <div class="split">
        <div>
          <label>组卷方案（YAML）<textarea aria-label="组卷方案" rows="12" class="mono" value={blueprint()} onInput={(e) => { setBlueprint(e.currentTarget.value); check(); }} /></label>
          <div class="row">
            <label>种子<input aria-label="种子" value={seed()} onInput={(e) => { setSeed(e.currentTarget.value); check(); }} /></label>
            <button type="button" class="primary" disabled={action.busy() || feasible()?.ok !== true} onClick={assemble}>组卷并封存</button>
          </div>
        </div>
        <div class="feasibility" aria-live="polite">
          <Show when={feasible()} fallback={<p class="hint">输入组卷方案后，这里即时显示能否组卷。</p>}>
            {(r) => (
              <Show when={r().ok} fallback={<p class="notice error" data-testid="feasibility">不可组卷：{r().message}</p>}>
                <p class="notice ok" data-testid="feasibility">可以组卷：{(r().forms ?? []).map((x) => `${x.form} 卷 ${x.items} 题，平均难度 ${x.meanDifficulty}`).join('；')}</p>
              </Show>
            )}
          </Show>
        </div>
      </div>
      <table class="grid">
        <thead><tr><th /><th>卷别</th><th>哈希</th><th>种子</th><th>状态</th><th>组卷时间</th><th /></tr></thead>
        <tbody>
          <For each={papers()}>
            {(p) => (
              <tr>
                <td><input type="checkbox" aria-label={`选择 ${p.form} 卷 ${p.hash.slice(0, 8)}`} disabled={p.draft} checked={picked().has(p.id)} onChange={() => { const n = new Set(picked()); if (n.has(p.id)) n.delete(p.id); else n.add(p.id); setPicked(n); }} /></td>
                <td>{p.form}</td><td><code>{p.hash.slice(0, 16)}…</code></td><td>{p.seed}</td>
                <td>{p.draft ? '草稿' : p.batchId === props.batch.id ? '本批次' : p.batchId ? '已用于其他批次' : '已封存'}</td><td>{p.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td><button type="button" onClick={() => verify(p)}>核验哈希</button> <button type="button" onClick={() => void action.run(() => api.download(`/papers/${p.id}/export?format=xlsx`, '试卷.xlsx'))}>预览/导出</button></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <button type="button" class="primary" disabled={picked().size === 0 || action.busy()} onClick={attach}>用于本批次</button>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
