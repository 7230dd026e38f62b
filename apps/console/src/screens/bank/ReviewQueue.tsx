import { ITEM_TYPE_NAMES } from '@kaowu/domain/browser';
import { ItemView } from '@kaowu/item-view';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { me } from '../../session.ts';
import type { BankRef } from '../../contract.ts';
import { keyText } from './key-text.ts';
import { assetUrl } from './bank-assets.ts';

/** Items waiting for review, each shown as candidates will see it with its key; approve or return with a comment. */
export function ReviewQueue(props: { bank: BankRef; onChanged: () => void }) {
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
        await client.banks[':occupation'][':level'].items.status.$post({
          param: bankParam(props.bank),
          json: { codes: [code], action: act, ...(comment ? { comment } : {}) },
        });
        await refetch();
        props.onChanged();
        return code;
      },
      (c) => `${c} 已${act === 'approve' ? '通过' : '退回'}`,
    );
  return (
    <section class="review" aria-label="审核">
      <Notice ok={action.ok()} error={action.error()} />
      <Show when={(queue()?.length ?? 0) > 0} fallback={<p class="empty">没有待审核的试题。</p>}>
        <For each={queue()}>
          {(i) => (
            <article class="review-card" data-code={i.code}>
              <header class="row">
                <strong>{i.code}</strong> {ITEM_TYPE_NAMES[i.content.type]} · {i.content.point} · 难度{' '}
                {i.content.difficulty} · 命题人 {i.author}
              </header>
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
