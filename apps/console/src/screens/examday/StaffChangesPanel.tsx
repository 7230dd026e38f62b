import { chinaTime, STAFF_DUTIES, STAFF_DUTY_NAMES, type StaffDuty } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { loaded } from '../../components/resource.ts';
import { createAction } from '../../components/run.ts';
import type { BatchView } from '../../contract.ts';
import { mayInBatch } from '../../permissions.ts';
import { me } from '../../session.ts';

interface StaffLine {
  username: string;
  duty: StaffDuty;
  room: string;
}

/** 孙丽（监考员，01 考场）: the person by name where the batch knows it, else by login name. */
const lineText = (s: { username: string; name?: string; duty: string; room?: string | null | undefined }) =>
  `${s.name || s.username}（${STAFF_DUTY_NAMES[s.duty as StaffDuty] ?? s.duty}${s.room ? `，${s.room} 考场` : ''}）`;

/**
 * 开考后更改工作人员 (认定时不得随意更改考评人员、内部质量督导人员): once a room has opened, an administrator
 * proposes the whole new list with a written reason, and it applies when another of the batch's supervisors
 * confirms it. The list of changes shows who proposed, why and who confirmed.
 */
export function StaffChangesPanel(props: { batch: BatchView; onChanged: () => void }) {
  const route = client.batches[':batchId']['staff-changes'];
  const param = () => ({ batchId: props.batch.id });
  const [changes, { refetch }] = createResource(
    () => props.batch.id,
    () => ok(route.$get({ param: param() })),
  );
  const [draft, setDraft] = createStore<StaffLine[]>([]);
  const [editing, setEditing] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const action = createAction();
  const startEditing = () => {
    setDraft(props.batch.staff.map((s) => ({ username: s.username, duty: s.duty, room: s.room ?? '' })));
    setEditing(true);
  };
  const propose = () =>
    void action.run(
      async () => {
        const staff = draft
          .filter((s) => s.username.trim() !== '')
          .map((s) => ({
            username: s.username.trim(),
            duty: s.duty,
            ...(s.room.trim() ? { room: s.room.trim() } : {}),
          }));
        const change = await ok(route.$post({ param: param(), json: { staff, reason: reason() } }));
        setEditing(false);
        setReason('');
        await refetch();
        return change;
      },
      () => '更改申请已提出，须由本批次另一名内部督导员确认后生效',
    );
  const confirm = (id: string, why: string) =>
    void action.run(
      async () => {
        if (!window.confirm(`确认这项工作人员更改？理由：${why}\n确认后新名单立即生效，并记入审计记录。`)) return false;
        await route[':id'].confirm.$post({ param: { ...param(), id } });
        await refetch();
        props.onChanged();
        return true;
      },
      (done) => (done ? '已确认，新的工作人员名单已生效' : undefined),
    );

  return (
    <section class="panel" aria-label="开考后更改工作人员">
      <h3>工作人员（开考后更改须督导员确认）</h3>
      <p>
        当前：
        {props.batch.staff.length === 0 ? '未安排' : props.batch.staff.map(lineText).join('、')}
      </p>
      <Notice error={changes.error} retry={refetch} />
      <Grid
        label="工作人员更改申请"
        columns={['提出', '理由', '更改后的名单', '确认']}
        rows={loaded(changes)}
        empty="没有开考后的更改申请"
      >
        {(c) => (
          <tr>
            <td>
              {c.proposedByName}，{chinaTime(c.proposedAt)}
            </td>
            <td>{c.reason}</td>
            <td>{c.staff.map(lineText).join('、')}</td>
            <td>
              <Show
                when={c.confirmedByName}
                fallback={
                  <Show
                    when={mayInBatch('staff.confirm', props.batch) && c.proposedBy !== me()?.username}
                    fallback={<span class="hint">待督导员确认</span>}
                  >
                    <button
                      type="button"
                      class="primary"
                      disabled={action.busy()}
                      onClick={() => confirm(c.id, c.reason)}
                    >
                      确认更改
                    </button>
                  </Show>
                }
              >
                {(by) => `已由${by()}确认（${chinaTime(c.confirmedAt ?? '')}）`}
              </Show>
            </td>
          </tr>
        )}
      </Grid>
      <Show when={mayInBatch('batch.manage', props.batch)}>
        <Show
          when={editing()}
          fallback={
            <button type="button" onClick={startEditing}>
              更改工作人员…
            </button>
          }
        >
          <fieldset aria-label="更改后的工作人员">
            <legend>更改后的工作人员名单</legend>
            <Index each={draft}>
              {(s, i) => (
                <div class="row">
                  <input
                    aria-label={`账号 ${i + 1}`}
                    value={s().username}
                    onInput={(e) => setDraft(i, 'username', e.currentTarget.value)}
                  />
                  <select
                    aria-label={`职责 ${i + 1}`}
                    value={s().duty}
                    onChange={(e) => setDraft(i, 'duty', e.currentTarget.value as StaffDuty)}
                  >
                    <For each={STAFF_DUTIES}>{(d) => <option value={d}>{STAFF_DUTY_NAMES[d]}</option>}</For>
                  </select>
                  <input
                    aria-label={`考场 ${i + 1}`}
                    placeholder="考场（监考）"
                    value={s().room}
                    onInput={(e) => setDraft(i, 'room', e.currentTarget.value)}
                  />
                  <button type="button" onClick={() => setDraft((all) => all.filter((_, n) => n !== i))}>
                    删除
                  </button>
                </div>
              )}
            </Index>
            <button type="button" onClick={() => setDraft(draft.length, { username: '', duty: 'assessor', room: '' })}>
              添加一行
            </button>
            <label>
              书面理由
              <textarea rows="2" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <div class="row">
              <button
                type="button"
                class="primary"
                disabled={action.busy() || reason().trim() === ''}
                onClick={propose}
              >
                提出更改
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                取消
              </button>
            </div>
          </fieldset>
        </Show>
      </Show>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
