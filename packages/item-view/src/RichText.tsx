import { For, Match, Switch, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { parseRichText, type Inline } from '@kaowu/domain/browser';

export type AssetUrl = (name: string) => string;

/** Renders bank rich text as DOM nodes built from the parsed tree: content can never become markup. */
function InlineNodes(props: { nodes: readonly Inline[]; assetUrl: AssetUrl }): JSX.Element {
  return (
    <For each={props.nodes}>
      {(node) => (
        <Switch>
          <Match when={node.t === 'text' && node}>{(n) => n().v}</Match>
          <Match when={node.t === 'br'}>
            <br />
          </Match>
          <Match when={(node.t === 'strong' || node.t === 'em') && node}>
            {(n) => (
              <Dynamic component={n().t}>
                <InlineNodes nodes={n().c} assetUrl={props.assetUrl} />
              </Dynamic>
            )}
          </Match>
          <Match when={node.t === 'image' && node}>
            {(n) => <img class="kw-figure" src={props.assetUrl(n().asset)} alt={n().alt} />}
          </Match>
        </Switch>
      )}
    </For>
  );
}

export function RichText(props: { source: string; assetUrl: AssetUrl; inline?: boolean }): JSX.Element {
  const doc = () => parseRichText(props.source);
  return (
    <For each={doc()}>
      {(paragraph) =>
        props.inline ? (
          <span class="kw-rich">
            <InlineNodes nodes={paragraph} assetUrl={props.assetUrl} />
          </span>
        ) : (
          <p class="kw-rich">
            <InlineNodes nodes={paragraph} assetUrl={props.assetUrl} />
          </p>
        )
      }
    </For>
  );
}
