import { Show } from 'solid-js';
import { Grid } from '../../components/Grid.tsx';
import type { ItemContent } from '../../contract.ts';

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

/** Each field that differs between two contents of an item, old beside new. */
export function contentChanges(a: ItemContent, b: ItemContent): { name: string; before: string; after: string }[] {
  return FIELDS.filter(([k]) => show(field(a, k)) !== show(field(b, k))).map(([k, name]) => ({
    name,
    before: show(field(a, k)),
    after: show(field(b, k)),
  }));
}

/** The fields that differ, old beside new (a reviewer's and an assessor's view of a change). */
export function ContentDiff(props: { before: ItemContent; after: ItemContent; label?: string }) {
  const changed = () => contentChanges(props.before, props.after);
  return (
    <Show when={changed().length > 0} fallback={<p class="empty">两个版本内容相同。</p>}>
      <Grid
        class="diff"
        columns={['字段', '旧', '新']}
        rows={changed()}
        {...(props.label ? { label: props.label } : {})}
      >
        {(c) => (
          <tr>
            <td>{c.name}</td>
            <td class="del">{c.before}</td>
            <td class="ins">{c.after}</td>
          </tr>
        )}
      </Grid>
    </Show>
  );
}
