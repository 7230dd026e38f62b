import { levelLabel } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api.ts';
import type { BankSummary } from '../../types.ts';
import { BankPage } from './BankPage.tsx';

/** Occupation → level → bank: the authoring app's starting point. */
export function BanksPage() {
  const [banks] = createResource(() => api.get<BankSummary[]>('/banks'));
  const [open, setOpen] = createSignal<BankSummary>();
  return (
    <Show when={open()} fallback={
      <section aria-label="题库">
        <h2>题库</h2>
        <table class="grid">
          <thead><tr><th>职业</th><th>职业编码</th><th>等级</th><th>试题</th><th>已通过</th><th /></tr></thead>
          <tbody>
            <For each={banks()}>
              {(b) => (
                <tr>
                  <td>{b.occupationName}</td><td>{b.occupationCode}</td><td>{levelLabel(b.level as 5)}</td><td>{b.items}</td><td>{b.approved}</td>
                  <td><button type="button" class="primary" onClick={() => setOpen(b)}>打开 {b.label}</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    }>
      {(b) => (
        <>
          <button type="button" class="back" onClick={() => setOpen(undefined)}>← 全部题库</button>
          <BankPage bank={{ occupationCode: b().occupationCode, level: b().level }} label={b().label} />
        </>
      )}
    </Show>
  );
}
