import { ITEM_TYPE_NAMES, isStatsReview, STATS_REVIEW_MARK } from '@kaowu/domain/browser';
import { ItemView } from '@kaowu/item-view';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { me } from '../../session.ts';
import type { BankRef, BankStatus } from '../../contract.ts';
import { ask } from '../../components/ask.tsx';
import { ContentDiff } from './ContentDiff.tsx';
import { keyText } from './key-text.ts';
import { assetUrl } from './bank-assets.ts';
import '../stats/stats.css';
import { StatsReviewQueue } from '../stats/StatsReviewQueue.tsx';

/** Items waiting for review, each shown as candidates will see it with its key; approve or return with a comment. */
export function ReviewQueue(props: { bank: BankRef; status: BankStatus | undefined; onChanged: () => void }) {
  const [queue, { refetch }] = createResource(() =>
    ok(
      client.banks[':occupation'][':level'].items.$get({
        param: bankParam(props.bank),
        query: { status: 'in_review' },
      }),
    ),
  );
  const action = createAction();
  const [comments, setComments] = createSignal<Record<string, string>>({});
  const decide = (code: string, act: 'approve' | 'return') =>
    void action.run(
      async () => {
        const comment = comments()[code]?.trim() ?? '';
        if (act === 'return' && comment === '') throw new Error('退回时请填写意见');
        const release = props.status?.release;
        if (
          act === 'approve' &&
          release &&
          !(await ask({
            title: `通过试题 ${code}`,
            consequence:
              `通过后，此修改进入题库的下一版本，需 ${props.status?.certification.required ?? 3} 名考评员重新认证后才用于正式组卷；` +
              `在此之前正式组卷仍使用已认证版本 ${release.number}（待认证变更将为 ${release.pending.total + 1} 项）。`,
            confirm: '通过，进入下一版本',
          }))
        )
          return undefined;
        await ok(
          client.banks[':occupation'][':level']['item-status'].$post({
            param: bankParam(props.bank),
            json: { codes: [code], action: act, ...(comment ? { comment } : {}) },
          }),
        );
        await refetch();
        props.onChanged();
        return code;
      },
      (c) => (c ? `${c} 已${act === 'approve' ? '通过' : '退回'}` : undefined),
    );
  return (
    <section class="review" aria-label="审核">
      <StatsReviewQueue
        bank={props.bank}
        onChanged={() => {
          void refetch();
          props.onChanged();
        }}
      />
      <h3>待审核的试题</h3>
      <Notice ok={action.ok()} error={action.error()} />
      <Show when={(queue()?.length ?? 0) > 0} fallback={<p class="empty">没有待审核的试题。</p>}>
        <For each={queue()}>
          {(i) => (
            <article class="review-card" data-code={i.code}>
              <header class="row">
                <strong>{i.code}</strong> {ITEM_TYPE_NAMES[i.content.type]} · {i.content.point} · 难度{' '}
                {i.content.difficulty} · 命题人 {i.authorName}
                <Show when={isStatsReview(i.reviewComment)}>
                  <span class="flag stats-review" data-testid="stats-review">
                    {STATS_REVIEW_MARK}
                  </span>
                </Show>
              </header>
              <Show when={isStatsReview(i.reviewComment)}>
                <p class="comment">{i.reviewComment}（统计分析发现异常后退回；通过即保持原题，退回则由命题人修改）</p>
              </Show>
              <ItemView
                item={{
                  number: 1,
                  code: i.code,
                  type: i.content.type,
                  points: 1,
                  stem: i.content.stem,
                  ...('options' in i.content ? { options: i.content.options } : {}),
                }}
                response={undefined}
                assetUrl={assetUrl(props.bank)}
              />
              <Show when={i.approvedVersion !== null && i.approvedVersion !== i.version}>
                <RevisionDiff bank={props.bank} code={i.code} approved={i.approvedVersion!} />
              </Show>
              <p>
                答案：{keyText(i.content)}
                {i.content.explanation ? `；解析：${i.content.explanation}` : ''}
              </p>
              <Show
                when={i.author !== me()?.username}
                fallback={<p class="hint">这是您编写的试题，需由其他专家审核。</p>}
              >
                <div class="row">
                  <input
                    aria-label={`${i.code} 审核意见`}
                    placeholder="审核意见（退回时必填）"
                    value={comments()[i.code] ?? ''}
                    onInput={(e) => setComments({ ...comments(), [i.code]: e.currentTarget.value })}
                  />
                  <button
                    type="button"
                    class="primary"
                    disabled={action.busy()}
                    onClick={() => decide(i.code, 'approve')}
                  >
                    通过
                  </button>
                  <button type="button" disabled={action.busy()} onClick={() => decide(i.code, 'return')}>
                    退回
                  </button>
                </div>
              </Show>
            </article>
          )}
        </For>
      </Show>
    </section>
  );
}

/** A revision of an approved item: what it changes against the approved version, field by field. */
function RevisionDiff(props: { bank: BankRef; code: string; approved: number }) {
  const [history] = createResource(
    () => props.code,
    (code) =>
      ok(
        client.banks[':occupation'][':level'].items[':code'].history.$get({
          param: { ...bankParam(props.bank), code },
        }),
      ),
  );
  const pair = () => {
    const h = history();
    const before = h?.find((v) => v.version === props.approved);
    const after = h?.at(-1);
    return before && after ? { before: before.content, after: after.content } : undefined;
  };
  return (
    <div class="revision" data-testid="revision-diff">
      <h4>修订：与已通过的第 {props.approved} 版相比</h4>
      <Show when={pair()} fallback={<p class="empty">正在载入已通过版本…</p>}>
        {(p) => <ContentDiff before={p().before} after={p().after} label={`${props.code} 修订对比`} />}
      </Show>
    </div>
  );
}
