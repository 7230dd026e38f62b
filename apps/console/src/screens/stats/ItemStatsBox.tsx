import { STATS_FLAG_NAMES, type StatsFlag } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BankRef } from '../../contract.ts';
import { mayInBank } from '../../permissions.ts';
import { fixed, pct } from './stats-view.ts';
import './stats.css';

/**
 * An item's statistics across batches (oldest first) on its bank page, and, when the newest flag it and it is
 * approved, what its people do about it with a comment: 退回修改 (a review version, 需复核（统计）) or 停用.
 * Editing is the editor above (an approved item's edit is a new version that goes through review).
 */
export function ItemStatsBox(props: {
  bank: BankRef;
  code: string;
  status: string | undefined;
  onChanged: () => void;
}) {
  const [history, { refetch }] = createResource(
    () => props.code,
    (code) =>
      ok(
        client.banks[':occupation'][':level'].items[':code'].stats.$get({ param: { ...bankParam(props.bank), code } }),
      ),
  );
  const latest = () => history()?.at(-1);
  const flaggedNow = () => (latest()?.flags.length ?? 0) > 0 && props.status === 'approved';
  const [comment, setComment] = createSignal('');
  const action = createAction();
  const done = async () => {
    setComment('');
    await refetch();
    props.onChanged();
  };
  const sendBack = () =>
    void action.run(
      async () => {
        if (comment().trim() === '') throw new Error('退回时请填写意见');
        const r = await ok(
          client.banks[':occupation'][':level'].items[':code']['stats-review'].$post({
            param: { ...bankParam(props.bank), code: props.code },
            json: { comment: comment() },
          }),
        );
        await done();
        return r;
      },
      (r) => `${r.code} 已退回修改：第 ${r.version} 版进入审核（需复核（统计））`,
    );
  const retire = () =>
    void action.run(
      async () => {
        if (comment().trim() === '') throw new Error('停用时请填写意见');
        await client.banks[':occupation'][':level']['item-status'].$post({
          param: bankParam(props.bank),
          json: { codes: [props.code], action: 'retire', comment: comment() },
        });
        await done();
        return props.code;
      },
      (c) => `${c} 已停用`,
    );
  return (
    <section class="item-stats" aria-label="统计记录">
      <h3>统计记录（各批次）</h3>
      <Notice error={history.error} />
      <table class="grid">
        <thead>
          <tr>
            <th>认定批次</th>
            <th>版本</th>
            <th>人数</th>
            <th>通过率</th>
            <th>区分度</th>
            <th>统计异常</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={history()}
            fallback={
              <tr>
                <td colspan="6" class="empty">
                  尚无统计（未在已分析的批次中出现）
                </td>
              </tr>
            }
          >
            {(l) => (
              <tr>
                <td>{l.planNumber}</td>
                <td>{l.version}</td>
                <td>{l.n}</td>
                <td>{pct(l.facility)}</td>
                <td>{fixed(l.discrimination)}</td>
                <td>
                  <For each={l.flags} fallback="—">
                    {(f) => (
                      <span class="flag" title={f.detail}>
                        {STATS_FLAG_NAMES[f.flag as StatsFlag] ?? f.flag}：{f.detail}
                      </span>
                    )}
                  </For>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={flaggedNow() && mayInBank('item.review', props.bank.occupationCode)}>
        <div class="row">
          <input
            aria-label={`${props.code} 处理意见`}
            placeholder="处理意见（必填）"
            value={comment()}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <button type="button" disabled={action.busy()} onClick={sendBack}>
            退回修改
          </button>
          <Show when={mayInBank('item.retire', props.bank.occupationCode)}>
            <button type="button" disabled={action.busy()} onClick={retire}>
              停用
            </button>
          </Show>
        </div>
      </Show>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
