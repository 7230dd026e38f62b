import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import type { BankRef } from '../../contract.ts';
import { StatsPanel } from './StatsPanel.tsx';

/**
 * A bank's 统计分析: the batches of it whose item analysis is stored (newest first), and the chosen one's
 * statistics; from there an author or reviewer opens a flagged item in the bank.
 */
export function BankStats(props: { bank: BankRef }) {
  const [batches] = createResource(
    () => props.bank,
    (bank) => ok(client.banks[':occupation'][':level'].stats.$get({ param: bankParam(bank) })),
  );
  const [chosen, setChosen] = createSignal<string>();
  const current = () => chosen() ?? batches()?.[0]?.batchId;
  return (
    <section aria-label="题库统计分析">
      <Notice error={batches.error} />
      <Show when={batches()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="hint">本题库还没有计算过统计分析的认定批次。</p>}>
            <label class="row">
              认定批次
              <select value={current() ?? ''} onChange={(e) => setChosen(e.currentTarget.value)}>
                <For each={list()}>
                  {(b) => (
                    <option value={b.batchId}>
                      {b.planNumber} {b.name}（{b.n} 人，{b.flagged} 题有统计异常）
                    </option>
                  )}
                </For>
              </select>
            </label>
            <Show when={current()} keyed>
              {(batchId) => <StatsPanel batchId={batchId} canCompute={false} />}
            </Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
