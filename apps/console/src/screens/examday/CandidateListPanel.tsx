import { chinaTime, OBJECTION_OUTCOME_NAMES, type ObjectionOutcome } from '@kaowu/domain/browser';
import { createResource, createSignal, Show } from 'solid-js';
import { client, messageOf, ok } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

/**
 * 职工认定名单公示: publish the masked candidate list for its working days, the window and the first day a room may
 * open, the workbook and the print page, and objections recorded and handled while it runs.
 */
export function CandidateListPanel(props: { batchId: string; canAct: boolean }) {
  const route = client.batches[':batchId']['candidate-list'];
  const param = () => ({ batchId: props.batchId });
  // Before publication the server answers why (尚未公示): shown as a hint, not as a failure.
  const [list, { refetch }] = createResource(
    () => props.batchId,
    async () => {
      try {
        return { ok: true as const, view: await ok(route.$get({ param: param() })) };
      } catch (e) {
        return { ok: false as const, message: messageOf(e) };
      }
    },
  );
  const view = () => (list.latest?.ok ? list.latest.view : undefined);
  const failure = () => (list.latest && !list.latest.ok ? list.latest.message : undefined);
  const [publishedOn, setPublishedOn] = createSignal('');
  const [ticket, setTicket] = createSignal('');
  const [text, setText] = createSignal('');
  const [notes, setNotes] = createSignal<Record<string, string>>({});
  const action = createAction();

  const publish = () =>
    void action.run(
      async () => {
        if (!window.confirm('确定公示考生名单？公示期间不得更改名单，期满前不能开考。')) return undefined;
        const v = await ok(route.$post({ param: param(), json: publishedOn() ? { publishedOn: publishedOn() } : {} }));
        await refetch();
        return v;
      },
      (v) => v && `考生名单已公示，公示期 ${v.window.firstDay} 至 ${v.window.lastDay}`,
    );
  const object = () =>
    void action.run(
      async () => {
        await route.objections.$post({
          param: param(),
          json: { text: text(), ...(ticket().trim() ? { ticket: ticket().trim() } : {}) },
        });
        setText('');
        setTicket('');
        await refetch();
      },
      () => '异议已登记',
    );
  const resolve = (id: string, outcome: ObjectionOutcome) =>
    void action.run(
      async () => {
        if (!window.confirm(`确定将此异议处理为“${OBJECTION_OUTCOME_NAMES[outcome]}”？`)) return false;
        await route.objections[':id'].resolve.$post({
          param: { ...param(), id },
          json: { outcome, note: notes()[id] ?? '' },
        });
        await refetch();
        return true;
      },
      (done) => (done ? '异议已处理' : undefined),
    );

  return (
    <section class="panel" aria-label="考生名单公示">
      <h3>考生名单公示（职工认定名单公示）</h3>
      <Show when={failure()}>{(m) => <p class="hint">{m()}</p>}</Show>
      <Show when={view()}>
        {(v) => (
          <div data-testid="candidate-list">
            <p>
              公示日期 {v().publishedOn}；公示期{' '}
              <strong data-testid="candidate-list-window">
                {v().window.firstDay} 至 {v().window.lastDay}
              </strong>
              （{v().window.days.length} 个工作日），
              {v().state === 'open' ? `公示中，还剩 ${v().daysLeft} 个工作日` : '已期满'}；{v().opensFrom} 起可以开考。
            </p>
            <Show when={!v().matchesRoster}>
              <p class="notice warn">考生名单在公示后有变更，须重新公示。</p>
            </Show>
            <p>
              共 {v().lines.length} 人（姓名、身份证号已脱敏）：
              <a href={`/api${route.workbook.$path({ param: param() })}`} target="_blank" rel="noopener">
                下载公示名单（Excel）
              </a>{' '}
              ·{' '}
              <a href={`/api${route.print.$path({ param: param() })}`} target="_blank" rel="noopener">
                打印公示名单
              </a>
            </p>
            <Grid
              label="名单异议"
              columns={['提出时间', '准考证号', '内容', '处理']}
              rows={v().objections}
              empty="暂无异议"
            >
              {(o) => (
                <tr>
                  <td>{chinaTime(o.raisedAt)}</td>
                  <td>{o.ticket ?? ''}</td>
                  <td>{o.text}</td>
                  <td>
                    <Show
                      when={o.resolution}
                      fallback={
                        props.canAct ? (
                          <span class="row">
                            <input
                              aria-label={`处理意见 ${o.id}`}
                              placeholder="处理意见"
                              value={notes()[o.id] ?? ''}
                              onInput={(e) => setNotes({ ...notes(), [o.id]: e.currentTarget.value })}
                            />
                            <button type="button" disabled={action.busy()} onClick={() => resolve(o.id, 'dismissed')}>
                              不成立
                            </button>
                            <button type="button" disabled={action.busy()} onClick={() => resolve(o.id, 'upheld')}>
                              成立
                            </button>
                          </span>
                        ) : (
                          <span class="hint">待处理</span>
                        )
                      }
                    >
                      {(r) => (
                        <>
                          {OBJECTION_OUTCOME_NAMES[r().outcome]}：{r().note}（{r().by}，{chinaTime(r().at)}）
                        </>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </Grid>
            <Show when={props.canAct && v().state === 'open'}>
              <div class="row">
                <Field label="准考证号（可空）" value={ticket()} onValue={setTicket} />
                <Field label="异议内容" value={text()} onValue={setText} />
                <button type="button" disabled={action.busy() || text().trim() === ''} onClick={object}>
                  登记异议
                </button>
              </div>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.canAct && view()?.state !== 'open'}>
        <div class="row">
          <Field label="公示日期（空为今天）" type="date" value={publishedOn()} onValue={setPublishedOn} />
          <button type="button" disabled={action.busy()} onClick={publish}>
            {view() ? '重新公示考生名单' : '公示考生名单'}
          </button>
        </div>
      </Show>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
