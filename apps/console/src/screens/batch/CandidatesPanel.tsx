import { createResource, createSignal, For, Show } from 'solid-js';
import '../room/realname.css';
import { client, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { loaded } from '../../components/resource.ts';
import { createAction } from '../../components/run.ts';
import type { Answer } from '../../api.ts';

type Entry = Answer<(typeof client.batches)[':batchId']['seat-plan']['$get']>[number]['candidates'][number];

/**
 * The batch's candidates with their photo and accommodation: a photo per candidate (checked and resized by the
 * server like the zip's), and extra time or large font, each change audited. Photos arrive in bulk with the
 * roster (RosterPanel); this is for the one who was missed or whose photo was bad.
 */
export function CandidatesPanel(props: {
  batchId: string;
  version: number;
  webcamFrame: boolean;
  onSettings: () => void;
}) {
  const [plans, { refetch }] = createResource(
    () => [props.batchId, props.version] as const,
    async ([batchId]) => ok(client.batches[':batchId']['seat-plan'].$get({ param: { batchId } })),
  );
  const action = createAction();
  const [editing, setEditing] = createSignal<string>();
  const people = () => (loaded(plans) ?? []).flatMap((p) => p.candidates.map((c) => ({ ...c, room: p.room.code })));
  const upload = (c: Entry, file: File | undefined) =>
    file &&
    void action.run(
      async () => {
        await ok(
          client.candidates[':candidateId'].photo.$put(
            { param: { candidateId: c.candidateId }, query: { file: file.name } },
            { init: { body: file }, headers: { 'content-type': file.type || 'application/octet-stream' } },
          ),
        );
        await refetch();
      },
      () => `${c.name} 的照片已保存`,
    );
  return (
    <section class="panel" aria-label="考生照片与便利安排">
      <h3>考生照片与便利安排</h3>
      <label class="hint">
        <input
          type="checkbox"
          checked={props.webcamFrame}
          disabled={action.busy()}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void action.run(
              async () => {
                await ok(
                  client.batches[':batchId'].settings.$patch({
                    param: { batchId: props.batchId },
                    json: { webcamFrame: on },
                  }),
                );
                props.onSettings();
              },
              () => (on ? '已开启开考拍照' : '已关闭开考拍照'),
            );
          }}
        />{' '}
        开考拍照：考生点击“开始答题”时，经本人同意用摄像头拍一张照片，供监考员与名单照片人工核对（不做人脸识别）
      </label>
      <Notice ok={action.ok()} error={action.error() ?? plans.error} />
      <ErrorTable problems={action.problems()} caption="照片中的错误（未保存）" />
      <div class="scroll">
        <Grid
          label="考生照片与便利安排"
          columns={['考场', '座位', '准考证号', '姓名', '照片', '便利安排', '操作']}
          rows={people()}
          empty="尚未导入考生"
        >
          {(c) => (
            <tr data-ticket={c.ticket}>
              <td>{c.room}</td>
              <td>{c.seat}</td>
              <td>{c.ticket}</td>
              <td>{c.name}</td>
              <td>
                <Show when={c.photo} fallback={<span class="warn-text">无照片</span>}>
                  <img class="thumb" src={`/api/candidates/${c.candidateId}/photo`} alt={`${c.name} 的照片`} />
                </Show>
              </td>
              <td>{c.accommodation || '—'}</td>
              <td>
                <label class="file-button">
                  上传照片
                  <input
                    type="file"
                    accept="image/png,image/jpeg,image/gif,image/webp"
                    aria-label={`上传 ${c.name} 的照片`}
                    onChange={(e) => upload(c, e.currentTarget.files?.[0])}
                  />
                </label>{' '}
                <button
                  type="button"
                  onClick={() => setEditing(editing() === c.candidateId ? undefined : c.candidateId)}
                >
                  便利安排
                </button>
                <Show when={editing() === c.candidateId}>
                  <AccommodationForm
                    entry={c}
                    run={(work) =>
                      void action.run(
                        async () => {
                          await work();
                          setEditing(undefined);
                          await refetch();
                        },
                        () => `${c.name} 的便利安排已保存`,
                      )
                    }
                  />
                </Show>
              </td>
            </tr>
          )}
        </Grid>
      </div>
    </section>
  );
}

/** Extra minutes, a time multiplier, large font: set before the candidate starts (the server refuses after). */
function AccommodationForm(props: { entry: Entry; run: (work: () => Promise<unknown>) => void }) {
  const [extra, setExtra] = createSignal('0');
  const [factor, setFactor] = createSignal('1');
  const [large, setLarge] = createSignal(false);
  return (
    <form
      class="accommodation-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.run(() =>
          ok(
            client.candidates[':candidateId'].accommodation.$put({
              param: { candidateId: props.entry.candidateId },
              json: { extraMinutes: Number(extra()), timeFactor: Number(factor()), largeFont: large() },
            }),
          ),
        );
      }}
    >
      <label>
        延时（分钟）
        <input type="number" min="0" max="600" value={extra()} onInput={(e) => setExtra(e.currentTarget.value)} />
      </label>
      <label>
        时间倍数
        <select value={factor()} onChange={(e) => setFactor(e.currentTarget.value)}>
          <For each={['1', '1.25', '1.5', '2']}>{(f) => <option value={f}>×{f}</option>}</For>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={large()} onChange={(e) => setLarge(e.currentTarget.checked)} /> 大字号
      </label>
      <button type="submit" class="primary">
        保存
      </button>
    </form>
  );
}
