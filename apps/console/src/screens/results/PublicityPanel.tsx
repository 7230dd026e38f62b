import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

export interface Publicity {
  publishedOn: string;
  window: { firstDay: string; lastDay: string; days: string[] };
  stateName: string;
  daysLeft: number;
  objections: { id: string; ticket: string | null; text: string; raisedAt: string; resolution?: { outcome: 'upheld' | 'dismissed'; note: string; by: string } }[];
  finalisedAt: string | null;
  matchesDecisions: boolean;
}
interface Issued { issued: { ticket: string; name: string; number: string }[]; already: number }

const RESOLUTIONS = { upheld: '异议成立', dismissed: '异议不成立' } as const;

/** 成绩公示 → 异议 → 结果生效 → 证书核发, in that order; each step says what it waits for when refused. */
export function PublicityPanel(props: { base: string }) {
  const [publicity, { mutate, refetch }] = createResource(() => api.get<Publicity>(`${props.base}/publicity`).catch(() => undefined));
  const [publishedOn, setPublishedOn] = createSignal('');
  const [workingDays, setWorkingDays] = createSignal('5');
  const [ticket, setTicket] = createSignal('');
  const [text, setText] = createSignal('');
  const [notes, setNotes] = createSignal<Record<string, string>>({});
  const [issued, setIssued] = createSignal<Issued>();
  const action = createAction();

  const publish = () =>
    void action.run(async () => {
      const days = Number(workingDays());
      if (!window.confirm(`确定公示认定结果 ${days} 个工作日？`)) return undefined;
      const view = await api.post<Publicity>(`${props.base}/publicity`, { ...(publishedOn() ? { publishedOn: publishedOn() } : {}), workingDays: days });
      mutate(view);
      return view;
    }, (v) => v && `已公示，公示期 ${v.window.firstDay} 至 ${v.window.lastDay}`);
  const object = () =>
    void action.run(async () => {
      await api.post(`${props.base}/objections`, { text: text(), ...(ticket().trim() ? { ticket: ticket().trim() } : {}) });
      setText('');
      setTicket('');
      await refetch();
    }, () => '异议已登记');
  const resolve = (id: string, outcome: 'upheld' | 'dismissed') =>
    void action.run(async () => {
      if (!window.confirm(`确定将此异议处理为“${RESOLUTIONS[outcome]}”？`)) return false;
      await api.post(`${props.base}/objections/${id}/resolve`, { outcome, note: notes()[id] ?? '' });
      await refetch();
      return true;
    }, (done) => (done ? '异议已处理' : undefined));
  const finalise = () =>
    void action.run(async () => {
      if (!window.confirm('公示期已满、异议已处理，确定认定结果生效？')) return undefined;
      const view = await api.post<Publicity>(`${props.base}/finalise`);
      mutate(view);
      return view;
    }, (v) => v && '认定结果已生效');
  const issue = () =>
    void action.run(async () => {
      if (!window.confirm('确定为全部合格考生核发证书？证书编号一经核发不再改变。')) return undefined;
      const r = await api.post<Issued>(`${props.base}/certificates`);
      setIssued(r);
      return r;
    }, (r) => r && `已核发 ${r.issued.length} 本证书${r.already > 0 ? `（另有 ${r.already} 人此前已发证）` : ''}`);

  return (
    <section class="publicity" aria-label="公示与发证">
      <h3>公示与发证</h3>
      <Show when={publicity()} fallback={<p class="hint">认定结果尚未公示。计算认定结果且无待定后即可公示，公示期按工作日计算（节假日顺延）。</p>}>
        {(p) => (
          <div data-testid="publicity">
            <p>公示日期 {p().publishedOn}；公示期 <strong>{p().window.firstDay} 至 {p().window.lastDay}</strong>（{p().window.days.length} 个工作日）；{p().stateName}{p().daysLeft > 0 ? `，还有 ${p().daysLeft} 个工作日` : ''}。</p>
            <Show when={!p().matchesDecisions}><p class="notice warn">认定结果在公示后有变更，须重新公示。</p></Show>
            <Show when={p().finalisedAt}><p class="notice ok">认定结果已于 {p().finalisedAt?.slice(0, 10)} 生效。</p></Show>
            <table class="grid" aria-label="异议">
              <thead><tr><th>提出时间</th><th>准考证号</th><th>内容</th><th>处理</th></tr></thead>
              <tbody>
                <For each={p().objections} fallback={<tr><td colspan="4" class="hint">暂无异议</td></tr>}>
                  {(o) => (
                    <tr>
                      <td>{o.raisedAt.slice(0, 16).replace('T', ' ')}</td><td>{o.ticket ?? ''}</td><td>{o.text}</td>
                      <td>
                        <Show when={o.resolution} fallback={
                          <span class="row">
                            <input aria-label={`处理意见 ${o.id}`} placeholder="处理意见" value={notes()[o.id] ?? ''} onInput={(e) => setNotes({ ...notes(), [o.id]: e.currentTarget.value })} />
                            <button type="button" disabled={action.busy()} onClick={() => resolve(o.id, 'dismissed')}>不成立</button>
                            <button type="button" disabled={action.busy()} onClick={() => resolve(o.id, 'upheld')}>成立</button>
                          </span>
                        }>
                          {(r) => <>{RESOLUTIONS[r().outcome]}：{r().note}</>}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={!p().finalisedAt}>
              <div class="row">
                <label>准考证号（可空）<input value={ticket()} onInput={(e) => setTicket(e.currentTarget.value)} /></label>
                <label>异议内容<input value={text()} onInput={(e) => setText(e.currentTarget.value)} /></label>
                <button type="button" disabled={action.busy() || text().trim() === ''} onClick={object}>登记异议</button>
              </div>
            </Show>
          </div>
        )}
      </Show>
      <div class="row">
        <Show when={!publicity()?.finalisedAt}>
          <label>公示日期<input type="date" value={publishedOn()} onInput={(e) => setPublishedOn(e.currentTarget.value)} /></label>
          <label>工作日<input class="score" inputmode="numeric" value={workingDays()} onInput={(e) => setWorkingDays(e.currentTarget.value)} /></label>
          <button type="button" disabled={action.busy()} onClick={publish}>{publicity() ? '重新公示' : '公示认定结果'}</button>
          <Show when={publicity()}><button type="button" class="primary" disabled={action.busy()} onClick={finalise}>确认结果生效</button></Show>
        </Show>
        <Show when={publicity()?.finalisedAt}><button type="button" class="primary" disabled={action.busy()} onClick={issue}>核发证书</button></Show>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <Show when={(issued()?.issued.length ?? 0) > 0}>
        <table class="grid" aria-label="已核发证书">
          <thead><tr><th>准考证号</th><th>姓名</th><th>证书编号</th></tr></thead>
          <tbody><For each={issued()?.issued}>{(c) => <tr><td>{c.ticket}</td><td>{c.name}</td><td>{c.number}</td></tr>}</For></tbody>
        </table>
      </Show>
    </section>
  );
}
