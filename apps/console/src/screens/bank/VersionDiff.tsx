import { ITEM_STATUS_NAMES, chinaTime } from '@kaowu/domain/browser';
import { createSignal, For, Show } from 'solid-js';
import type { ItemVersion } from '../../contract.ts';
import { ContentDiff } from './ContentDiff.tsx';

/** Version history: pick two versions and see each field that differs, old beside new. */
export function VersionDiff(props: { versions: readonly ItemVersion[] }) {
  const [from, setFrom] = createSignal(Math.max(0, props.versions.length - 2));
  const [to, setTo] = createSignal(props.versions.length - 1);
  const pair = () => {
    const a = props.versions[from()]?.content;
    const b = props.versions[to()]?.content;
    return a && b ? { a, b } : undefined;
  };
  const pick = (set: (n: number) => void) => (e: Event & { currentTarget: HTMLSelectElement }) =>
    set(Number(e.currentTarget.value));
  return (
    <section class="history" aria-label="版本历史">
      <h3>版本历史</h3>
      <ol>
        <For each={props.versions}>
          {(v) => (
            <li>
              第 {v.version} 版 · {ITEM_STATUS_NAMES[v.status]} · {v.authorName} · {chinaTime(v.updatedAt)}
              {v.reviewerName ? ` · 审核：${v.reviewerName}` : ''}
            </li>
          )}
        </For>
      </ol>
      <div class="row">
        <label>
          比较
          <select value={from()} onChange={pick(setFrom)}>
            <For each={props.versions}>{(v, i) => <option value={i()}>第 {v.version} 版</option>}</For>
          </select>
        </label>
        <label>
          与
          <select value={to()} onChange={pick(setTo)}>
            <For each={props.versions}>{(v, i) => <option value={i()}>第 {v.version} 版</option>}</For>
          </select>
        </label>
      </div>
      <Show when={pair()}>{(p) => <ContentDiff before={p().a} after={p().b} />}</Show>
    </section>
  );
}
