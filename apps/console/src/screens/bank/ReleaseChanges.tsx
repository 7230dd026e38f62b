import { chinaDate, ITEM_TYPE_NAMES } from '@kaowu/domain/browser';
import { For, Show } from 'solid-js';
import type { BankStatus, ItemContent, ReleaseChanges } from '../../contract.ts';
import { ContentDiff } from './ContentDiff.tsx';

/** The release papers are assembled from, and what the assessors are asked to certify next. */
export function ReleaseFacts(props: { status: BankStatus }) {
  return (
    <div class="facts release" data-testid="release-facts">
      <Show
        when={props.status.release}
        fallback={
          <div>
            <span>已认证版本</span>尚无：满 {props.status.certification.required} 名考评员认证后成为第 1 版
          </div>
        }
      >
        {(r) => (
          <>
            <div>
              <span>正式组卷使用</span>
              <strong>
                已认证版本 {r().number}（{chinaDate(r().certifiedAt)}）
              </strong>{' '}
              {r().items} 题
            </div>
            <div>
              <span>待认证变更</span>
              <strong>{r().pending.total}</strong> 项
              <Show when={r().pending.total > 0}>
                （新增 {r().pending.added}，修改 {r().pending.changed}，停用 {r().pending.retired}）
              </Show>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}

const brief = (c: ItemContent) => `${ITEM_TYPE_NAMES[c.type]} · ${c.point} · 难度 ${c.difficulty}：${c.stem}`;

/** Every change since the release, as the assessors read it before certifying: added, changed with a diff, retired. */
export function ReleaseChangeList(props: { changes: ReleaseChanges }) {
  return (
    <section class="release-changes" aria-label="待认证变更">
      <h3>自已认证版本 {props.changes.release?.number} 以来的变更</h3>
      <Show when={props.changes.added.length > 0}>
        <h4>新增 {props.changes.added.length} 题</h4>
        <ul>
          <For each={props.changes.added}>
            {(i) => (
              <li>
                <strong>{i.code}</strong> {brief(i.content)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.changes.changed.length > 0}>
        <h4>修改 {props.changes.changed.length} 题</h4>
        <For each={props.changes.changed}>
          {(c) => (
            <div class="change" data-code={c.after.code}>
              <strong>{c.after.code}</strong>（第 {c.before.version} 版 → 第 {c.after.version} 版）
              <ContentDiff before={c.before.content} after={c.after.content} label={`${c.after.code} 修改对比`} />
            </div>
          )}
        </For>
      </Show>
      <Show when={props.changes.retired.length > 0}>
        <h4>停用 {props.changes.retired.length} 题</h4>
        <ul>
          <For each={props.changes.retired}>
            {(i) => (
              <li>
                <strong>{i.code}</strong> {brief(i.content)}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
