import { ItemStatsBox } from '../stats/ItemStatsBox.tsx';
import { mayInBank } from '../../permissions.ts';
import {
  DIFFICULTY_NAMES,
  ITEM_STATUS_NAMES,
  ITEM_TYPE_NAMES,
  OPTION_LETTERS,
  parseDifficulty,
  ITEM_SAVE_OUTCOME_NAMES,
} from '@kaowu/domain/browser';
import { ItemView } from '@kaowu/item-view';
import { createEffect, createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { bankParam, client, ok } from '../../api.ts';
import { CloseButton } from '../../components/CloseButton.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BankRef, ItemType } from '../../contract.ts';
import { assetUrl, insertImage, uploadImage } from './bank-assets.ts';
import { blankDraft, contentOf, draftOf, draftProblems, type ItemDraft } from './item-form.ts';
import { VersionDiff } from './VersionDiff.tsx';

/** Editing one item: fields on the left, the candidate's view on the right, problems as you type, history below. */
export function ItemEditor(props: {
  bank: BankRef;
  code: string | undefined;
  points: readonly { code: string; name: string }[];
  defaultPoint?: string | undefined;
  onSaved: (code: string) => void;
  onClose: () => void;
}) {
  const [code, setCode] = createSignal(props.code);
  const [history, { refetch }] = createResource(code, (c) =>
    ok(
      client.banks[':occupation'][':level'].items[':code'].history.$get({
        param: { ...bankParam(props.bank), code: c },
      }),
    ),
  );
  const [draft, setDraft] = createStore<ItemDraft>(blankDraft(props.defaultPoint));
  const loaded = createMemo(() => history()?.at(-1));
  // The stored head replaces what is in the form whenever it is (re)loaded: after opening and after saving.
  createEffect(() => {
    const head = loaded();
    if (head) setDraft(reconcile(draftOf(head.content)));
  });
  const pointSet = createMemo(() => new Set(props.points.map((p) => p.code)));
  const problems = createMemo(() => draftProblems(draft, pointSet()));
  const action = createAction();
  const setType = (t: ItemType) => {
    setDraft({
      type: t,
      key: [],
      options: t === 'true_false' ? [] : draft.options.length >= 2 ? draft.options : ['', '', '', ''],
    });
  };
  const toggleKey = (i: number) => {
    if (draft.type === 'multiple')
      setDraft('key', draft.key.includes(i) ? draft.key.filter((k) => k !== i) : [...draft.key, i]);
    else setDraft('key', [i]);
  };
  const save = () =>
    action.run(
      async () => {
        const res = await ok(
          client.banks[':occupation'][':level'].items.$post({
            param: bankParam(props.bank),
            json: { ...(code() ? { code: code() } : {}), content: contentOf(unwrap(draft)) },
          }),
        );
        setCode(res.code);
        await refetch();
        props.onSaved(res.code);
        return res;
      },
      (r) => `已保存 ${r.code}（${ITEM_SAVE_OUTCOME_NAMES[r.outcome]}）`,
    );
  const submit = () =>
    action.run(
      async () => {
        const c = code();
        if (!c) throw new Error('请先保存');
        await client.banks[':occupation'][':level']['item-status'].$post({
          param: bankParam(props.bank),
          json: { codes: [c], action: 'submit' },
        });
        await refetch();
        props.onSaved(c);
        return c;
      },
      (c) => `${c} 已提交审核`,
    );
  let stemBox!: HTMLTextAreaElement;
  let picker!: HTMLInputElement;
  // The image goes into the bank first, then its reference where the caret was in the stem.
  const insertPicture = (file: File | undefined) =>
    void action.run(
      async () => {
        if (!file) return undefined;
        const caret = stemBox.selectionStart;
        const name = await uploadImage(props.bank, file);
        setDraft('stem', insertImage(draft.stem, caret, name));
        picker.value = '';
        return name;
      },
      (name) => name && `已插入图片 ${name}，请把“说明”改为图片的文字说明`,
    );
  const preview = () => ({
    number: 1,
    code: code() ?? '新试题',
    type: draft.type,
    points: 1,
    stem: draft.stem || '（题干）',
    ...(draft.type === 'true_false'
      ? {}
      : { options: draft.options.map((o, i) => o || `（选项${OPTION_LETTERS[i]}）`) }),
  });
  return (
    <section class="editor" aria-label="试题编辑">
      <header class="row">
        <h2>{code() ? `试题 ${code()}` : '新建试题'}</h2>
        <Show when={loaded()}>
          {(h) => (
            <span class={`status ${h().status}`}>
              第 {h().version} 版 · {ITEM_STATUS_NAMES[h().status]}
            </span>
          )}
        </Show>
        <Show when={loaded()?.reviewComment}>
          <span class="comment">审核意见：{loaded()?.reviewComment}</span>
        </Show>
        <CloseButton label="返回列表" onClose={props.onClose} />
      </header>
      <div class="split">
        <form
          class="fields"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div class="row">
            <label>
              题型
              <select value={draft.type} onChange={(e) => setType(e.currentTarget.value as ItemType)}>
                <For each={Object.entries(ITEM_TYPE_NAMES)}>{([k, v]) => <option value={k}>{v}</option>}</For>
              </select>
            </label>
            <label>
              鉴定点
              <input list="points" value={draft.point} onInput={(e) => setDraft('point', e.currentTarget.value)} />
            </label>
            <label>
              难度
              <select
                value={String(draft.difficulty)}
                onChange={(e) => setDraft('difficulty', parseDifficulty(e.currentTarget.value) ?? draft.difficulty)}
              >
                <For each={[1, 2, 3, 4, 5] as const}>
                  {(d) => (
                    <option value={String(d)}>
                      {d} {DIFFICULTY_NAMES[d]}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </div>
          <datalist id="points">
            <For each={props.points}>{(p) => <option value={p.code}>{p.name}</option>}</For>
          </datalist>
          <label>
            题干
            <textarea
              ref={stemBox}
              rows="4"
              value={draft.stem}
              onInput={(e) => setDraft('stem', e.currentTarget.value)}
            />
          </label>
          <div class="row">
            <button type="button" disabled={action.busy()} onClick={() => picker.click()}>
              插入图片
            </button>
            <input
              ref={picker}
              type="file"
              hidden
              aria-label="选择图片"
              accept="image/png,image/jpeg,image/gif,image/webp"
              onChange={(e) => insertPicture(e.currentTarget.files?.[0])}
            />
            <span class="hint">png、jpg、gif、webp，不超过 2 MB</span>
          </div>
          <Show
            when={draft.type !== 'true_false'}
            fallback={
              <fieldset>
                <legend>答案</legend>
                <label class="inline">
                  <input type="radio" name="tf" checked={draft.key[0] === 0} onChange={() => setDraft('key', [0])} />
                  正确
                </label>
                <label class="inline">
                  <input type="radio" name="tf" checked={draft.key[0] === 1} onChange={() => setDraft('key', [1])} />
                  错误
                </label>
              </fieldset>
            }
          >
            <fieldset>
              <legend>选项（勾选正确答案）</legend>
              <Index each={draft.options}>
                {(o, i) => (
                  <div class="option-row">
                    <input
                      type={draft.type === 'multiple' ? 'checkbox' : 'radio'}
                      name="key"
                      aria-label={`选项${OPTION_LETTERS[i]}为正确答案`}
                      checked={draft.key.includes(i)}
                      onChange={() => toggleKey(i)}
                    />
                    <span>{OPTION_LETTERS[i]}</span>
                    <input
                      aria-label={`选项${OPTION_LETTERS[i]}`}
                      value={o()}
                      onInput={(e) => setDraft('options', i, e.currentTarget.value)}
                    />
                  </div>
                )}
              </Index>
              <div class="row">
                <button
                  type="button"
                  disabled={draft.options.length >= 8}
                  onClick={() => setDraft('options', [...draft.options, ''])}
                >
                  增加选项
                </button>
                <button
                  type="button"
                  disabled={draft.options.length <= 2}
                  onClick={() =>
                    setDraft({
                      options: draft.options.slice(0, -1),
                      key: draft.key.filter((k) => k < draft.options.length - 1),
                    })
                  }
                >
                  删除最后一个选项
                </button>
                <label>
                  乱序
                  <select
                    value={draft.shuffle}
                    onChange={(e) => setDraft('shuffle', e.currentTarget.value as ItemDraft['shuffle'])}
                  >
                    <option value="all">全部乱序</option>
                    <option value="keep-last">末项固定</option>
                    <option value="none">不乱序</option>
                  </select>
                </label>
              </div>
            </fieldset>
          </Show>
          <label>
            解析
            <textarea
              rows="2"
              value={draft.explanation}
              onInput={(e) => setDraft('explanation', e.currentTarget.value)}
            />
          </label>
          <Show when={problems().length > 0}>
            <ul class="problems" aria-label="待修正">
              <For each={problems()}>{(p) => <li>{p}</li>}</For>
            </ul>
          </Show>
          <div class="row">
            <button type="submit" class="primary" disabled={problems().length > 0 || action.busy()}>
              保存草稿
            </button>
            <button
              type="button"
              disabled={!code() || loaded()?.status !== 'draft' || action.busy()}
              onClick={() => void submit()}
            >
              提交审核
            </button>
          </div>
          <Notice ok={action.ok()} error={action.error()} />
        </form>
        <section class="preview" aria-label="考生所见预览">
          <h3>考生所见</h3>
          <ItemView item={preview()} response={undefined} assetUrl={assetUrl(props.bank)} />
        </section>
      </div>
      <Show when={code() && mayInBank('stats.read', props.bank.occupationCode) ? code() : undefined} keyed>
        {(c) => (
          <ItemStatsBox
            bank={props.bank}
            code={c}
            status={loaded()?.status}
            onChanged={() => {
              void refetch();
              props.onSaved(c);
            }}
          />
        )}
      </Show>
      <Show when={(history()?.length ?? 0) > 1}>
        <VersionDiff versions={history() ?? []} />
      </Show>
    </section>
  );
}
