import { ItemView } from '@kaowu/item-view';
import { createEffect, createMemo, createResource, For, Show } from 'solid-js';
import { client, ok } from '../../api.ts';
import { CloseButton } from '../../components/CloseButton.tsx';
import { Grid } from '../../components/Grid.tsx';
import type { BankRef } from '../../contract.ts';
import { assetUrl } from '../bank/bank-assets.ts';
import { keyText } from '../bank/key-text.ts';

/**
 * One sealed form as candidates will see it (the exam client's own item component), each item with its code,
 * area, difficulty and key, after a summary that shows the blueprint was followed. Reading it is audited.
 */
export function PaperPreview(props: { paperId: string; bank: BankRef; onClose: () => void }) {
  const [stored] = createResource(
    () => props.paperId,
    (id) => ok(client.papers[':paperId'].$get({ param: { paperId: id } })),
  );
  const summary = createMemo(() => {
    const p = stored()?.paper;
    if (p === undefined) return undefined;
    const items = p.sections.flatMap((s) => s.items);
    const byArea = new Map<string, number>();
    for (const i of items) byArea.set(i.area, (byArea.get(i.area) ?? 0) + 1);
    const mean =
      items.reduce((n, i) => n + i.content.difficulty * i.points, 0) / items.reduce((n, i) => n + i.points, 0);
    return {
      items: items.length,
      byArea: [...byArea].sort(([a], [b]) => (a < b ? -1 : 1)),
      mean: Math.round(mean * 100) / 100,
    };
  });
  let region!: HTMLElement;
  // The preview opens below the list of papers: bring it into view once the paper is there.
  createEffect(() => {
    if (stored() !== undefined) region.scrollIntoView({ block: 'start' });
  });
  return (
    <section ref={region} class="panel paper-preview" aria-label="试卷预览">
      <Show
        when={stored()}
        fallback={
          <p class="hint">
            {stored.error ? `无法载入试卷：${String(stored.error.message ?? stored.error)}` : '正在载入试卷…'}
          </p>
        }
      >
        {(s) => (
          <>
            <header class="row">
              <h3>
                {s().paper.title} · {s().paper.inputs.form} 卷{s().draft ? '（草稿）' : ''}
              </h3>
              <CloseButton label="关闭预览" onClose={props.onClose} />
            </header>
            <p class="facts">
              <span>时长</span>
              {s().paper.durationMinutes} 分钟 <span>总分</span>
              {s().paper.totalScore} <span>题量</span>
              {summary()?.items}
              <span>平均难度</span>
              {summary()?.mean} <span>组卷随机码</span>
              {s().paper.inputs.seed} <span>校验码</span>
              <code>{s().paper.hash.slice(0, 16)}…</code>
            </p>
            <Grid
              label="试卷构成"
              columns={['题型', '题量', '每题分值']}
              headings={<For each={summary()?.byArea}>{([area]) => <th>范围 {area}</th>}</For>}
              rows={s().paper.sections}
            >
              {(sec) => (
                <tr>
                  <td>{sec.name}</td>
                  <td>{sec.items.length}</td>
                  <td>{sec.points}</td>
                  <For each={summary()?.byArea}>
                    {([area]) => <td>{sec.items.filter((i) => i.area === area).length}</td>}
                  </For>
                </tr>
              )}
            </Grid>
            <For each={s().paper.sections}>
              {(sec) => (
                <div class="paper-section">
                  <h4>
                    {sec.name}（共 {sec.items.length} 题，每题 {sec.points} 分）
                  </h4>
                  <For each={sec.items}>
                    {(i) => (
                      <div class="paper-item">
                        <ItemView
                          item={{
                            number: i.number,
                            code: i.code,
                            type: i.content.type,
                            points: i.points,
                            stem: i.content.stem,
                            ...('options' in i.content ? { options: i.content.options } : {}),
                          }}
                          response={undefined}
                          assetUrl={assetUrl(props.bank)}
                        />
                        <p class="hint">
                          编号 {i.code} · 范围 {i.area} · 鉴定点 {i.content.point} · 难度 {i.content.difficulty} · 答案{' '}
                          {keyText(i.content)}
                        </p>
                      </div>
                    )}
                  </For>
                </div>
              )}
            </For>
          </>
        )}
      </Show>
    </section>
  );
}
