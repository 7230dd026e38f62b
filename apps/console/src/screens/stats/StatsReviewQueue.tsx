import { A } from '@solidjs/router';
import { STATS_FLAG_NAMES, STATS_REVIEW_MARK, type StatsFlag } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BankRef } from '../../contract.ts';
import { mayInBank } from '../../permissions.ts';
import { fixed, pct } from './stats-view.ts';
import './stats.css';

type Act = 'return' | 'retire' | 'keep';
const DONE: Record<Act, string> = { return: '已退回修改，进入审核', retire: '已停用', keep: '已保留' };

/**
 * The review queue's 需复核（统计）: approved items whose newest statistics flag them and that nobody has acted on.
 * Each is dealt with here with a comment: 退回修改 (a review version), 停用, or 保留 (kept as it is); any of them
 * takes it off the list until a later batch flags it again.
 */
export function StatsReviewQueue(props: { bank: BankRef; onChanged: () => void }) {
  const [queue, { refetch }] = createResource(() =>
    ok(client.banks[':occupation'][':level']['stats-review'].$get({ param: bankParam(props.bank) })),
  );
  const [comments, setComments] = createSignal<Record<string, string>>({});
  const action = createAction();
  const mayReview = () => mayInBank('item.review', props.bank.occupationCode);
  const mayRetire = () => mayInBank('item.retire', props.bank.occupationCode);
  const act = (code: string, what: Act) =>
    void action.run(
      async () => {
        const comment = comments()[code]?.trim() ?? '';
        if (comment === '') throw new Error('处理统计异常时请填写意见');
        const param = { ...bankParam(props.bank), code };
        const items = client.banks[':occupation'][':level'].items;
        if (what === 'keep') await ok(items[':code']['stats-keep'].$post({ param, json: { comment } }));
        else if (what === 'return') await ok(items[':code']['stats-review'].$post({ param, json: { comment } }));
        else
          await ok(
            client.banks[':occupation'][':level']['item-status'].$post({
              param: bankParam(props.bank),
              json: { codes: [code], action: 'retire', comment },
            }),
          );
        setComments({ ...comments(), [code]: '' });
        await refetch();
        props.onChanged();
        return `${code} ${DONE[what]}`;
      },
      (m) => m,
    );
  return (
    <section class="stats-queue" aria-label={STATS_REVIEW_MARK}>
      <h3>
        {STATS_REVIEW_MARK}（{queue()?.length ?? 0} 道）
      </h3>
      <Notice ok={action.ok()} error={action.error() ?? queue.error} />
      <Show when={(queue()?.length ?? 0) > 0} fallback={<p class="empty">没有待复核的统计异常。</p>}>
        <table class="grid" aria-label="统计异常待复核">
          <thead>
            <tr>
              <th>试题</th>
              <th>认定批次</th>
              <th>通过率</th>
              <th>区分度</th>
              <th>统计异常</th>
              <th>处理</th>
            </tr>
          </thead>
          <tbody>
            <For each={queue()}>
              {(q) => (
                <tr data-code={q.code}>
                  <td>
                    <A
                      href={`/banks/${encodeURIComponent(props.bank.occupationCode)}/${props.bank.level}/items?item=${encodeURIComponent(q.code)}`}
                    >
                      {q.code}
                    </A>
                    <span class="hint">（第 {q.version} 版）</span>
                  </td>
                  <td>{q.planNumber}</td>
                  <td>{pct(q.facility)}</td>
                  <td>{fixed(q.discrimination)}</td>
                  <td class="stats-flags">
                    <For each={q.flags}>
                      {(f) => (
                        <span class="flag" title={f.detail}>
                          {STATS_FLAG_NAMES[f.flag as StatsFlag] ?? f.flag}
                        </span>
                      )}
                    </For>
                  </td>
                  <td>
                    <Show when={mayReview()} fallback={<span class="hint">由命题或审核专家处理</span>}>
                      <div class="row stats-queue-act">
                        <input
                          aria-label={`${q.code} 处理意见`}
                          placeholder="处理意见（必填）"
                          value={comments()[q.code] ?? ''}
                          onInput={(e) => setComments({ ...comments(), [q.code]: e.currentTarget.value })}
                        />
                        <button type="button" disabled={action.busy()} onClick={() => act(q.code, 'return')}>
                          退回修改
                        </button>
                        <Show when={mayRetire()}>
                          <button type="button" disabled={action.busy()} onClick={() => act(q.code, 'retire')}>
                            停用
                          </button>
                        </Show>
                        <button type="button" disabled={action.busy()} onClick={() => act(q.code, 'keep')}>
                          保留
                        </button>
                      </div>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
