import { DIFFICULTY_NAMES, ITEM_TYPE_NAMES, type Difficulty, type ItemType } from '@kaowu/domain/browser';
import { createMemo, For, Show } from 'solid-js';
import {
  gridColumns,
  place,
  removeSection,
  setAreaValue,
  setBand,
  setBanded,
  setSection,
  shortfallText,
  supply,
  totals,
  type ApprovedCell,
  type BlueprintDraft,
  type FeasibilityProblem,
  type GridArea,
  type GridColumn,
  type Place,
} from './blueprint-grid.ts';
import { NumberBox } from './NumberBox.tsx';

export interface BlueprintTableProps {
  readonly draft: BlueprintDraft;
  readonly areas: readonly GridArea[];
  readonly approved: readonly ApprovedCell[];
  /** Items per area: typed, or as the server last computed them (null before it answered). */
  readonly areaCounts: Readonly<Record<string, number | null>>;
  /** The computed counts are for an older version of the blueprint. */
  readonly countsStale: boolean;
  readonly hints: ReadonlyMap<Place, string[]>;
  readonly problems: ReadonlyMap<Place, FeasibilityProblem[]>;
  readonly onChange: (next: BlueprintDraft) => void;
}

/** A totals row's heading; its 比例/权重 and 题量 cells (one value per area) stay empty. */
const TotalsHead = (props: { children: string }) => (
  <>
    <th scope="row">{props.children}</th>
    <td />
    <td />
  </>
);

const colKey = (c: GridColumn): string => `${c.type}:${c.difficulty ?? ''}:${c.subtotal ? 's' : ''}`;
const sameKeys =
  <T,>(key: (x: T) => string) =>
  (a: readonly T[], b: readonly T[]): boolean =>
    a.map(key).join('|') === b.map(key).join('|');

/** A cell's flags from the feasibility answer: the shortfall in a few words, the reasons in the title. */
function Flags(props: { problems: readonly FeasibilityProblem[] | undefined }) {
  return (
    <Show when={(props.problems?.length ?? 0) > 0}>
      <span class="flag-text" title={props.problems!.map((p) => p.zh).join('；')}>
        {props.problems!.map(shortfallText).join('；')}
      </span>
    </Show>
  );
}

/**
 * The two-way table (双向细目表): areas down, types (and difficulty bands where fixed) across. The margins are
 * typed — items per area, per type, per band, points per item — and every body cell shows how many approved
 * items the bank has there, flagged red when the assembler says that cell cannot be filled.
 */
export function BlueprintTable(props: BlueprintTableProps) {
  // Columns and sections change shape only when a type is added, removed or banded: the inputs then survive typing.
  const columns = createMemo(() => gridColumns(props.draft), undefined, { equals: sameKeys(colKey) });
  const sections = createMemo(
    () => props.draft.sections.map((s) => ({ type: s.type, banded: s.bands !== null })),
    undefined,
    {
      equals: sameKeys((s: { type: ItemType; banded: boolean }) => `${s.type}:${s.banded}`),
    },
  );
  const section = (type: ItemType) => props.draft.sections.find((s) => s.type === type);
  const t = createMemo(() => totals(props.draft));
  const anyBanded = () => sections().some((s) => s.banded);
  const flagged = (key: Place) => (props.problems.get(key)?.length ?? 0) > 0;
  const areaTotal = () => {
    const values = props.areas.map((a) => props.areaCounts[a.code]);
    return values.every((v) => v !== null && v !== undefined) ? values.reduce((n: number, v) => n + (v ?? 0), 0) : null;
  };
  const cellPlace = (area: string, c: GridColumn): Place | undefined =>
    c.subtotal ? undefined : place.cell(area, c.type, c.difficulty);
  const name = (type: ItemType) => ITEM_TYPE_NAMES[type];
  const edit = (next: BlueprintDraft) => props.onChange(next);
  const mode = () => props.draft.areaMode;

  return (
    <div class="bp-scroll">
      <table class="grid bp-grid" aria-label="双向细目表">
        <caption class="hint">
          格内数字：题库中已通过的试题数；红色格子：按当前方案无法组卷之处（悬停可见原因）。
        </caption>
        <thead>
          <tr>
            <th rowspan={anyBanded() ? 2 : 1} scope="col">
              鉴定范围
            </th>
            <th rowspan={anyBanded() ? 2 : 1} scope="col">
              {mode() === 'percent' ? '比例（%）' : '权重（%）'}
            </th>
            <th rowspan={anyBanded() ? 2 : 1} scope="col">
              题量
            </th>
            <For each={sections()}>
              {(s) => (
                <th colspan={s.banded ? 6 : 1} scope="colgroup">
                  {name(s.type)}
                  <label class="inline bp-band-toggle">
                    <input
                      type="checkbox"
                      aria-label={`${name(s.type)} 按难度分档`}
                      checked={s.banded}
                      onChange={(e) => edit(setBanded(props.draft, s.type, e.currentTarget.checked))}
                    />
                    分档
                  </label>
                  <button
                    type="button"
                    class="link"
                    aria-label={`移除${name(s.type)}`}
                    title={`移除${name(s.type)}`}
                    onClick={() => edit(removeSection(props.draft, s.type))}
                  >
                    ×
                  </button>
                </th>
              )}
            </For>
            <th rowspan={anyBanded() ? 2 : 1} scope="col">
              已通过合计
            </th>
          </tr>
          <Show when={anyBanded()}>
            <tr>
              <For each={columns()}>
                {(c) => (
                  <Show
                    when={sections().find((s) => s.type === c.type)?.banded}
                    fallback={
                      <th scope="col" class="bp-sub">
                        全部难度
                      </th>
                    }
                  >
                    <th scope="col" class="bp-sub">
                      {c.subtotal ? '合计' : `难度 ${c.difficulty} ${DIFFICULTY_NAMES[c.difficulty as Difficulty]}`}
                    </th>
                  </Show>
                )}
              </For>
            </tr>
          </Show>
        </thead>
        <tbody>
          <For each={props.areas}>
            {(a) => {
              // The area's one value, edited in the share column or the count column as the mode says.
              const AreaBox = (p: { what: string }) => (
                <NumberBox
                  label={`${a.code} ${a.name} ${p.what}`}
                  value={props.draft.areaValues[a.code] ?? 0}
                  problems={props.hints.get(place.area(a.code))}
                  onValue={(v) => edit(setAreaValue(props.draft, a.code, v))}
                />
              );
              return (
                <tr>
                  <th scope="row">
                    {a.code} {a.name}
                  </th>
                  <td>
                    <Show when={mode() === 'percent'} fallback={<span class="supply">{a.weight}</span>}>
                      <AreaBox what="比例" />
                    </Show>
                  </td>
                  <td classList={{ flag: flagged(place.area(a.code)) }}>
                    <Show
                      when={mode() === 'counts'}
                      fallback={
                        <span classList={{ stale: props.countsStale }} data-testid={`area-${a.code}-items`}>
                          {props.areaCounts[a.code] ?? '…'}
                        </span>
                      }
                    >
                      <AreaBox what="题量" />
                    </Show>
                    <Flags problems={props.problems.get(place.area(a.code))} />
                  </td>
                  <For each={columns()}>
                    {(c) => {
                      const key = cellPlace(a.code, c);
                      return (
                        <td
                          class="supply"
                          classList={{ flag: key !== undefined && flagged(key), 'bp-subtotal': c.subtotal }}
                        >
                          {supply(props.approved, { area: a.code, type: c.type, difficulty: c.difficulty })}
                          <Show when={key}>{(k) => <Flags problems={props.problems.get(k())} />}</Show>
                        </td>
                      );
                    }}
                  </For>
                  <td class="supply">{supply(props.approved, { area: a.code })}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">题量</th>
            <td />
            <td
              classList={{ flag: (props.hints.get('areas')?.length ?? 0) > 0 }}
              title={props.hints.get('areas')?.join('；')}
              data-testid="area-total"
            >
              {areaTotal() ?? '…'}
            </td>
            <For each={columns()}>
              {(c) => {
                const key = c.difficulty === null ? place.section(c.type) : place.band(c.type, c.difficulty);
                return (
                  <td classList={{ flag: flagged(key), 'bp-subtotal': c.subtotal }}>
                    <Show
                      when={c.difficulty === null}
                      fallback={
                        <NumberBox
                          label={`${name(c.type)} 难度${c.difficulty} 题量`}
                          value={section(c.type)?.bands?.[c.difficulty! - 1] ?? 0}
                          problems={props.hints.get(key)}
                          onValue={(v) => edit(setBand(props.draft, c.type, c.difficulty!, v))}
                        />
                      }
                    >
                      <NumberBox
                        label={`${name(c.type)} 题量`}
                        value={section(c.type)?.count ?? 0}
                        problems={props.hints.get(key)}
                        onValue={(v) => edit(setSection(props.draft, c.type, { count: v }))}
                      />
                    </Show>
                    <Flags problems={props.problems.get(key)} />
                  </td>
                );
              }}
            </For>
            <td data-testid="total-items">{t().items}</td>
          </tr>
          <tr>
            <TotalsHead>每题分值</TotalsHead>
            <For each={sections()}>
              {(s) => (
                <td colspan={s.banded ? 6 : 1}>
                  <NumberBox
                    label={`${name(s.type)} 每题分值`}
                    value={section(s.type)?.points ?? 0}
                    problems={props.hints.get(place.points(s.type))}
                    onValue={(v) => edit(setSection(props.draft, s.type, { points: v }))}
                  />
                </td>
              )}
            </For>
            <td />
          </tr>
          <tr>
            <TotalsHead>分值小计</TotalsHead>
            <For each={sections()}>
              {(s) => <td colspan={s.banded ? 6 : 1}>{t().sections.find((x) => x.type === s.type)?.score ?? 0} 分</td>}
            </For>
            <td classList={{ flag: (props.hints.get('totalScore')?.length ?? 0) > 0 }} data-testid="total-score">
              {t().score} 分
            </td>
          </tr>
          <tr>
            <TotalsHead>已通过合计</TotalsHead>
            <For each={columns()}>
              {(c) => (
                <td class="supply" classList={{ 'bp-subtotal': c.subtotal }}>
                  {supply(props.approved, { type: c.type, difficulty: c.difficulty })}
                </td>
              )}
            </For>
            <td class="supply">{supply(props.approved, {})}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
