import { createResource, createSignal, Show } from 'solid-js';
import { client, messageOf, ok } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { NoticeWindow, Objections } from '../../components/PublicNotice.tsx';
import { createAction } from '../../components/run.ts';

/**
 * 职工认定名单公示: publish the masked candidate list for its working days, the window and the first day a room may
 * open, the workbook and the print page, and objections recorded and handled while it runs.
 */
export function CandidateListPanel(props: {
  batchId: string;
  canAct: boolean;
  /** After publishing: the batch reads the list's window again (the roster takes no import while it runs). */
  onPublished?: () => void;
}) {
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
  const action = createAction();

  const publish = () =>
    void action.run(
      async () => {
        if (!window.confirm('确定公示考生名单？公示期间不得更改名单，期满前不能开考。')) return undefined;
        const v = await ok(route.$post({ param: param(), json: publishedOn() ? { publishedOn: publishedOn() } : {} }));
        await refetch();
        props.onPublished?.();
        return v;
      },
      (v) => v && `考生名单已公示，公示期 ${v.window.firstDay} 至 ${v.window.lastDay}`,
    );

  return (
    <section class="panel" aria-label="考生名单公示">
      <h3>考生名单公示（职工认定名单公示）</h3>
      <Show when={failure()}>{(m) => <p class="hint">{m()}</p>}</Show>
      <Show when={view()}>
        {(v) => (
          <div data-testid="candidate-list">
            <NoticeWindow notice={v()} testId="candidate-list-window">
              ，{v().state === 'open' ? `公示中，还剩 ${v().daysLeft} 个工作日` : '已期满'}；{v().opensFrom}{' '}
              起可以开考。
            </NoticeWindow>
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
            <Objections
              label="名单异议"
              objections={v().objections}
              canResolve={props.canAct}
              canRecord={props.canAct && v().state === 'open'}
              action={action}
              record={async (json) => {
                await route.objections.$post({ param: param(), json });
                await refetch();
              }}
              resolve={async (id, json) => {
                await route.objections[':id'].resolve.$post({ param: { ...param(), id }, json });
                await refetch();
              }}
            />
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
