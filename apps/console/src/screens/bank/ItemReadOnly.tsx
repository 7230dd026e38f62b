import { ITEM_STATUS_NAMES, ITEM_TYPE_NAMES } from '@kaowu/domain/browser';
import { ItemView } from '@kaowu/item-view';
import { createResource, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { CloseButton } from '../../components/CloseButton.tsx';
import { Notice } from '../../components/Notice.tsx';
import type { BankRef, ItemContent } from '../../contract.ts';
import { assetUrl } from './bank-assets.ts';
import { keyText } from './key-text.ts';
import { VersionDiff } from './VersionDiff.tsx';

/**
 * One item for those who read the bank but do not write items (assessors): the candidate's view, the key and the
 * explanation, and the version history — no fields that would fail on save.
 */
const optionsOf = (c: ItemContent): { options?: readonly string[] } => ('options' in c ? { options: c.options } : {});

export function ItemReadOnly(props: { bank: BankRef; code: string; onClose: () => void }) {
  const [history] = createResource(
    () => props.code,
    (code) =>
      ok(
        client.banks[':occupation'][':level'].items[':code'].history.$get({
          param: { ...bankParam(props.bank), code },
        }),
      ),
  );
  const head = () => history()?.at(-1);
  return (
    <section class="editor" aria-label="试题（只读）">
      <header class="row">
        <h2>试题 {props.code}</h2>
        <CloseButton label="返回列表" onClose={props.onClose} />
      </header>
      <Notice error={history.error} />
      <Show when={head()}>
        {(v) => (
          <>
            <p class="hint">
              {ITEM_TYPE_NAMES[v().content.type]} · 鉴定点 {v().content.point} · 难度 {v().content.difficulty} · 第{' '}
              {v().version} 版 · {ITEM_STATUS_NAMES[v().status]}（只读：您没有编写试题的权限）
            </p>
            <section class="preview" aria-label="考生所见预览">
              <ItemView
                item={{
                  number: 1,
                  code: v().code,
                  type: v().content.type,
                  points: 1,
                  stem: v().content.stem,
                  ...optionsOf(v().content),
                }}
                response={undefined}
                assetUrl={assetUrl(props.bank)}
              />
            </section>
            <p>
              答案：{keyText(v().content)}
              {v().content.explanation ? `；解析：${v().content.explanation}` : ''}
            </p>
          </>
        )}
      </Show>
      <Show when={(history()?.length ?? 0) > 1}>
        <VersionDiff versions={history() ?? []} />
      </Show>
    </section>
  );
}
