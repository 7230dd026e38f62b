import { ITEM_STATUS_NAMES, chinaTime } from '@kaowu/domain/browser';
import { createSignal, For, Show } from 'solid-js';
import { Grid } from '../../components/Grid.tsx';
import type { ItemContent, ItemVersion } from '../../contract.ts';

const FIELDS: readonly [string, string][] = [
  ['type', '题型'],
  ['point', '鉴定点'],
  ['difficulty', '难度'],
  ['stem', '题干'],
  ['options', '选项'],
  ['key', '答案'],
  ['shuffle', '乱序'],
  ['explanation', '解析'],
];
/** A field of the content, or undefined where this item type has none (true/false has no options). */
const field = (c: ItemContent, k: string): unknown => Object.getOwnPropertyDescriptor(c, k)?.value;
const show = (v: unknown): string => (v === undefined ? '' : Array.isArray(v) ? v.join(' | ') : String(v));

/** Version history: pick two versions and see each field that differs, old beside new. */
export function VersionDiff(props: { versions: readonly ItemVersion[] }) {
  const [from, setFrom] = createSignal(Math.max(0, props.versions.length - 2));
  const [to, setTo] = createSignal(props.versions.length - 1);
  const changed = () => {
    const a = props.versions[from()]?.content;
    const b = props.versions[to()]?.content;
    if (!a || !b) return [];
    return FIELDS.filter(([k]) => show(field(a, k)) !== show(field(b, k))).map(([k, name]) => ({
      name,
      before: show(field(a, k)),
      after: show(field(b, k)),
    }));
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
              第 {v.version} 版 · {ITEM_STATUS_NAMES[v.status]} · {v.author} · {chinaTime(v.updatedAt)}
              {v.reviewer ? ` · 审核：${v.reviewer}` : ''}
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
      <Show when={changed().length > 0} fallback={<p class="empty">两个版本内容相同。</p>}>
        <Grid class="diff" columns={['字段', '旧', '新']} rows={changed()}>
          {(c) => (
            <tr>
              <td>{c.name}</td>
              <td class="del">{c.before}</td>
              <td class="ins">{c.after}</td>
            </tr>
          )}
        </Grid>
      </Show>
    </section>
  );
}
