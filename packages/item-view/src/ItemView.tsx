import { For, Show, type JSX } from 'solid-js';
import { ITEM_TYPE_NAMES, OPTION_LETTERS, type CandidateItemView, type ItemResponse } from '@kaowu/domain/browser';
import { RichText, type AssetUrl } from './RichText.tsx';

export interface ItemViewProps {
  readonly item: CandidateItemView;
  readonly response: ItemResponse | undefined;
  /** Absent: read-only (previews, review). */
  readonly onRespond?: (response: ItemResponse) => void;
  readonly assetUrl: AssetUrl;
  /** The option the keyboard cursor is on (exam client): highlighted, and announced as the active option. */
  readonly cursor?: number;
}

const TRUE_FALSE = [
  { label: '正确', value: true },
  { label: '错误', value: false },
] as const;

/** The next response after choosing option `index`: single choice replaces, multiple choice toggles. */
export function choose(
  item: Pick<CandidateItemView, 'type'>,
  current: ItemResponse | undefined,
  index: number,
): ItemResponse {
  if (item.type === 'true_false') return index === 0;
  if (item.type === 'single') return index;
  const chosen = Array.isArray(current) ? (current as readonly number[]) : [];
  const next = chosen.includes(index) ? chosen.filter((i) => i !== index) : [...chosen, index];
  return next.length === 0 ? null : [...next].sort((a, b) => a - b);
}

export function isChosen(
  item: Pick<CandidateItemView, 'type'>,
  response: ItemResponse | undefined,
  index: number,
): boolean {
  if (response === undefined || response === null) return false;
  if (item.type === 'true_false') return response === (index === 0);
  if (item.type === 'single') return response === index;
  return Array.isArray(response) && (response as readonly number[]).includes(index);
}

/** One item exactly as a candidate sees it; the console's preview renders this same component. */
export function ItemView(props: ItemViewProps): JSX.Element {
  const labels = () => (props.item.type === 'true_false' ? TRUE_FALSE.map((t) => t.label) : (props.item.options ?? []));
  const role = () => (props.item.type === 'multiple' ? 'group' : 'radiogroup');
  return (
    <article class="kw-item" data-item={props.item.code}>
      <header class="kw-item-head">
        <span class="kw-item-number">{props.item.number}.</span>
        <span class="kw-item-type">{ITEM_TYPE_NAMES[props.item.type]}</span>
        <span class="kw-item-points">（{props.item.points} 分）</span>
        <Show when={props.item.type === 'multiple'}>
          <span class="kw-item-hint">可选多项</span>
        </Show>
      </header>
      <div class="kw-item-stem">
        <RichText source={props.item.stem} assetUrl={props.assetUrl} />
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: role() is radiogroup or group; both take a name */}
      <div class="kw-options" role={role()} aria-label="选项">
        <For each={labels()}>
          {(label, i) => {
            const letter = () =>
              props.item.type === 'true_false' ? (i() === 0 ? '√' : '×') : (OPTION_LETTERS[i()] ?? '?');
            return (
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is radio or checkbox; both are checked
              <button
                type="button"
                class="kw-option"
                classList={{ chosen: isChosen(props.item, props.response, i()), cursor: props.cursor === i() }}
                aria-current={props.cursor === i() ? 'true' : undefined}
                role={props.item.type === 'multiple' ? 'checkbox' : 'radio'}
                aria-checked={isChosen(props.item, props.response, i())}
                disabled={props.onRespond === undefined}
                tabIndex={-1}
                onClick={() => props.onRespond?.(choose(props.item, props.response, i()))}
              >
                <span class="kw-option-letter">{letter()}</span>
                <span class="kw-option-text">
                  <RichText source={label} assetUrl={props.assetUrl} inline />
                </span>
              </button>
            );
          }}
        </For>
      </div>
    </article>
  );
}
