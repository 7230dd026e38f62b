import { ELIGIBILITY_OUTCOME_NAMES, type EligibilityOutcome } from '@kaowu/domain/browser';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { client, messageOf, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import type { EligibilityLine } from '../../contract.ts';

const outcome = (l: EligibilityLine): EligibilityOutcome =>
  l.result === null ? 'missing' : l.result.eligible ? 'eligible' : 'ineligible';

/** 申报条件审核: every candidate eligible or not on the plan's date, with the path met or the reasons why not. */
export function EligibilityView(props: { batchId: string; version: number }) {
  // The source is never falsy (a falsy source would not fetch): refetched whenever the version moves.
  const [view] = createResource(
    () => [props.batchId, props.version] as const,
    async ([batchId]) => {
      try {
        return {
          ok: true as const,
          view: await ok(client.batches[':batchId'].results.eligibility.$get({ param: { batchId } })),
        };
      } catch (e) {
        return { ok: false as const, message: messageOf(e) };
      }
    },
  );
  const [onlyIneligible, setOnlyIneligible] = createSignal(false);
  const loaded = createMemo(() => {
    const v = view.latest;
    return v?.ok ? v.view : undefined;
  });
  const failure = () => {
    const v = view.latest;
    return v && !v.ok ? v.message : undefined;
  };
  const lines = () => loaded()?.lines ?? [];
  const count = (o: ReturnType<typeof outcome>) => lines().filter((l) => outcome(l) === o).length;
  const shown = createMemo(() => (onlyIneligible() ? lines().filter((l) => outcome(l) === 'ineligible') : lines()));
  return (
    <section class="panel" aria-label="申报条件审核">
      <h3>申报条件审核</h3>
      <Show when={failure()}>{(m) => <p class="hint">{m()}</p>}</Show>
      <Show when={loaded()}>
        {(v) => (
          <>
            <div class="row">
              <span data-testid="eligibility-counts">
                审核日期 {v().asOf}：共 {lines().length} 人，符合 {count('eligible')} 人，不符合 {count('ineligible')}{' '}
                人，未录入 {count('missing')} 人
              </span>
              <label class="inline">
                <input
                  type="checkbox"
                  checked={onlyIneligible()}
                  onChange={(e) => setOnlyIneligible(e.currentTarget.checked)}
                />
                只看不符合
              </label>
            </div>
            <For each={v().batchProblems}>
              {(p) => (
                <p class="error" role="alert" data-testid="eligibility-batch-problem">
                  批次问题：{p}
                </p>
              )}
            </For>
            <div class="scroll">
              <Grid
                class="eligibility"
                label="申报条件审核结果"
                columns={['准考证号', '姓名', '结果', '依据或原因']}
                rows={shown()}
                empty={onlyIneligible() ? '没有不符合申报条件的考生' : '本批次没有考生'}
              >
                {(l) => (
                  <tr classList={{ ineligible: outcome(l) === 'ineligible' }}>
                    <td>{l.ticket}</td>
                    <td>{l.name}</td>
                    <td>{ELIGIBILITY_OUTCOME_NAMES[outcome(l)]}</td>
                    <td>
                      <Show when={l.result && !l.result.eligible} fallback={l.result?.path?.description ?? ''}>
                        <ul class="reasons">
                          <For each={l.result?.reasons ?? []}>{(r) => <li>{r}</li>}</For>
                        </ul>
                      </Show>
                    </td>
                  </tr>
                )}
              </Grid>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
