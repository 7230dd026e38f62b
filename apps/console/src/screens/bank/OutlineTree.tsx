import { createMemo, For, Show } from 'solid-js';
import type { ItemStatus, Outline, OutlineArea } from '../../contract.ts';
import { countArea, countByPoint, totalApproved, type Counted } from './outline-counts.ts';

export interface OutlineTreeProps {
  readonly outline: Outline;
  readonly items: readonly { status: ItemStatus; content: { point: string }; approvedVersion?: number | null }[];
  /** The point or area code the item list is filtered by. */
  readonly selected?: string | undefined;
  readonly onSelect?: (code: string | undefined) => void;
}

/**
 * The assessment outline (鉴定要素细目表) with the bank's items counted against it: each top area's approved
 * share beside its theory weight, each point's approved / total items, uncovered points marked.
 */
export function OutlineTree(props: OutlineTreeProps) {
  const byPoint = createMemo(() => countByPoint(props.items));
  const memo = createMemo(() => {
    const m = new Map<OutlineArea, Counted>();
    return { m, total: totalApproved(props.outline, byPoint(), m) };
  });
  const count = (a: OutlineArea) => countArea(a, byPoint(), memo().m);
  const Area = (p: { area: OutlineArea; top: boolean }) => {
    const c = () => count(p.area);
    const share = () => (memo().total === 0 ? 0 : Math.round((c().approved / memo().total) * 1000) / 10);
    const off = () => p.top && p.area.weight !== undefined && Math.abs(share() - p.area.weight) > 5;
    return (
      <li>
        <button
          type="button"
          classList={{ node: true, selected: props.selected === p.area.code }}
          onClick={() => props.onSelect?.(props.selected === p.area.code ? undefined : p.area.code)}
        >
          <span class="code">{p.area.code}</span> {p.area.name}
          <span class="count">
            {c().approved}/{c().all}
          </span>
          <Show when={p.top && p.area.weight !== undefined}>
            <span classList={{ weight: true, off: off() }} title="已通过试题占比 / 理论权重">
              {share()}% / {p.area.weight}%
            </span>
          </Show>
        </button>
        <ul>
          <For each={p.area.areas ?? []}>{(a) => <Area area={a} top={false} />}</For>
          <For each={p.area.points ?? []}>
            {(pt) => {
              const pc = () => byPoint().get(pt.code) ?? { approved: 0, all: 0 };
              return (
                <li>
                  <button
                    type="button"
                    classList={{
                      node: true,
                      point: true,
                      selected: props.selected === pt.code,
                      uncovered: pc().approved === 0,
                    }}
                    onClick={() => props.onSelect?.(props.selected === pt.code ? undefined : pt.code)}
                  >
                    <span class="code">{pt.code}</span> {pt.name}
                    <Show when={pt.importance}>
                      <span class="imp">{pt.importance}</span>
                    </Show>
                    <span class="count">
                      {pc().approved}/{pc().all}
                    </span>
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </li>
    );
  };
  return (
    <nav class="outline" aria-label="鉴定要素细目表">
      <ul>
        <For each={props.outline.areas}>{(a) => <Area area={a} top={true} />}</For>
      </ul>
    </nav>
  );
}
